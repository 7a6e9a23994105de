"""A batch spread over districts, service functions and stages, for the dashboard's tests.

Applications are placed in their states directly (factories), some with a StatusChange history
that went further than their current status, one in an earlier batch and one draft: the
dashboard must count each exactly as the tests count them independently.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from shifan.applications.enums import Status
from shifan.applications.models import ApplicationProfile, StatusChange
from shifan.city_review.models import ExpertDraw, PanelSeat, Score
from shifan.tracking.models import TrackingReport, TrackingRound
from tests.factories import ApplicationFactory, BatchFactory, JurisdictionFactory, OrganizationFactory
from tests.recognition_factories import make_recognition
from tests.review_factories import make_expert, make_group, make_reviewed, put_in_group, seat_expert, submit_score


def _app(batch, district, status, functions=(), *, history=(), **profile):
    application = ApplicationFactory(batch=batch, organization=OrganizationFactory(jurisdiction=district),
                                     status=status)
    if functions or profile:
        ApplicationProfile.objects.create(application=application, service_functions=list(functions), **profile)
    at = timezone.now() - timedelta(days=30)
    for number, (source, target) in enumerate(history):
        StatusChange.objects.create(application=application, action="submit", from_status=source, to_status=target,
                                    at=at + timedelta(hours=number))
    return application


def build_dashboard_batch(personas, batch, district_x, district_y) -> dict:
    """The world: returns the applications by key and the experts of the workload chart."""
    officer, head = personas["bureau_officer"], personas["bureau_head"]
    district_z = JurisdictionFactory(code="360111")  # 青山湖区: only a draft there, so no row
    apps = {
        "x_submitted": _app(batch, district_x, Status.SUBMITTED, ("technology", "training"),
                            total_assets=Decimal("800")),
        "x_recommended": _app(batch, district_x, Status.RECOMMENDED, ("technology",),
                              history=[("draft", "submitted"), ("submitted", "recommended")]),
        # Recommended, sent back, returned and withdrawn: still counted as submitted and recommended.
        "x_withdrawn": _app(batch, district_x, Status.WITHDRAWN, ("training", "training"), history=[
            ("draft", "submitted"), ("submitted", "recommended"), ("recommended", "sent_back"),
            ("sent_back", "returned"), ("returned", "withdrawn")]),
        "x_draft": _app(batch, district_x, Status.DRAFT, ("technology",)),
        "z_draft": _app(batch, district_z, Status.DRAFT, ("financing",)),
        "y_declined": _app(batch, district_y, Status.DISTRICT_DECLINED, ()),
        "y_reviewed": _app(batch, district_y, Status.REVIEWED, ("financing",)),
        # Proposed, published, then removed from the list after an objection.
        "y_removed": _app(batch, district_y, Status.NOT_PROPOSED, ("financing", "market"), history=[
            ("reviewed", "proposed"), ("proposed", "in_publicity"), ("in_publicity", "not_proposed")]),
        "y_recognised": _app(batch, district_y, Status.IN_PUBLICITY, ("technology", "financing")),
        "y_not_proposed": _app(batch, district_y, Status.NOT_PROPOSED, ()),
    }
    make_recognition(apps["y_recognised"], officer=officer, head=head)
    apps["y_recognised"].refresh_from_db()
    # Another batch's recognised platform must not be counted.
    earlier = BatchFactory(year=batch.year - 1, state="closed")
    apps["earlier"] = _app(earlier, district_x, Status.RECOGNISED, ("technology",))

    # Expert workload. make_reviewed: a one-expert group with that expert's sheet submitted.
    reviewed_score = make_reviewed(apps["y_reviewed"], actor=officer)
    group = make_group(batch, actor=officer, panel_size=2)
    for key in ("y_removed", "y_recognised", "y_not_proposed"):
        put_in_group(apps[key], group, officer)
    busy, idle = make_expert(name="甲专家"), make_expert(name="乙专家")
    declined, replaced = make_expert(), make_expert()
    busy_seat = seat_expert(group, busy, actor=officer)
    seat_expert(group, idle, actor=officer)
    PanelSeat.objects.create(draw=busy_seat.draw, expert=declined, position=9, state=PanelSeat.State.DECLINED)
    submit_score(apps["y_removed"], group=group, scorer=busy.user, seat=busy_seat, points=Decimal(81))
    submit_score(apps["y_recognised"], group=group, scorer=busy.user, seat=busy_seat, points=Decimal(85))
    Score.objects.create(group=group, application=apps["y_not_proposed"], seat=busy_seat, scorer=busy.user,
                         state=Score.State.DRAFT)
    # A superseded draw of an earlier-batch group: its accepted seat is not this batch's workload.
    old_group = make_group(earlier, actor=officer)
    old_draw = ExpertDraw.objects.create(group=old_group, seed="1" * 32, panel_size=1, backup_count=0,
                                         fingerprint="", drawn_by=officer, superseded_at=timezone.now())
    PanelSeat.objects.create(draw=old_draw, expert=replaced, position=1, state=PanelSeat.State.ACCEPTED)
    return {"apps": apps, "busy": busy, "idle": idle, "reviewer": reviewed_score.seat.expert,
            "declined": declined, "replaced": replaced, "earlier": earlier}


def build_tracking_rounds(personas) -> dict:
    """An older round and the latest one: on time and passing, late and failing, not submitted (past due)."""
    officer, head = personas["bureau_officer"], personas["bureau_head"]
    older_batch = BatchFactory(year=timezone.localdate().year - 3, state="closed")
    recognitions = [make_recognition(ApplicationFactory(batch=older_batch, status=Status.RECOGNISED),
                                     officer=officer, head=head) for _ in range(3)]
    today = timezone.localdate()
    older = TrackingRound.objects.create(year=today.year - 2, title="旧一轮", opens_on=today - timedelta(days=400),
                                         due_on=today - timedelta(days=370), opened_by=officer)
    latest = TrackingRound.objects.create(year=today.year - 1, title=f"{today.year - 1}年度动态跟踪",
                                          opens_on=today - timedelta(days=30), due_on=today - timedelta(days=2),
                                          opened_by=officer)
    TrackingReport.objects.create(round=older, recognition=recognitions[0], state="submitted", eligible=False,
                                  submitted_at=timezone.now() - timedelta(days=380))
    on_time, late, missing = recognitions
    TrackingReport.objects.create(round=latest, recognition=on_time, state="submitted", eligible=True,
                                  submitted_at=timezone.now() - timedelta(days=10))
    TrackingReport.objects.create(round=latest, recognition=late, state="submitted", eligible=False,
                                  submitted_at=timezone.now(),
                                  evaluation={"conditions": [{"code": "total_assets", "status": "fail"}]})
    TrackingReport.objects.create(round=latest, recognition=missing)
    return {"older": older, "latest": latest}
