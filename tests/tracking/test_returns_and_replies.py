"""Returning a submitted report for correction; the platform's replies to a 整改通知; the district's view."""

import os
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shifan.audit.models import AuditEvent
from shifan.notifications.models import Notification
from shifan.tracking.domain import (
    close_rectification,
    file_rectification_reply,
    is_late,
    issue_rectification,
    open_round,
    record_reply_file_read,
    return_report,
    save_report,
    submit_report,
)
from shifan.tracking.models import RectificationReply, TrackingReport
from shifan.tracking.queries import reply_files_for_user, reports_for_district
from tests.factories import MINIMAL_PDF
from tests.tracking.helpers import ACTIVITIES, FAILING, recognised

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year - 1


@pytest.fixture
def world(personas, org_a, org_b):
    officer, head = personas["bureau_officer"], personas["bureau_head"]
    a = recognised(org_a, officer=officer, head=head, year=YEAR - 1, starts_on=TODAY - timedelta(days=50),
                   platform_name="甲平台")
    b = recognised(org_b, officer=officer, head=head, year=YEAR - 2, starts_on=TODAY - timedelta(days=50),
                   platform_name="乙平台")
    tracking_round = open_round(actor=officer, year=YEAR, title="跟踪", opens_on=TODAY,
                                due_on=TODAY + timedelta(days=30))
    report = tracking_round.reports.get(recognition=a)
    save_report(report, actor=personas["applicant_a"], figures=FAILING, activities=ACTIVITIES, summary="总结。")
    return {"report": submit_report(report, actor=personas["applicant_a"]),
            "other": tracking_round.reports.get(recognition=b)}


def test_return_a_submitted_report(personas, world):
    report, officer = world["report"], personas["bureau_officer"]
    with pytest.raises(ValidationError) as refused:
        return_report(report, actor=officer, reason="  ")
    assert refused.value.message_dict == {"reason": ["请写明退回修改的理由。"]}
    for name in ("bureau_head", "applicant_a", "officer_x"):
        with pytest.raises(PermissionDenied):
            return_report(report, actor=personas[name], reason="理由")
    returned = return_report(report, actor=officer, reason="服务企业名单与总结不一致，请核对。")
    assert (returned.state, returned.submitted_at, returned.returned_by) == (TrackingReport.State.DRAFT, None, officer)
    assert returned.returned_reason == "服务企业名单与总结不一致，请核对。"
    assert returned.first_submitted_at is not None
    assert AuditEvent.objects.get(event="tracking.report_returned").data == {
        "reason": "服务企业名单与总结不一致，请核对。"}
    notes = Notification.objects.filter(event="tracking.report_returned")
    assert set(notes.values_list("recipient__username", flat=True)) == {"applicant_a", "applicant_a2"}
    assert "服务企业名单与总结不一致" in notes.first().body
    with pytest.raises(ValidationError) as again:
        return_report(returned, actor=officer, reason="再退")
    assert again.value.messages == ["只有已提交的年度报告可以退回修改。"]
    # The platform can edit and submit again.
    save_report(returned, actor=personas["applicant_a2"], figures=FAILING, activities=ACTIVITIES, summary="修改后。")
    assert submit_report(returned, actor=personas["applicant_a2"]).state == TrackingReport.State.SUBMITTED


def test_a_returned_report_is_judged_late_by_its_first_submission(personas, world):
    report = world["report"]
    TrackingReport.objects.filter(pk=report.pk).update(first_submitted_at=timezone.now() - timedelta(days=3),
                                                       submitted_at=timezone.now() - timedelta(days=3))
    report.round.due_on = TODAY - timedelta(days=1)
    report.round.save()
    report.refresh_from_db()
    assert not is_late(report)
    return_report(report, actor=personas["bureau_officer"], reason="请补充。")
    report.refresh_from_db()
    assert not is_late(report)  # returned after the due date: still on time
    resubmitted = submit_report(report, actor=personas["applicant_a"])
    assert not is_late(resubmitted) and resubmitted.first_submitted_at < resubmitted.submitted_at
    assert AuditEvent.objects.filter(event="tracking.report_submitted").last().data["late"] is False


def _rectification(personas, report):
    return issue_rectification(report, actor=personas["bureau_officer"], due_on=TODAY + timedelta(days=20),
                               requirements="请提高服务满意度。")


def _private_files() -> list[str]:
    folder = os.path.join(settings.MEDIA_ROOT, "private", "rectifications")
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def test_the_platform_replies_with_files_and_the_bureau_is_told(personas, world):
    rectification = _rectification(personas, world["report"])
    reply = file_rectification_reply(rectification, actor=personas["applicant_a2"],
                                     text="已回访全部不满意企业并改进服务流程。",
                                     files=[(MINIMAL_PDF, "回访记录.pdf"), (MINIMAL_PDF, "改进方案.pdf")])
    assert [f.name for f in reply.files.all()] == ["回访记录.pdf", "改进方案.pdf"]
    stored = reply.files.first()
    with stored.file.open("rb") as handle:
        assert handle.read() == MINIMAL_PDF
    assert len(_private_files()) == 2
    assert AuditEvent.objects.get(event="tracking.rectification_replied").data == {
        "rectification": rectification.pk, "reply": reply.pk, "files": 2}
    assert list(Notification.objects.filter(event="tracking.rectification_replied")
                .values_list("recipient__username", flat=True)) == ["bureau_officer"]
    # Who may read the files, audited.
    assert set(reply_files_for_user(personas["bureau_head"])) == set(reply.files.all())
    assert set(reply_files_for_user(personas["applicant_a"])) == set(reply.files.all())
    for name in ("applicant_b", "officer_x", "expert_1"):
        assert not reply_files_for_user(personas[name]).exists()
    record_reply_file_read(stored, actor=personas["bureau_officer"])
    assert AuditEvent.objects.get(event="tracking.reply_file_downloaded").data == {
        "rectification": rectification.pk, "reply": reply.pk, "file": stored.pk}
    with pytest.raises(PermissionDenied):
        record_reply_file_read(stored, actor=personas["applicant_b"])
    # Once closed, no more replies.
    close_rectification(rectification, actor=personas["bureau_officer"], note="整改到位。")
    with pytest.raises(ValidationError) as closed:
        file_rectification_reply(rectification, actor=personas["applicant_a"], text="再补充一些整改情况说明。")
    assert closed.value.messages == ["该整改通知已经结束，不能再回复。"]
    assert len(_private_files()) == 2


def test_a_refused_reply_stores_nothing(personas, world):
    rectification = _rectification(personas, world["report"])
    with pytest.raises(ValidationError) as refused:
        file_rectification_reply(rectification, actor=personas["applicant_a"], text="太短",
                                 files=[(MINIMAL_PDF, f"{i}.pdf") for i in range(4)])
    assert refused.value.message_dict == {"text": ["请具体说明整改情况（至少 10 个字）。"],
                                          "files": ["附件最多 3 个文件。"]}
    with pytest.raises(ValidationError) as bad_file:
        file_rectification_reply(rectification, actor=personas["applicant_a"], text="已按要求完成整改工作。",
                                 files=[(MINIMAL_PDF, "好.pdf"), (b"just text", "假.pdf")])
    assert list(bad_file.value.message_dict) == ["files"]
    assert bad_file.value.message_dict["files"][0].startswith("假.pdf：")
    with pytest.raises(PermissionDenied):
        file_rectification_reply(rectification, actor=personas["applicant_b"], text="已按要求完成整改工作。",
                                 files=[(MINIMAL_PDF, "好.pdf")])
    with pytest.raises(PermissionDenied):
        file_rectification_reply(rectification, actor=personas["bureau_officer"], text="已按要求完成整改工作。")
    assert not RectificationReply.objects.exists() and _private_files() == []
    assert not AuditEvent.objects.filter(event="tracking.rectification_replied").exists()


def test_the_district_sees_its_own_jurisdictions_reports(personas, world):
    assert list(reports_for_district(personas["officer_x"])) == [world["report"]]
    assert list(reports_for_district(personas["officer_y"])) == [world["other"]]
    for name in ("applicant_a", "bureau_officer", "bureau_head", "expert_1"):
        assert not reports_for_district(personas[name]).exists()
