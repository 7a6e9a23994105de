"""Long lists through Excel: template, checked import with a choice, export."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from shifan.applications.enums import Status
from shifan.applications.list_excel import (
    apply_list_import,
    check_list_import,
    discard_list_import,
    export_list,
    list_template,
    report_of,
    sheet_for,
)
from shifan.applications.models import ServedEnterprise, StaffMember
from shifan.applications.sections import LISTS
from shifan.audit.models import AuditEvent
from shifan.documents.xlsx import ImportRefused, export_rows
from tests.factories import ApplicationFactory, make_uscc

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT)


def served_rows(count: int) -> list[dict]:
    return [
        {"name": f"南昌企业{i}有限公司", "uscc": make_uscc(), "contact": f"联系人{i}", "position": "经理",
         "mobile": f"138{i:08d}", "service": "政策咨询", "satisfied": i % 10 != 0}
        for i in range(count)
    ]


def xlsx(kind: str, rows: list[dict]) -> bytes:
    return export_rows(sheet_for(kind), rows)


@pytest.mark.parametrize("kind", list(LISTS))
def test_each_list_has_a_template_whose_headers_are_the_page_labels(kind):
    book = openpyxl.load_workbook(io.BytesIO(list_template(kind)))
    headers = [cell.value for cell in book.worksheets[0][1]]
    model = LISTS[kind].model
    assert headers == [str(model._meta.get_field(name).verbose_name) for name in LISTS[kind].fields]
    assert "填写说明" in book.sheetnames


def test_a_2000_row_list_with_three_bad_rows_imports_the_valid_ones(draft, personas):
    rows = served_rows(2000)
    rows[9]["uscc"] = "91110108551385082A"
    rows[499]["mobile"] = "1380000"
    rows[1499]["name"] = ""
    ServedEnterprise.objects.create(application=draft, name="旧名单企业", satisfied=True)

    checked = check_list_import(draft, "served_smes", xlsx("served_smes", rows), file_name="附件5.xlsx",
                                actor=personas["applicant_a"])
    report = report_of(checked)
    assert (checked.total_rows, checked.valid_rows, checked.error_count) == (2000, 1997, 3)
    assert report["errors"] == [
        "第 11 行「统一社会信用代码」：统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。",
        "第 501 行「手机」：手机号码应为以 1 开头的 11 位数字（可带 +86）。",
        "第 1501 行「服务企业名称」：必填，不能为空。",
    ]
    assert ServedEnterprise.objects.filter(application=draft).count() == 1  # nothing changes before the choice

    assert apply_list_import(checked, actor=personas["applicant_a"]) == 1997
    kept = ServedEnterprise.objects.filter(application=draft)
    assert kept.count() == 1997
    assert not kept.filter(name="旧名单企业").exists()
    first = kept.get(seq=1)
    assert (first.name, first.mobile, first.satisfied) == ("南昌企业0有限公司", "13800000000", False)
    assert AuditEvent.objects.get(event="application.list_imported").data == {
        "list": "served_smes", "rows": 1997, "previous": 1}


def test_keeping_the_previous_list_changes_nothing(draft, personas):
    StaffMember.objects.create(application=draft, name="原员工", full_time=True)
    data = xlsx("staff", [{"name": "新员工", "full_time": True, "education": "bachelor"}])
    checked = check_list_import(draft, "staff", data, file_name="附件4.xlsx", actor=personas["applicant_a"])
    discard_list_import(checked, actor=personas["applicant_a"])
    assert list(StaffMember.objects.values_list("name", flat=True)) == ["原员工"]
    with pytest.raises(ValidationError):
        apply_list_import(checked, actor=personas["applicant_a"])


def test_export_then_import_gives_the_same_list(draft, personas):
    applicant = personas["applicant_a"]
    first = check_list_import(draft, "served_smes", xlsx("served_smes", served_rows(30)), file_name="a.xlsx",
                              actor=applicant)
    apply_list_import(first, actor=applicant)
    before = list(ServedEnterprise.objects.order_by("seq").values_list("name", "uscc", "mobile", "satisfied"))
    again = check_list_import(draft, "served_smes", export_list(draft, "served_smes", actor=applicant),
                              file_name="b.xlsx", actor=applicant)
    assert again.error_count == 0
    apply_list_import(again, actor=applicant)
    after = list(ServedEnterprise.objects.order_by("seq").values_list("name", "uscc", "mobile", "satisfied"))
    assert after == before
    assert AuditEvent.objects.filter(event="application.list_exported").count() == 1


def test_a_submitted_application_refuses_imports(org_a, batch, personas):
    submitted = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    with pytest.raises(ValidationError):
        check_list_import(submitted, "staff", xlsx("staff", []), file_name="x.xlsx", actor=personas["applicant_a"])


def test_a_file_that_is_not_a_workbook_is_refused_as_a_whole(draft, personas):
    with pytest.raises(ImportRefused):
        check_list_import(draft, "staff", b"name,age\n", file_name="x.xlsx", actor=personas["applicant_a"])
