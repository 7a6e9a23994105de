"""Small browser steps shared by the whole-year test (tests/e2e/test_whole_year.py) and the tests of its parts.

Each step works the way a person does: through the page's labels and buttons. The Excel lists are
built from the template the page offers for download, filled in with openpyxl.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from shifan.applications.list_excel import sheet_for
from shifan.documents.xlsx.spec import BOOLEAN_LABELS, Kind
from tests.factories import MINIMAL_PDF

IMPORT_TIMEOUT = 30_000  # the check may run as a background task on a loaded machine


def confirm_next_dialog(page) -> None:
    """Accept the confirmation the next button asks for (data-confirm)."""
    page.once("dialog", lambda dialog: dialog.accept())


def sign_out(page) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state()


def fill_section(page, base: str, section: str, values: dict) -> None:
    page.goto(f"{base}/sections/{section}/")
    for label, value in values.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="保存本部分").click()
    expect(page.locator(".message.success").first).to_contain_text("已保存")


# The lists of the sample dossier (tests/applications/dossiers.py): (section, list kind, key in the sample).
SAMPLE_LISTS = (("operations", "operating_years", "operations"), ("capability", "partners", "partners"),
                ("capability", "activities", "activities"), ("staff", "staff", "staff"),
                ("served", "served_smes", "served_smes"))


def fill_sample_sections(page, base: str) -> None:
    """Type in what the sample dossier says in the 申请表's basics, scale and service functions."""
    fill_section(page, base, "basics", {"单位性质": "企业法人", "注册日期": "2018-03-15", "法定代表人": "张三",
                                        "联系人": "李四", "联系人手机": "13900001111"})
    fill_section(page, base, "scale", {"上年末总资产（万元）": "260", "服务场地面积：自有（平方米）": "80",
                                       "服务场地面积：租用（平方米）": "120.5"})
    page.goto(f"{base}/sections/capability/")
    for label in ("信息查询", "技术服务", "培训服务"):
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="保存本部分").click()
    expect(page.locator(".message.success").first).to_contain_text("已保存")


def check_uscc_and_survey_twelve(page, *, checked_on: str, served: int) -> None:
    """On the district's review page: record the USCC check, draw 12 of the ``served`` enterprises and
    record each one as satisfied by telephone."""
    page.get_by_label("统一社会信用代码证查验日期").fill(checked_on)
    page.get_by_label("查验结果").select_option(label="一致")
    page.get_by_role("button", name="保存查验结果").click()
    expect(page.locator(".message.success")).to_have_text("已记录统一社会信用代码证查验结果。")

    page.get_by_role("button", name="随机抽取测评企业").click()
    expect(page.locator(".message.success")).to_have_text(f"已从 {served} 家服务企业中随机抽取 12 家。")
    for index in range(12):
        form = page.locator("form.survey-form").nth(index)
        form.get_by_label("测评方法").select_option(label="电话询问")
        form.get_by_label("对所受服务满意").check()
        form.get_by_role("button", name="保存测评").click()
        expect(page.locator(".message.success")).to_contain_text("的测评。")
    expect(page.locator(".stat").first).to_contain_text("12 / 12")


def _cell_value(column, value):
    """What a person types into the template's cell for one value of the sample dossier."""
    if value is None or value == "":
        return None
    if column.kind is Kind.BOOLEAN:
        return BOOLEAN_LABELS[0] if value else BOOLEAN_LABELS[1]
    if column.kind is Kind.CHOICE:
        return column.label_of(value)
    if column.kind is Kind.DATE:
        return date.fromisoformat(value)
    if column.kind is Kind.DECIMAL:
        return float(Decimal(str(value)))
    if column.kind is Kind.INTEGER:
        return int(value)
    return str(value)


def fill_template(template: Path, kind: str, rows: list[dict], target: Path) -> Path:
    """Write ``rows`` under the header of the downloaded template, matching columns by header text."""
    columns = {column.header: column for column in sheet_for(kind).columns}
    workbook = load_workbook(template)
    worksheet = workbook.worksheets[0]
    headers = [cell.value for cell in worksheet[1]]
    assert set(headers) >= set(columns), f"the {kind} template lacks columns: {set(columns) - set(headers)}"
    for offset, row in enumerate(rows, start=2):
        for index, header in enumerate(headers, start=1):
            column = columns.get(header)
            if column is not None:
                worksheet.cell(row=offset, column=index, value=_cell_value(column, row.get(column.key)))
    workbook.save(target)
    return target


def import_list(page, base: str, section: str, kind: str, rows: list[dict], tmp_path: Path) -> None:
    """Download the list's template from the section page, fill it, upload it, keep the valid rows."""
    page.goto(f"{base}/sections/{section}/")
    card = page.locator(f"#list-{kind}")
    with page.expect_download() as download:
        card.get_by_role("link", name="下载 Excel 模板").click()
    template = tmp_path / f"template-{kind}.xlsx"
    download.value.save_as(template)
    filled = fill_template(template, kind, rows, tmp_path / f"{kind}.xlsx")
    card.get_by_label("从 Excel 导入").set_input_files(str(filled))
    card.get_by_role("button", name="检查并导入").click()
    keep = page.get_by_role("button", name=f"保留 {len(rows)} 行有效数据，替换现有名单")
    expect(keep).to_be_visible(timeout=IMPORT_TIMEOUT)
    expect(page.locator(".import-errors")).to_have_count(0)
    confirm_next_dialog(page)
    keep.click()
    expect(page.locator(".message.success")).to_contain_text(f"现有 {len(rows)} 行", timeout=IMPORT_TIMEOUT)


def upload_pdf(page, base: str, section: str, slot_code: str, name: str) -> None:
    page.goto(f"{base}/sections/{section}/")
    card = page.locator(f"#slot-{slot_code}")
    card.locator("input[type=file]").set_input_files({"name": name, "mimeType": "application/pdf",
                                                      "buffer": MINIMAL_PDF})
    card.get_by_role("button", name="上传").click()
    expect(page.locator(".message.success")).to_contain_text(f"已上传「{name}」")
