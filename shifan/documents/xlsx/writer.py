"""Writing a list workbook: the template is an export without rows.

Layout: the data sheet (header in row 1, frozen; drop-downs; text-formatted number columns),
then 填写说明, then the hidden 选项 that the drop-downs point at.
"""

import io
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from shifan.documents.xlsx.cells import DATE_FORMAT, TEXT_FORMAT, date_cell, plain_text, text_cell
from shifan.documents.xlsx.guide import option_ranges, write_instructions, write_options
from shifan.documents.xlsx.rules import comment_of
from shifan.documents.xlsx.spec import BOOLEAN_LABELS, LAST_EXCEL_ROW, TEXT_KINDS, Column, Kind, Sheet
from shifan.documents.xlsx.text import display_width, strip_controls

_MIN_WIDTH = {Kind.DIGITS_TEXT: 22, Kind.TEXT: 16, Kind.DATE: 14}
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
_REQUIRED_COLOR = "C00000"


def build_template(sheet: Sheet) -> bytes:
    """An empty .xlsx for people to fill in. Side effects: none."""
    return export_rows(sheet, ())


def export_rows(sheet: Sheet, rows: Iterable[dict]) -> bytes:
    """The list as an .xlsx laid out like the template, so an export can be edited and re-imported.

    Each row maps column keys to typed values (str, int, Decimal, date, bool, choice code);
    missing keys give empty cells. No cell is ever a formula (see `cells.text_cell`), and
    control characters are stripped. Side effects: none.
    """
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet.title)
    _prepare(worksheet, sheet)
    worksheet.append([_header_cell(worksheet, column) for column in sheet.columns])
    count = 0
    for row in rows:
        worksheet.append([_value_cell(worksheet, column, row.get(column.key)) for column in sheet.columns])
        count += 1
    if count:
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{count + 1}"
    write_instructions(workbook, sheet)
    write_options(workbook, sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _prepare(worksheet, sheet: Sheet) -> None:
    """Column widths and formats, frozen header, drop-downs and input prompts (before any row)."""
    worksheet.freeze_panes = "A2"
    worksheet.row_dimensions[1].height = 30
    ranges = option_ranges(sheet)
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        dimension = worksheet.column_dimensions[letter]
        dimension.width = column.width or _default_width(column)
        # A column-wide format covers every row a person may type into, at no cost in file size.
        if column.kind in TEXT_KINDS:
            dimension.number_format = TEXT_FORMAT
        elif column.kind is Kind.DATE:
            dimension.number_format = DATE_FORMAT
        validation = _validation(column, ranges.get(column.key))
        if validation is not None:
            validation.add(f"{letter}2:{letter}{LAST_EXCEL_ROW}")
            worksheet.data_validations.append(validation)


def _default_width(column: Column) -> int:
    return min(60, max(display_width(column.header) + 4, _MIN_WIDTH.get(column.kind, 10)))


def _validation(column: Column, options_range: str | None) -> DataValidation | None:
    """A drop-down for list kinds; an input prompt (the hint) for any column that has one."""
    if options_range is None and not column.hint:
        return None
    validation = DataValidation(allow_blank=True)
    if options_range is not None:
        validation.type = "list"
        validation.formula1 = options_range
        validation.showErrorMessage = True
        validation.errorTitle = "输入有误"
        validation.error = strip_controls(f"「{column.header}」请从下拉列表中选择。")[:255]
    if column.hint:
        # Headers and hints may come from data (an indicator's name): no control character in the XML.
        validation.showInputMessage = True
        validation.promptTitle = strip_controls(column.header)[:32]
        validation.prompt = strip_controls(column.hint)[:255]
    return validation


def _header_cell(worksheet, column: Column):
    cell = text_cell(worksheet, column.header)
    cell.font = Font(name="宋体", bold=True, color=_REQUIRED_COLOR if column.required else None)
    cell.fill = _HEADER_FILL
    cell.alignment = _HEADER_ALIGNMENT
    cell.comment = Comment(strip_controls(comment_of(column)), "填写提示", width=260, height=120)
    return cell


def _value_cell(worksheet, column: Column, value):
    """Turn one typed value into what the writer appends: a cell, a number or None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        value = BOOLEAN_LABELS[0] if value else BOOLEAN_LABELS[1]
    elif column.kind is Kind.CHOICE:
        value = column.label_of(value)
    if column.kind is Kind.DIGITS_TEXT:
        # Each cell carries the text format too: an edited cell keeps its own format, not the column's.
        return text_cell(worksheet, str(value), text_format=True)
    if column.kind is Kind.TEXT or isinstance(value, str):
        return plain_text(worksheet, str(value))
    if isinstance(value, date):
        return date_cell(worksheet, value)
    if isinstance(value, int | float | Decimal):
        return value  # numbers stay numbers, so a legitimate -5 is not turned into text
    return plain_text(worksheet, str(value))
