"""动态跟踪 pages: opening a round, filing figures with live results, the overview, rectification, 404s."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from shifan.recognition.models import Revocation
from shifan.tracking.domain import open_round
from shifan.tracking.models import Rectification, TrackingReport
from tests.tracking.helpers import FAILING, recognised

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def report(personas, org_a):
    recognised(org_a, officer=personas["bureau_officer"], head=personas["bureau_head"], year=TODAY.year - 3,
               starts_on=TODAY - timedelta(days=10), platform_name="甲平台")
    tracking_round = open_round(actor=personas["bureau_officer"], year=TODAY.year - 1, title="跟踪",
                                opens_on=TODAY, due_on=TODAY + timedelta(days=30))
    return tracking_round.reports.get()


def _figures(**extra):
    data = {name: str(value) for name, value in FAILING.items() if value is not None}
    return {**data, "activity_technology": "2", "activity_information": "4", "summary": "总结。", **extra}


def test_open_round_form_errors(client_for, personas):
    response = client_for("bureau_officer").post(reverse("bureau:tracking"), {
        "year": TODAY.year - 1, "title": "跟踪", "opens_on": TODAY.isoformat(), "due_on": TODAY.isoformat()})
    assert response.status_code == 400
    assert "报送截止日期须晚于开始日期。" in response.content.decode()


def test_applicant_files_figures_and_sees_the_check(client_for, report):
    client = client_for("applicant_a")
    assert "甲平台 · " in client.get(reverse("applicant:home")).content.decode()
    url = reverse("applicant:tracking-report", args=[report.pk])
    response = client.post(url, _figures())
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'data-eligible="false"' in page and "不符合基本条件：2 项未通过" in page
    bad = client.post(url, _figures(served_satisfied="999"))
    assert bad.status_code == 400 and "满意企业数不能多于名单中的企业数。" in bad.content.decode()
    assert client.post(reverse("applicant:tracking-submit", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.state == TrackingReport.State.SUBMITTED and report.failed_codes == ["total_assets", "satisfaction"]


def test_another_organisation_gets_404(client_for, report):
    client = client_for("applicant_b")
    assert client.get(reverse("applicant:tracking-report", args=[report.pk])).status_code == 404
    assert client.post(reverse("applicant:tracking-submit", args=[report.pk])).status_code == 404
    assert "甲平台" not in client.get(reverse("applicant:tracking")).content.decode()


def test_bureau_overview_rectification_and_revocation(client_for, report):
    applicant = client_for("applicant_a")
    applicant.post(reverse("applicant:tracking-report", args=[report.pk]), _figures())
    applicant.post(reverse("applicant:tracking-submit", args=[report.pk]))
    officer = client_for("bureau_officer")
    overview = officer.get(reverse("bureau:tracking-round", args=[report.round_id])).content.decode()
    assert "未通过：资产总额、服务满意度" in overview
    bad = officer.post(reverse("bureau:tracking-rectify", args=[report.pk]),
                       {"requirements": "整改", "due_on": TODAY.isoformat()})
    assert bad.status_code == 400 and "整改期限须晚于今天。" in bad.content.decode()
    assert client_for("bureau_head").post(reverse("bureau:tracking-rectify", args=[report.pk]),
                                          {"requirements": "整改", "due_on": "2099-01-01"}).status_code == 403
    ok = officer.post(reverse("bureau:tracking-rectify", args=[report.pk]),
                      {"requirements": "整改", "due_on": (TODAY + timedelta(days=9)).isoformat()})
    assert ok.status_code == 302 and Rectification.objects.get().state == "open"
    revoke = officer.post(reverse("bureau:tracking-revoke", args=[report.pk]),
                          {"reason": "年度核查不再符合条件。", "public_reason": "不再符合认定条件。"})
    assert revoke.status_code == 302
    assert revoke.url == reverse("bureau:recognition", args=[report.recognition_id])
    assert Revocation.objects.get().state == "submitted"
