"""Small browser steps shared by the whole-year test (tests/e2e/test_whole_year.py).

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
