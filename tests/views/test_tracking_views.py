"""动态跟踪 pages: opening a round, filing figures with live results, the overview, rectification, 404s;
附件5 import, returns, rectification replies and their files, the district's read-only view."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from shifan.applications.list_excel import list_template
from shifan.audit.models import AuditEvent
from shifan.recognition.models import Revocation
from shifan.tracking.domain import open_round
from shifan.tracking.models import Rectification, RectificationReplyFile, TrackingReport
from tests.factories import MINIMAL_PDF
from tests.tracking.helpers import FAILING, recognised, served_rows, served_workbook

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


# --- 附件5 import, returns, rectification replies, the district's view -------------------------


def _submitted(client_for, report):
    applicant = client_for("applicant_a")
    applicant.post(reverse("applicant:tracking-report", args=[report.pk]), _figures())
    assert applicant.post(reverse("applicant:tracking-submit", args=[report.pk])).status_code == 302
    return applicant


def _upload(content: bytes, name: str = "附件5.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _cells(content: bytes) -> list[tuple[str, list[tuple]]]:
    """Every sheet of a workbook as (title, rows of values), hidden sheets included."""
    book = load_workbook(BytesIO(content))
    return [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in book.worksheets]


def test_served_list_template_and_import(client_for, report):
    client = client_for("applicant_a")
    url = reverse("applicant:tracking-report", args=[report.pk])
    client.post(url, _figures())
    template = client.get(reverse("applicant:tracking-served-template", args=[report.pk]))
    # The same workbook, cell for cell: the bytes carry the time it was written (zip entries, document
    # properties), so two builds a second apart differ.
    assert template.status_code == 200 and _cells(template.content) == _cells(list_template("served_smes"))
    assert template["Content-Disposition"].startswith("attachment;")
    import_url = reverse("applicant:tracking-served-import", args=[report.pk])
    rows = served_rows(120, satisfied=110)
    rows[2]["uscc"] = "91360102MA0000000X"
    bad = client.post(import_url, {"file": _upload(served_workbook(rows))})
    page = bad.content.decode()
    assert bad.status_code == 400
    assert "名单未导入：1 行有问题（共 1 处）" in page
    assert "第 4 行「统一社会信用代码」：统一社会信用代码校验位不正确" in page
    assert 'name="total_assets" value="50.00"' in page  # the saved draft is still there
    refused = client.post(import_url, {"file": _upload(b"plain text")})
    assert refused.status_code == 400 and "名单未导入：" in refused.content.decode()
    assert client.post(import_url, {}).status_code == 400
    ok = client.post(import_url, {"file": _upload(served_workbook(served_rows(120, satisfied=110)))})
    assert ok.status_code == 302
    page = client.get(url).content.decode()
    assert 'id="served-total">120<' in page and 'id="served-satisfied">110<' in page
    assert 'name="served_listed" value="120"' in page and "由导入的服务企业名单（附件5）自动计算" in page
    assert '<td>南昌市跟踪企业001有限公司</td>' in page and "13907920001" not in page
    assert 'tr data-condition="satisfaction"' in page
    report.refresh_from_db()
    assert report.failed_codes == ["total_assets"]  # satisfaction now from the list: 110 / 120
    assert client_for("applicant_b").post(import_url, {"file": _upload(b"x")}).status_code == 404


def test_bureau_returns_a_submitted_report(client_for, report):
    applicant = _submitted(client_for, report)
    url = reverse("bureau:tracking-return", args=[report.pk])
    officer = client_for("bureau_officer")
    empty = officer.post(url, {"return-reason": ""})
    assert empty.status_code == 400 and 'id="id_return-reason"' in empty.content.decode()
    assert client_for("bureau_head").post(url, {"return-reason": "x"}).status_code == 403
    assert officer.post(url, {"return-reason": "资产总额与审计报告不一致，请核对。"}).status_code == 302
    report.refresh_from_db()
    assert report.state == TrackingReport.State.DRAFT
    page = applicant.get(reverse("applicant:tracking-report", args=[report.pk])).content.decode()
    assert '<p id="returned-reason">资产总额与审计报告不一致，请核对。</p>' in page
    assert "保存并核查" in page
    again = officer.post(url, {"return-reason": "再退"})
    assert again.status_code == 400 and "只有已提交的年度报告可以退回修改。" in again.content.decode()


def test_rectification_reply_and_download(client_for, report, personas):
    _submitted(client_for, report)
    officer = client_for("bureau_officer")
    officer.post(reverse("bureau:tracking-rectify", args=[report.pk]),
                 {"requirements": "提高满意度。", "due_on": (TODAY + timedelta(days=9)).isoformat()})
    rectification = Rectification.objects.get()
    applicant = client_for("applicant_a")
    reply_url = reverse("applicant:tracking-reply", args=[report.pk, rectification.pk])
    short = applicant.post(reply_url, {"text": "太短"})
    assert short.status_code == 400 and "至少 10 个字" in short.content.decode() and "\n太短</textarea>" in \
        short.content.decode()
    ok = applicant.post(reply_url, {"text": "已回访不满意企业并改进服务。",
                                    "files": [SimpleUploadedFile("回访记录.pdf", MINIMAL_PDF)]})
    assert ok.status_code == 302
    item = RectificationReplyFile.objects.get()
    page = officer.get(reverse("bureau:tracking-report", args=[report.pk])).content.decode()
    assert "已回访不满意企业并改进服务。" in page
    file_url = reverse("bureau:tracking-reply-file", args=[item.pk])
    assert file_url in page
    download = officer.get(file_url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == MINIMAL_PDF
    assert download["X-Content-Type-Options"] == "nosniff" and download["Content-Disposition"].startswith(
        "attachment;")
    assert AuditEvent.objects.filter(event="tracking.reply_file_downloaded", actor=personas["bureau_officer"]).exists()
    other = client_for("applicant_b").get(reverse("applicant:tracking-reply-file", args=[item.pk]))
    assert other.status_code == 404
    assert client_for("applicant_b").post(reply_url, {"text": "乙单位试图回复整改情况。"}).status_code == 404
    # Once closed, the platform's page has no reply form.
    officer.post(reverse("bureau:tracking-rectification-close", args=[rectification.pk]), {"note": "整改到位。"})
    assert "报送整改情况" not in applicant.get(reverse("applicant:tracking-report", args=[report.pk])).content.decode()


def test_district_sees_only_its_jurisdiction(client_for, report, personas, org_b):
    recognised(org_b, officer=personas["bureau_officer"], head=personas["bureau_head"], year=TODAY.year - 4,
               starts_on=TODAY - timedelta(days=10), platform_name="乙平台")
    _submitted(client_for, report)
    x, y = client_for("officer_x"), client_for("officer_y")
    listing = x.get(reverse("district:tracking")).content.decode()
    assert "甲平台" in listing and "乙平台" not in listing and "未通过：资产总额、服务满意度" in listing
    assert "甲平台" not in y.get(reverse("district:tracking")).content.decode()
    detail = reverse("district:tracking-report", args=[report.pk])
    assert y.get(detail).status_code == 404
    page = x.get(detail).content.decode()
    assert 'data-figure="total_assets">50.00<' in page and "总结。" in page and 'data-eligible="false"' in page
    assert "保存并核查" not in page and "退回修改" not in page
