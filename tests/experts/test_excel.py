"""The expert pool as Excel: template, masked export without formulas, all-or-nothing import."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from openpyxl import load_workbook

from shifan.audit.models import AuditEvent
from shifan.documents.xlsx import ImportRefused
from shifan.experts.excel import apply_import, check_import, discard_import, export_pool, pool_template
from shifan.experts.models import Expert, ExpertImport
from shifan.experts.queries import imports_for_user
from tests.experts.workbooks import pool_workbook, sheet_values
from tests.factories import ExpertFactory, UserFactory, make_uscc

pytestmark = pytest.mark.django_db
HEADER = [
    "姓名", "工作单位", "工作单位统一社会信用代码", "工作单位所在辖区", "专业技术职称", "职称级别", "擅长服务功能",
    "手机", "电子邮箱", "可参加评审", "不可参加评审的原因",
]


def _check(personas, *rows, name="专家.xlsx"):
    return check_import(pool_workbook(*rows), file_name=name, actor=personas["bureau_officer"])


def test_the_template_has_the_columns_and_instructions():
    workbook = load_workbook(io.BytesIO(pool_template()))
    assert workbook.sheetnames == ["专家库", "填写说明", "选项"]
    assert [cell.value for cell in workbook["专家库"][1]] == HEADER
    instructions = " ".join(str(c.value) for row in workbook["填写说明"].iter_rows() for c in row if c.value)
    assert "用“、”或“，”分隔" in instructions and "全部或全不" in instructions


def test_the_export_masks_contact_data_and_holds_no_formula(personas):
    ExpertFactory(name="=HYPERLINK(\"http://evil.example\",\"点我\")", employer_name="@SUM(A1)", mobile="13800138000",
                  email="wanglei@example.test", specialties=["technology", "quality"])
    ExpertFactory(name="李华", mobile="13900139000", email="", user=personas["expert_1"], available=False,
                  availability_note="出国")
    data = export_pool(Expert.objects.all(), actor=personas["bureau_head"], filters={"q": "华"})
    rows = sheet_values(data)
    assert rows[0] == [*HEADER, "系统账号"]
    assert rows[1][7:9] == ["138****8000", "w***@example.test"]
    assert rows[1][6] == "技术服务、质量管理"
    assert rows[2][7:] == ["139****9000", None, "否", "出国", "已激活（expert_1）"]
    text = json.dumps(rows, ensure_ascii=False, default=str)
    assert "13800138000" not in text and "wanglei@example.test" not in text and "13900139000" not in text
    workbook = load_workbook(io.BytesIO(data))
    cells = [(sheet, cell) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert [f"{sheet.title}!{cell.coordinate}" for sheet, cell in cells if cell.data_type == "f"] == []
    starting_with_equals = [f"{s.title}!{c.coordinate}" for s, c in cells if str(c.value or "").startswith("=")]
    assert starting_with_equals == ["专家库!A2"]  # only the hostile name, kept as text (below)
    name_cell = workbook["专家库"]["A2"]
    assert name_cell.value.startswith("=") and name_cell.data_type == "s" and name_cell.quotePrefix
    event = AuditEvent.objects.get(event="experts.exported")
    assert (event.actor_label, event.data) == ("bureau_head", {"count": 2, "filters": {"q": "华"}})


@pytest.mark.parametrize("persona", ["expert_1", "applicant_a", "officer_x", "auditor", "bureau_admin"])
def test_only_bureau_staff_export(personas, persona):
    with pytest.raises(PermissionDenied):
        export_pool(Expert.objects.all(), actor=personas[persona])


def test_a_clean_file_waits_for_confirmation_then_adds_and_updates(personas):
    existing = ExpertFactory(name="旧名字", mobile="13800138000", title="副教授")
    code = make_uscc()
    check = _check(personas, {"employer_uscc": code.lower(), "mobile": "+86 138 0013 8000"},
                   {"name": "李华", "mobile": "13900139000", "specialties": "融资服务，管理咨询服务、信息查询",
                    "title_level": "intermediate", "available": False, "availability_note": "出国访学",
                    "jurisdiction": "360102"})
    assert check.errors == []
    pending = check.pending
    assert (pending.state, pending.new_count, pending.update_count) == ("pending", 1, 1)
    assert Expert.objects.count() == 1  # nothing written before the officer confirms
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload FROM experts_expertimport")
        stored = cursor.fetchone()[0]
    assert stored.startswith("sm4gcm:") and "13900139000" not in stored  # the checked rows are kept encrypted
    assert apply_import(pending, actor=personas["bureau_officer"]) == (1, 1)
    existing.refresh_from_db()
    assert (existing.name, existing.title, existing.employer_uscc) == ("王磊", "教授", code)
    added = Expert.objects.get(name="李华")
    assert added.specialties == ["information", "financing", "consulting"]
    assert (added.title_level, added.available, added.availability_note) == ("intermediate", False, "出国访学")
    assert added.jurisdiction.code == "360102"
    pending.refresh_from_db()
    assert (pending.state, pending.payload) == ("applied", "")
    assert AuditEvent.objects.get(event="experts.imported").data == {"file": "专家.xlsx", "added": 1, "updated": 1}
    with pytest.raises(ValidationError) as excinfo:
        apply_import(pending, actor=personas["bureau_officer"])
    assert excinfo.value.messages == ["这次导入已经处理过了。"]


def test_every_bad_cell_is_reported_by_row_and_column_and_nothing_is_kept(personas):
    check = _check(
        personas,
        {},  # row 2 is fine
        {"name": "", "mobile": "1380013800"},  # row 3
        {"specialties": "技术服务、人工智能", "mobile": "13700137000", "email": "bad@"},  # row 4
        {"available": False, "availability_note": "", "mobile": "13600136000", "employer_uscc": "91360100"},  # row 5
        {"mobile": "+8613800138000"},  # row 6: the same expert as row 2
    )
    assert check.pending is None
    assert check.errors == [
        "第 3 行「姓名」：必填，不能为空。",
        "第 4 行「擅长服务功能」：「人工智能」不是服务功能，应为：信息查询、技术服务、质量管理、创业服务、培训服务、"
        "融资服务、管理咨询服务、市场开拓服务、信息化应用、产业链服务。",
        "第 4 行「电子邮箱」：电子邮箱格式不正确，应如 zhangsan@example.com。",
        "第 5 行「工作单位统一社会信用代码」：统一社会信用代码应为 18 位，当前为 8 位。",
        "第 5 行「不可参加评审的原因」：不可参加评审时，请填写原因（如：出国、身体原因、本年度回避）。",
        "第 6 行「手机」：与第 2 行的手机号码相同，同一位专家只能填写一行。",
    ]
    assert not ExpertImport.objects.exists() and not Expert.objects.exists()
    assert AuditEvent.objects.get(event="experts.import_checked").data["errors"] == 6


def test_masked_contact_data_from_an_export_cannot_be_imported(personas):
    check = _check(personas, {"mobile": "138****8000", "email": "w***@example.test"})
    assert check.errors == [
        "第 2 行「手机」：这是脱敏后的手机号码（如 138****8000），请填写完整的 11 位手机号码。",
        "第 2 行「电子邮箱」：这是脱敏后的电子邮箱（如 z***@example.com），请填写完整的电子邮箱。",
    ]


def test_a_mobile_typed_as_a_number_is_refused_with_the_engines_message(personas):
    workbook = load_workbook(io.BytesIO(pool_workbook({})))
    workbook["专家库"]["H2"] = 13800138000  # what Excel stores when the text format was removed
    buffer = io.BytesIO()
    workbook.save(buffer)
    check = check_import(buffer.getvalue(), file_name="x.xlsx", actor=personas["bureau_officer"])
    assert len(check.errors) == 1 and check.errors[0].startswith("第 2 行「手机」：必须以文本格式填写")


def test_an_empty_file_is_an_error(personas):
    check = check_import(pool_template(), file_name="空.xlsx", actor=personas["bureau_officer"])
    assert check.errors == ["文件中没有专家数据：请从表头下一行起，每行填写一位专家。"]
    assert check.pending is None


def test_a_file_that_is_not_xlsx_is_refused_whole(personas):
    with pytest.raises(ImportRefused):
        check_import(b"name,mobile\n", file_name="a.csv", actor=personas["bureau_officer"])


def test_apply_checks_again_and_writes_nothing_when_the_pool_changed(personas):
    check = _check(personas, {"mobile": "13800138000"}, {"name": "李华", "mobile": "13900139000"})
    # Meanwhile another officer edited an expert so that applying would now break a rule.
    Expert.objects.create(name="新来的", employer_name="某单位", title="教授", title_level="senior",
                          specialties=["technology"], mobile="13800138000")
    pending_payload = json.loads(check.pending.payload)
    pending_payload["rows"][1]["values"]["title_level"] = "professor"  # as if the rules changed since the check
    ExpertImport.objects.filter(pk=check.pending.pk).update(payload=json.dumps(pending_payload, ensure_ascii=False))
    with pytest.raises(ValidationError) as excinfo:
        apply_import(check.pending, actor=personas["bureau_officer"])
    assert excinfo.value.messages == ["第 3 行：请选择职称级别：正高级、副高级、中级、其他。"]
    assert list(Expert.objects.values_list("name", flat=True)) == ["新来的"]  # row 2's update was rolled back
    assert ExpertImport.objects.get().state == "pending"


def test_discarding_keeps_the_pool(personas):
    check = _check(personas, {})
    discard_import(check.pending, actor=personas["bureau_officer"])
    assert ExpertImport.objects.get().state == "discarded" and not Expert.objects.exists()


@pytest.mark.parametrize("persona", ["bureau_head", "expert_1", "applicant_a"])
def test_only_officers_import(personas, persona):
    with pytest.raises(PermissionDenied):
        check_import(pool_workbook({}), file_name="x.xlsx", actor=personas[persona])
    pending = _check(personas, {}).pending
    with pytest.raises(PermissionDenied):
        apply_import(pending, actor=personas[persona])


def test_another_officer_may_not_see_an_import_via_the_query(personas):
    pending = _check(personas, {}).pending
    colleague = UserFactory(role="bureau_officer")
    assert list(imports_for_user(colleague)) == []
    assert list(imports_for_user(personas["bureau_officer"])) == [pending]
