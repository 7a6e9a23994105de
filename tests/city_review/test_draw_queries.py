"""The draw's invitations are sent in bulk: its query count does not grow with the panel size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shifan.applications.enums import Status
from shifan.city_review.domain.draws import draw_experts
from shifan.city_review.domain.panel import invite, invite_many
from shifan.city_review.models import PanelSeat
from shifan.notifications.models import Delivery, Notification
from tests.factories import ApplicationFactory, OrganizationFactory, UserFactory
from tests.review_factories import make_expert, make_group, put_in_group

pytestmark = pytest.mark.django_db

BACKUPS = 2


@pytest.fixture
def pool(db):
    """Ten experts with accounts, one of them with a mobile (texted), one with no account."""
    experts = [make_expert() for _ in range(8)]
    experts.append(make_expert(user=UserFactory(role="expert", display_name="有手机的专家", mobile="13900000001")))
    experts.append(make_expert(with_account=False))
    return experts


def _group(batch, officer, district, panel_size: int):
    """A group of one application (of a new organisation) needing ``panel_size`` experts."""
    group = make_group(batch, actor=officer, panel_size=panel_size, backup_count=BACKUPS)
    org = OrganizationFactory(jurisdiction=district)
    put_in_group(ApplicationFactory(organization=org, batch=batch, status=Status.IN_REVIEW), group, officer)
    return group


def _queries_to_draw(group, officer) -> int:
    with CaptureQueriesContext(connection) as captured:
        draw_experts(group, actor=officer)
    return len(captured.captured_queries)


def test_the_draw_takes_as_many_queries_for_seven_experts_as_for_three(batch, officer, district_x, pool):
    # A first draw warms what is cached once per process (content types and the like).
    _queries_to_draw(_group(batch, officer, district_x, 1), officer)
    counts = {size: _queries_to_draw(_group(batch, officer, district_x, size), officer) for size in (3, 5, 7)}
    assert counts[3] == counts[5] == counts[7]
    assert PanelSeat.objects.filter(state=PanelSeat.State.INVITED).count() == 1 + 3 + 5 + 7
    assert PanelSeat.objects.filter(state=PanelSeat.State.WAITING).count() == 4 * BACKUPS


def _expected_invitation(group) -> tuple[str, str, str]:
    """The invitation exactly as the one-by-one ``invite`` wrote it."""
    return (
        f"评审邀请：{group.batch.name}",
        f"您被随机抽取为「{group.batch.name}」{group.name}的评审专家。\n"
        "请登录系统接受或谢绝邀请；接受后须先作出回避声明，才能查看申报材料。",
        "/expert/",
    )


def test_each_invited_expert_with_an_account_gets_the_same_invitation_as_before(batch, officer, district_x, pool):
    group = _group(batch, officer, district_x, 7)
    draw = draw_experts(group, actor=officer)
    invited = list(draw.seats.filter(state=PanelSeat.State.INVITED).select_related("expert__user"))
    assert [s.position for s in invited] == list(range(1, 8))
    assert all(s.invited_at is not None for s in invited)
    notes = list(Notification.objects.filter(event="review.expert_invited").order_by("pk"))
    users = [s.expert.user for s in sorted(invited, key=lambda s: s.position) if s.expert.user]
    assert [n.recipient_id for n in notes] == [u.pk for u in users]  # one each, in drawn order
    assert {(n.subject, n.body, n.link) for n in notes} == {_expected_invitation(group)}
    for note in notes:
        texted = bool(note.recipient.mobile)
        assert note.sms_status == (Delivery.PENDING if texted else Delivery.NONE)
    # Backups are not told until promoted.
    waiting = draw.seats.filter(state=PanelSeat.State.WAITING).select_related("expert")
    assert not Notification.objects.filter(recipient__in=[s.expert.user_id for s in waiting if s.expert.user_id])


def test_invite_of_one_seat_refreshes_it_and_notifies_its_expert(batch, officer, district_x, pool):
    group = _group(batch, officer, district_x, 1)
    draw = draw_experts(group, actor=officer)
    backup = draw.seats.filter(state=PanelSeat.State.WAITING, expert__user__isnull=False).first()
    invite(backup)
    assert backup.state == PanelSeat.State.INVITED and backup.invited_at is not None
    assert PanelSeat.objects.get(pk=backup.pk).state == PanelSeat.State.INVITED
    note = Notification.objects.get(event="review.expert_invited", recipient=backup.expert.user)
    assert (note.subject, note.body, note.link) == _expected_invitation(group)


def test_invite_many_of_nothing_does_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert invite_many([]) == []
