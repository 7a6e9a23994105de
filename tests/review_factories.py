"""Building the city review's state directly, for tests that need an application at a later step.

These write rows the way the domain would leave them, without the steps' side effects, so that a
test of one step does not depend on every step before it. Tests of the steps themselves call the
domain functions instead.
"""

from decimal import Decimal
from itertools import count

from django.utils import timezone

from shifan.applications.models import Application
from shifan.city_review.domain.setup import indicators_for
from shifan.city_review.models import (
    AgencyReport,
    ExpertDraw,
    GroupMember,
    PanelSeat,
    ProposedEntry,
    ProposedList,
    ReviewGroup,
    Score,
    ScoreItem,
)
from shifan.experts.models import Expert
from tests.factories import UserFactory

_serial = count(1)


def make_expert(user=None, **fields) -> Expert:
    """A pool member with an active expert account unless told otherwise."""
    n = next(_serial)
    if user is None and fields.pop("with_account", True):
        user = UserFactory(role="expert", display_name=f"专家{n}")
    defaults = dict(
        name=f"专家{n}", employer_name=f"某大学{n}", title="教授", title_level="senior",
        specialties=["technology", "information"], mobile=f"139{n:08d}", email=f"expert{n}@example.test",
    )
    return Expert.objects.create(user=user, **{**defaults, **fields})


def make_group(batch, *, actor, mode: str = "experts", panel_size: int = 1, agency=None, **fields) -> ReviewGroup:
    return ReviewGroup.objects.create(
        batch=batch, name=fields.pop("name", f"第{next(_serial)}组"), mode=mode, panel_size=panel_size,
        backup_count=fields.pop("backup_count", 0), agency=agency, created_by=actor, **fields,
    )


def put_in_group(application: Application, group: ReviewGroup, actor) -> GroupMember:
    return GroupMember.objects.create(group=group, application=application, added_by=actor)


def seat_expert(group: ReviewGroup, expert: Expert, *, actor, declared: bool = True) -> PanelSeat:
    """The expert on the group's current draw, accepted and (unless told) declared free of conflict."""
    draw = group.draws.filter(superseded_at__isnull=True).first() or ExpertDraw.objects.create(
        group=group, seed="0" * 32, panel_size=group.panel_size, backup_count=0, fingerprint="", drawn_by=actor,
    )
    return PanelSeat.objects.create(
        draw=draw, expert=expert, position=draw.seats.count() + 1, state=PanelSeat.State.ACCEPTED,
        declaration=PanelSeat.Declaration.NO_CONFLICT if declared else "",
        declared_at=timezone.now() if declared else None,
    )


def submit_score(application: Application, *, group: ReviewGroup, scorer, seat=None, points: Decimal) -> Score:
    """A submitted sheet totalling ``points``, filled from the first indicator on, each within its maximum."""
    score = Score.objects.create(group=group, application=application, seat=seat, scorer=scorer,
                                 state=Score.State.SUBMITTED, total=points, submitted_at=timezone.now())
    left = points
    for indicator in indicators_for(group.batch):
        given = min(left, indicator.max_points)
        ScoreItem.objects.create(score=score, indicator=indicator, points=given)
        left -= given
    return score


def make_reviewed(application: Application, *, actor, points: Decimal = Decimal(80)) -> Score:
    """Application in a one-expert group with that expert's sheet submitted (review complete)."""
    group = make_group(application.batch, actor=actor)
    put_in_group(application, group, actor)
    seat = seat_expert(group, make_expert(), actor=actor)
    return submit_score(application, group=group, scorer=seat.expert.user, seat=seat, points=points)


def agency_report(group: ReviewGroup, user) -> AgencyReport:
    from django.core.files.base import ContentFile

    from tests.factories import MINIMAL_PDF

    report = AgencyReport(group=group, name="评审报告.pdf", extension="pdf", content_type="application/pdf",
                          size=len(MINIMAL_PDF), sha256="0" * 64, uploaded_by=user)
    report.file.save("upload", ContentFile(MINIMAL_PDF))
    return report


def on_approved_list(application: Application, *, officer, head, selected: bool, reason: str = "") -> ProposedEntry:
    plist = ProposedList.objects.create(batch=application.batch, state=ProposedList.State.APPROVED,
                                        prepared_by=officer, decided_by=head, decided_at=timezone.now())
    return ProposedEntry.objects.create(proposed_list=plist, application=application, rank=1, score=Decimal(80),
                                        selected=selected, reason=reason)
