"""Filled-in expert pool workbooks for the import tests, written by the Excel engine itself."""

import io

from openpyxl import load_workbook

from shifan.documents.xlsx import export_rows
from shifan.experts.excel import pool_sheet

GOOD_ROW = {
    "name": "王磊", "employer_name": "南昌大学", "employer_uscc": "", "title": "教授", "title_level": "senior",
    "specialties": "技术服务、质量管理", "mobile": "13800138000", "email": "wanglei@example.test",
    "available": True, "availability_note": "",
}


def pool_workbook(*rows: dict) -> bytes:
    """The import template with these rows (column keys as in experts.excel.pool_sheet)."""
    return export_rows(pool_sheet(), [GOOD_ROW | row for row in rows])


def sheet_values(data: bytes, title: str = "专家库") -> list[list]:
    """Every row of a worksheet as plain values (header first)."""
    workbook = load_workbook(io.BytesIO(data))
    return [[cell.value for cell in row] for row in workbook[title].iter_rows()]
