"""The expert's registered scope and reading seat, written as flat joins, select exactly what the nested
form did: applications of the groups where the expert holds an accepted, conflict-free seat on a
current draw (never a waiting or released backup, a declined or conflicted seat, a superseded draw,
or another expert's seat)."""

from itertools import product

import pytest
from django.utils import timezone

from shifan.applications.enums import Status
from shifan.applications.queries import applications_for_user
from shifan.city_review.models import ExpertDraw, GroupMember, PanelSeat
from shifan.city_review.queries import expert_application, expert_application_ids, reading_seats, seat_for
from tests.factories import ApplicationFactory
from tests.review_factories import make_expert, make_group, put_in_group

pytestmark = pytest.mark.django_db


def nested_scope(user) -> set[int]:
    """The scope as it was first written (nested querysets), the reference for the flat one."""
    seats = (
        PanelSeat.objects.filter(expert__user=user, draw__superseded_at__isnull=True)
        .exclude(state__in=(PanelSeat.State.WAITING, PanelSeat.State.RELEASED))
        .filter(state=PanelSeat.State.ACCEPTED, declaration=PanelSeat.Declaration.NO_CONFLICT)
    )
    groups = seats.values("draw__group")
    return set(GroupMember.objects.filter(group__in=groups).values_list("application", flat=True))


def nested_seat(user, group) -> PanelSeat | None:
    return (
        PanelSeat.objects.filter(expert__user=user, draw__superseded_at__isnull=True, draw__group=group)
        .exclude(state__in=(PanelSeat.State.WAITING, PanelSeat.State.RELEASED))
        .filter(state=PanelSeat.State.ACCEPTED, declaration=PanelSeat.Declaration.NO_CONFLICT).first()
    )


def _draw(group, actor, *, superseded: bool) -> ExpertDraw:
    return ExpertDraw.objects.create(group=group, seed="0" * 32, panel_size=1, backup_count=0, fingerprint="",
                                     drawn_by=actor, superseded_at=timezone.now() if superseded else None)


@pytest.fixture
def seats_everywhere(batch, personas):
    """One group (with two applications) per combination of seat state, declaration and draw currency,
    each with a seat of expert_1 and, on the same draw, a reading seat of expert_2."""
    officer = personas["bureau_officer"]
    mine, other = make_expert(user=personas["expert_1"]), make_expert(user=personas["expert_2"])
    groups = []
    for state, declaration, superseded in product(PanelSeat.State.values, PanelSeat.Declaration.values,
                                                  (False, True)):
        group = make_group(batch, actor=officer)
        for _ in range(2):
            put_in_group(ApplicationFactory(batch=batch, status=Status.IN_REVIEW), group, officer)
        draw = _draw(group, officer, superseded=superseded)
        PanelSeat.objects.create(draw=draw, expert=mine, position=1, state=state, declaration=declaration)
        PanelSeat.objects.create(draw=draw, expert=other, position=2, state=PanelSeat.State.ACCEPTED,
                                 declaration=PanelSeat.Declaration.NO_CONFLICT)
        groups.append(group)
    # A group whose earlier (superseded) draw seated expert_1 and whose current draw did too.
    redrawn = make_group(batch, actor=officer)
    put_in_group(ApplicationFactory(batch=batch, status=Status.IN_REVIEW), redrawn, officer)
    for superseded in (True, False):
        PanelSeat.objects.create(draw=_draw(redrawn, officer, superseded=superseded), expert=mine, position=1,
                                 state=PanelSeat.State.ACCEPTED, declaration=PanelSeat.Declaration.NO_CONFLICT)
    groups.append(redrawn)
    # A group with no draw at all.
    bare = make_group(batch, actor=officer)
    put_in_group(ApplicationFactory(batch=batch, status=Status.IN_REVIEW), bare, officer)
    groups.append(bare)
    return groups


@pytest.mark.parametrize("name", ["expert_1", "expert_2", "in the pool, on no draw"])
def test_the_flat_scope_selects_what_the_nested_one_did(seats_everywhere, personas, name):
    user = personas[name] if name in personas else make_expert().user
    expected = nested_scope(user)
    assert set(expert_application_ids(user).values_list("application", flat=True)) == expected
    assert set(applications_for_user(user).values_list("pk", flat=True)) == expected
    if name == "expert_1":
        # accepted + no_conflict on a current draw: one group of the product, and the redrawn group
        assert len(expected) == 2 + 1


def test_the_lean_reading_seat_is_the_seat_the_nested_query_found(seats_everywhere, personas):
    for name in ("expert_1", "expert_2"):
        user = personas[name]
        for group in seats_everywhere:
            application = group.members.first().application
            expected = nested_seat(user, group)
            assert seat_for(user, application) == expected, (name, group.name)
            assert seat_for(user, application, group_id=group.pk) == expected
            assert reading_seats(user).filter(draw__group=group).first() == expected


@pytest.mark.parametrize("name", ["expert_1", "expert_2", "in the pool, on no draw"])
def test_the_scoring_page_s_one_query_decides_as_the_scope_and_the_seat_do(seats_everywhere, personas, name):
    user = personas[name] if name in personas else make_expert().user
    visible = set(applications_for_user(user).values_list("pk", flat=True))
    # A draft put (by hand) in a group where both experts read: the scope never shows a draft.
    reading_group = next(g for g in seats_everywhere if nested_seat(personas["expert_1"], g) is not None)
    draft = ApplicationFactory(batch=reading_group.batch, status=Status.DRAFT)
    GroupMember.objects.create(group=reading_group, application=draft, added_by=personas["bureau_officer"])
    found = 0
    for group in seats_everywhere:
        for member in group.members.select_related("application"):
            application = expert_application(user, member.application_id)
            if member.application_id not in visible:
                assert application is None, (name, group.name, member.application.status)
                continue
            found += 1
            assert application.pk == member.application_id
            assert application.reading_seat_id == nested_seat(user, group).pk
            assert application.review_membership.group == group
    assert found == len(visible)
    assert expert_application(user, draft.pk) is None


def test_an_inactive_expert_reads_nothing_through_the_scoring_query(seats_everywhere, personas):
    user = personas["expert_2"]
    readable = applications_for_user(user).first()
    assert expert_application(user, readable.pk) is not None
    user.is_active = False
    assert expert_application(user, readable.pk) is None
