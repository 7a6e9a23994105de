"""附件5 in the yearly report: the application's template and row checks, all or nothing, the list
authoritative for the served and satisfied counts once imported, mobiles encrypted."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from shifan.applications.list_excel import sheet_for
from shifan.applications.models import ServedEnterprise
from shifan.audit.models import AuditEvent
from shifan.documents.xlsx import ImportRefused
from shifan.tracking.domain import (
    SERVED_COLUMNS,
    ServedListRejected,
    facts_for_report,
    import_served_list,
    open_round,
    save_report,
    submit_report,
)
from shifan.tracking.models import TrackingReport, TrackingServedEnterprise
from tests.tracking.helpers import ACTIVITIES, FAILING, recognised, served_rows, served_workbook

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year - 1


@pytest.fixture
def report(personas, org_a, org_b):
    recognised(org_a, officer=personas["bureau_officer"], head=personas["bureau_head"], year=YEAR - 1,
               starts_on=TODAY - timedelta(days=50), platform_name="甲平台")
    tracking_round = open_round(actor=personas["bureau_officer"], year=YEAR, title="跟踪", opens_on=TODAY,
                                due_on=TODAY + timedelta(days=30))
    report = tracking_round.reports.get()
    # FAILING: 50 万元 assets and 80 of 120 satisfied (66.66%) fail; everything else passes.
    return save_report(report, actor=personas["applicant_a"], figures=FAILING, activities=ACTIVITIES,
                       summary="草稿总结。")


def _import(report, user, rows, name="附件5.xlsx"):
    return import_served_list(report, actor=user, data=served_workbook(rows), file_name=name)


def test_the_row_model_has_the_applications_columns():
    for name in SERVED_COLUMNS:
        ours, theirs = (model._meta.get_field(name) for model in (TrackingServedEnterprise, ServedEnterprise))
        assert (type(ours), str(ours.verbose_name), ours.blank, ours.null, getattr(ours, "max_length", None)) == (
            type(theirs), str(theirs.verbose_name), theirs.blank, theirs.null, getattr(theirs, "max_length", None))
    assert [c.key for c in sheet_for("served_smes").columns] == list(SERVED_COLUMNS)


def test_an_imported_list_decides_the_counts_and_the_check(personas, report):
    user = personas["applicant_a"]
    assert report.failed_codes == ["total_assets", "satisfaction"]
    assert _import(report, user, served_rows(130, satisfied=117)) == 130
    report.refresh_from_db()
    assert (report.served_listed, report.served_satisfied) == (130, 117)  # 90% satisfied
    assert report.failed_codes == ["total_assets"]
    assert report.has_served_list and report.served_list_file_name == "附件5.xlsx"
    # The draft's other figures and summary are as they were.
    assert report.total_assets == FAILING["total_assets"] and report.summary == "草稿总结。"
    facts = facts_for_report(report)
    assert facts.served_satisfied == (True,) * 117 + (False,) * 13
    first = report.served_smes.get(seq=1)
    assert (first.name, first.mobile, first.satisfied) == ("南昌市跟踪企业001有限公司", "13907920001", True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT mobile FROM tracking_trackingservedenterprise WHERE id = %s", [first.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("sm4gcm:") and "13907920001" not in stored
    event = AuditEvent.objects.get(event="tracking.served_list_imported")
    assert event.data == {"rows": 130, "satisfied": 117, "previous": 0, "eligible": False}
    # Manual figures no longer count once a list is imported.
    save_report(report, actor=user, figures={**FAILING, "served_listed": 5, "served_satisfied": 1},
                activities=ACTIVITIES, summary="改过的总结。")
    report.refresh_from_db()
    assert (report.served_listed, report.served_satisfied, report.summary) == (130, 117, "改过的总结。")
    # A new import replaces the whole list.
    assert _import(report, personas["applicant_a2"], served_rows(100, satisfied=70)) == 100
    report.refresh_from_db()
    assert (report.served_listed, report.served_satisfied, report.served_smes.count()) == (100, 70, 100)
    assert report.failed_codes == ["total_assets", "satisfaction"]
    assert AuditEvent.objects.filter(event="tracking.served_list_imported").last().data["previous"] == 130


def test_a_file_with_problems_changes_nothing(personas, report):
    user = personas["applicant_a"]
    _import(report, user, served_rows(3, satisfied=3))
    rows = served_rows(5, satisfied=3)
    rows[1]["uscc"] = "91360102MA0000000X"
    rows[3]["name"] = ""
    rows[4]["mobile"] = "12345"
    with pytest.raises(ServedListRejected) as rejected:
        _import(report, user, rows)
    assert rejected.value.problems == [
        "第 3 行「统一社会信用代码」：统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。",
        "第 5 行「服务企业名称」：必填，不能为空。",
        "第 6 行「手机」：手机号码应为以 1 开头的 11 位数字（可带 +86）。",
    ]
    assert (rejected.value.total_rows, rejected.value.bad_rows) == (5, 3)
    report.refresh_from_db()
    assert (report.served_listed, report.served_satisfied, report.served_smes.count()) == (3, 3, 3)
    assert AuditEvent.objects.filter(event="tracking.served_list_imported").count() == 1


def test_refused_files_and_wrong_people(personas, report):
    user = personas["applicant_a"]
    with pytest.raises(ImportRefused):
        import_served_list(report, actor=user, data=b"not a workbook", file_name="x.xlsx")
    with pytest.raises(ValidationError) as empty:
        _import(report, user, [])
    assert empty.value.messages == ["文件中没有服务企业数据行，名单未改动。"]
    for name in ("applicant_b", "bureau_officer", "officer_x"):
        with pytest.raises(PermissionDenied):
            _import(report, personas[name], served_rows(2, satisfied=2))
    assert not report.served_smes.exists()
    _import(report, user, served_rows(120, satisfied=110))
    submit_report(report, actor=user)
    with pytest.raises(ValidationError) as refused:
        _import(report, user, served_rows(2, satisfied=2))
    assert refused.value.messages == ["该年度报告已提交，不能再修改。"]
    assert TrackingReport.objects.get(pk=report.pk).served_listed == 120
