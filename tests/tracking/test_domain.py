"""动态跟踪 (第十三条): opening a round, filing and checking reports, late, rectification, revocation."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shifan.audit.models import AuditEvent
from shifan.notifications.models import Notification
from shifan.policies.domain import activate_policy, supersede_policy
from shifan.recognition.models import Approval, Revocation
from shifan.tracking.domain import (
    close_rectification,
    is_late,
    issue_rectification,
    open_round,
    round_overview,
    save_report,
    start_revocation,
    submit_report,
)
from shifan.tracking.models import Rectification, TrackingReport
from shifan.tracking.queries import open_tracking_reports, reports_for_user
from shifan.workspace.tracking_pages import revocation_reason
from tests.tracking.helpers import ACTIVITIES, FAILING, PASSING, recognised

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year - 1


@pytest.fixture
def world(personas, org_a, org_b):
    officer, head = personas["bureau_officer"], personas["bureau_head"]
    start = TODAY - timedelta(days=100)
    return {
        "a": recognised(org_a, officer=officer, head=head, year=YEAR - 1, starts_on=start, platform_name="甲平台"),
        "b": recognised(org_b, officer=officer, head=head, year=YEAR - 2, starts_on=start, platform_name="乙平台"),
        "revoked": recognised(org_b, officer=officer, head=head, year=YEAR - 3, starts_on=start, revoked=True),
        "later": recognised(org_b, officer=officer, head=head, year=YEAR - 4, starts_on=TODAY + timedelta(days=1)),
    }


def _open(personas, **changes):
    values = {"year": YEAR, "title": f"{YEAR}年度示范平台动态跟踪", "opens_on": TODAY,
              "due_on": TODAY + timedelta(days=30), **changes}
    return open_round(actor=personas["bureau_officer"], **values)


def _report(tracking_round, recognition) -> TrackingReport:
    return tracking_round.reports.get(recognition=recognition)


def _fill(report, user, figures, summary="本年度服务情况良好。"):
    return save_report(report, actor=user, figures=figures, activities=ACTIVITIES, summary=summary)


def test_open_round_creates_a_draft_for_each_valid_recognition_and_notifies(personas, world):
    tracking_round = _open(personas)
    assert {r.recognition for r in tracking_round.reports.all()} == {world["a"], world["b"]}
    assert set(tracking_round.reports.values_list("state", flat=True)) == {"draft"}
    notified = set(Notification.objects.filter(event="tracking.round_opened").values_list("recipient__username",
                                                                                          flat=True))
    assert notified == {"applicant_a", "applicant_a2", "applicant_b"}
    event = AuditEvent.objects.get(event="tracking.round_opened")
    assert event.data == {"year": YEAR, "reports": 2, "due_on": (TODAY + timedelta(days=30)).isoformat()}


def test_open_round_refuses_bad_input_and_other_roles(personas, world):
    _open(personas)
    with pytest.raises(ValidationError) as refused:
        _open(personas, title=" ", due_on=TODAY)
    assert refused.value.message_dict == {"title": ["请填写标题。"], "year": [f"{YEAR}年度的动态跟踪已经开启。"],
                                          "due_on": ["报送截止日期须晚于开始日期。"]}
    for name in ("bureau_head", "applicant_a", "officer_x"):
        with pytest.raises(PermissionDenied):
            open_round(actor=personas[name], year=YEAR + 1, title="x", opens_on=TODAY, due_on=TODAY + timedelta(1))


def test_a_report_that_passes(personas, world):
    report = _report(_open(personas), world["a"])
    report = _fill(report, personas["applicant_a"], PASSING)
    assert report.eligible is True and report.failed_codes == []
    report = submit_report(report, actor=personas["applicant_a2"])
    assert report.state == "submitted" and report.submitted_by == personas["applicant_a2"]
    assert report.evaluation["reference_year"] == YEAR
    statuses = {c["code"]: c["status"] for c in report.evaluation["conditions"]}
    assert statuses["activities"] == "pass" and statuses["served_growth"] == "pass"
    assert statuses["training_volume"] == "pass"  # not a training platform: not applicable
    event = AuditEvent.objects.get(event="tracking.report_submitted")
    assert event.data == {"eligible": True, "failed": [], "late": False}
    assert Notification.objects.filter(event="tracking.report_submitted", recipient=personas["bureau_officer"]).exists()


def test_a_report_that_fails_two_named_conditions(personas, world):
    tracking_round = _open(personas)
    report = submit_report(_fill(_report(tracking_round, world["a"]), personas["applicant_a"], FAILING),
                           actor=personas["applicant_a"])
    assert report.eligible is False
    assert report.failed_codes == ["total_assets", "satisfaction"]
    overview = round_overview(tracking_round)
    row = next(r for r in overview["rows"] if r["report"].pk == report.pk)
    assert row["failed"] == ["total_assets", "satisfaction"] and row["eligible"] is False
    assert (overview["total"], overview["submitted"], overview["passed"], overview["failed"], overview["late"]) == (
        2, 1, 0, 1, 0)
    assert revocation_reason(report) == (
        f"{YEAR}年度动态跟踪（第十三条）核查，该平台不再符合《认定管理办法》第五条规定的以下条件：资产总额、服务满意度。")


def test_evaluated_under_the_recognitions_own_policy_after_a_newer_one_is_activated(personas, world):
    policy = world["a"].application.batch.policy
    newer = supersede_policy(policy, actor=personas["bureau_admin"], code="nanchang-2027",
                             min_total_assets=Decimal("1000"))
    activate_policy(newer, actor=personas["bureau_admin"])
    report = _fill(_report(_open(personas), world["a"]), personas["applicant_a"], PASSING)
    assert report.eligible is True  # 500 万元 meets the 100 万元 of the recognition's version, not 1000
    assert report.evaluation["policy"] == policy.code == "nanchang-2022"


def test_figures_are_checked(personas, world):
    report = _report(_open(personas), world["a"])
    bad = {**PASSING, "staff_qualified": 13, "served_satisfied": 121, "public_welfare_volume": 1001,
           "partners": -1}
    with pytest.raises(ValidationError) as refused:
        _fill(report, personas["applicant_a"], bad)
    assert refused.value.message_dict == {
        "partners": ["不能为负数。"], "staff_qualified": ["人数不能多于专职从业人员。"],
        "served_satisfied": ["满意企业数不能多于名单中的企业数。"],
        "public_welfare_volume": ["公益性或低收费服务不能多于服务总量。"],
    }


def test_submit_needs_the_figures_and_a_summary_and_happens_once(personas, world):
    report = _report(_open(personas), world["a"])
    save_report(report, actor=personas["applicant_a"], figures={**PASSING, "partners": None, "smes_served": None},
                activities={}, summary="")
    with pytest.raises(ValidationError) as refused:
        submit_report(report, actor=personas["applicant_a"])
    assert refused.value.messages == ["请先填写并保存：本年度服务中小企业（户）、集聚的社会服务机构（家）。"]
    _fill(report, personas["applicant_a"], PASSING, summary="")
    with pytest.raises(ValidationError) as refused:
        submit_report(report, actor=personas["applicant_a"])
    assert refused.value.message_dict == {"summary": ["请填写年度工作总结。"]}
    submit_report(_fill(report, personas["applicant_a"], PASSING), actor=personas["applicant_a"])
    with pytest.raises(ValidationError) as refused:
        submit_report(report, actor=personas["applicant_a"])
    assert refused.value.messages == ["该年度报告已经提交。"]
    with pytest.raises(ValidationError) as refused:
        _fill(report, personas["applicant_a"], PASSING)
    assert refused.value.messages == ["该年度报告已提交，不能再修改。"]


def test_only_the_organisations_applicants_may_file(personas, world):
    report = _report(_open(personas), world["a"])
    for name in ("applicant_b", "bureau_officer", "officer_x"):
        with pytest.raises(PermissionDenied):
            _fill(report, personas[name], PASSING)
        with pytest.raises(PermissionDenied):
            submit_report(report, actor=personas[name])
    assert not reports_for_user(personas["applicant_b"]).filter(pk=report.pk).exists()
    assert reports_for_user(personas["applicant_a2"]).filter(pk=report.pk).exists()
    assert not reports_for_user(personas["officer_x"]).exists()
    assert reports_for_user(personas["bureau_head"]).filter(pk=report.pk).exists()
    assert [r.pk for r in open_tracking_reports(personas["applicant_a"])] == [report.pk]


def test_late_detection_on_dates(personas, world):
    tracking_round = _open(personas, opens_on=TODAY - timedelta(days=40), due_on=TODAY - timedelta(days=10))
    report_a, report_b = _report(tracking_round, world["a"]), _report(tracking_round, world["b"])
    assert is_late(report_a, tracking_round.due_on) is False
    assert is_late(report_a, tracking_round.due_on + timedelta(days=1)) is True
    submit_report(_fill(report_a, personas["applicant_a"], PASSING), actor=personas["applicant_a"])
    report_a.refresh_from_db()
    assert is_late(report_a) is True  # accepted, flagged late
    assert AuditEvent.objects.get(event="tracking.report_submitted").data["late"] is True
    overview = round_overview(tracking_round)
    assert overview["late"] == 1  # B has not submitted after the due date
    assert [r["late"] for r in overview["rows"] if r["report"].pk == report_b.pk] == [True]
    on_time = round_overview(tracking_round, today=tracking_round.due_on)
    assert on_time["late"] == 0


def test_rectification_issue_and_close(personas, world):
    report = _report(_open(personas), world["a"])
    officer = personas["bureau_officer"]
    with pytest.raises(ValidationError) as refused:
        issue_rectification(report, actor=officer, due_on=TODAY, requirements="")
    assert refused.value.message_dict == {"due_on": ["整改期限须晚于今天。"], "requirements": ["请写明整改要求。"]}
    with pytest.raises(ValidationError) as refused:
        issue_rectification(report, actor=officer, due_on=None, requirements="补充材料")
    assert refused.value.message_dict == {"due_on": ["请填写整改期限。"]}
    with pytest.raises(PermissionDenied):
        issue_rectification(report, actor=personas["bureau_head"], due_on=TODAY + timedelta(1), requirements="x")
    rectification = issue_rectification(report, actor=officer, due_on=TODAY + timedelta(days=30),
                                        requirements="提高服务满意度。")
    assert set(Notification.objects.filter(event="tracking.rectification_issued")
               .values_list("recipient__username", flat=True)) == {"applicant_a", "applicant_a2"}
    with pytest.raises(ValidationError) as refused:
        issue_rectification(report, actor=officer, due_on=TODAY + timedelta(days=5), requirements="再次")
    assert refused.value.messages == ["该平台已有未结束的整改通知。"]
    rows = round_overview(report.round)["rows"]
    assert [r["rectification"] for r in rows if r["report"].pk == report.pk] == [rectification]
    with pytest.raises(ValidationError) as refused:
        close_rectification(rectification, actor=officer, note=" ")
    assert refused.value.message_dict == {"note": ["请写明整改情况。"]}
    close_rectification(rectification, actor=officer, note="已整改到位。")
    rectification.refresh_from_db()
    assert rectification.state == Rectification.State.CLOSED and rectification.closed_by == officer
    assert [e.event for e in AuditEvent.objects.filter(event__startswith="tracking.rectification")] == [
        "tracking.rectification_issued", "tracking.rectification_closed"]


def test_start_revocation_hands_over_to_the_revocation_flow(personas, world):
    tracking_round = _open(personas)
    report = submit_report(_fill(_report(tracking_round, world["a"]), personas["applicant_a"], FAILING),
                           actor=personas["applicant_a"])
    with pytest.raises(PermissionDenied):
        start_revocation(report, actor=personas["bureau_head"], reason=revocation_reason(report), public_reason="x")
    revocation = start_revocation(report, actor=personas["bureau_officer"], reason=revocation_reason(report),
                                  public_reason="经动态跟踪核查，不再符合认定条件。")
    assert revocation.state == Approval.SUBMITTED and revocation.recognition == world["a"]
    assert "资产总额、服务满意度" in revocation.reason
    assert AuditEvent.objects.get(event="tracking.revocation_started").data == {"revocation": revocation.pk}
    with pytest.raises(ValidationError) as refused:
        start_revocation(report, actor=personas["bureau_officer"], reason="再次报批撤销的理由", public_reason="x")
    assert refused.value.messages == ["该认定已有待审批的撤销。"]
    assert Revocation.objects.count() == 2  # the one above and the fixture's approved one of "revoked"


def test_next_year_is_prefilled_from_the_last_report(personas, world):
    first = _open(personas, year=YEAR - 1)
    submit_report(_fill(_report(first, world["a"]), personas["applicant_a"], PASSING), actor=personas["applicant_a"])
    second = _report(_open(personas), world["a"])
    assert second.smes_served_previous == 120 and second.smes_served is None
    assert second.total_assets == Decimal("500") and second.activities == {}
