"""The two helper sheets of every list workbook: 填写说明 (instructions) and the hidden 选项."""

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname

from shifan.documents.xlsx.cells import text_cell
from shifan.documents.xlsx.rules import DATE_EXAMPLES, rule_of
from shifan.documents.xlsx.spec import INSTRUCTIONS_TITLE, LIST_KINDS, OPTIONS_TITLE, Kind, Sheet

_TABLE_HEADERS = ("列", "列名", "是否必填", "填写要求", "说明")
_TABLE_WIDTHS = (6, 24, 10, 50, 50)
_SECTION_NUMBERS = ("一", "二", "三")
_WRAP = Alignment(wrap_text=True, vertical="top")


def list_columns(sheet: Sheet) -> list:
    return [column for column in sheet.columns if column.kind in LIST_KINDS]


def option_ranges(sheet: Sheet) -> dict[str, str]:
    """Each drop-down column's key → the range of its labels on 选项, e.g. '选项'!$A$2:$A$3."""
    ranges = {}
    for index, column in enumerate(list_columns(sheet), start=1):
        letter = get_column_letter(index)
        ranges[column.key] = f"{quote_sheetname(OPTIONS_TITLE)}!${letter}$2:${letter}${len(column.options) + 1}"
    return ranges


def write_options(workbook, sheet: Sheet) -> None:
    """Add the hidden 选项 sheet: one column per drop-down, its header in row 1, labels below."""
    worksheet = workbook.create_sheet(OPTIONS_TITLE)
    worksheet.sheet_state = "hidden"
    columns = list_columns(sheet)
    depth = max((len(column.options) for column in columns), default=0)
    worksheet.append([text_cell(worksheet, column.header) for column in columns])
    for row in range(depth):
        worksheet.append(
            [text_cell(worksheet, column.options[row]) if row < len(column.options) else None for column in columns]
        )


def _general_notes(sheet: Sheet) -> list[str]:
    notes = [
        f"请在「{sheet.title}」工作表中从第 2 行起逐行填写，一行一条记录；不要修改、删除或移动第 1 行表头。",
        "表头为红色的列必须填写；把鼠标移到表头上可以看到该列的填写提示。",
    ]
    kinds = {column.kind for column in sheet.columns}
    if kinds & LIST_KINDS:
        notes.append("带下拉箭头的列请从下拉列表中选择，不要输入列表以外的内容。")
    if Kind.DIGITS_TEXT in kinds:
        notes.append("号码类列（如统一社会信用代码、身份证号码、手机号码）已设为文本格式，请不要改为数字或常规格式。")
    if Kind.DATE in kinds:
        notes.append(f"日期可填写为 {DATE_EXAMPLES}。")
    notes.append("空行会被忽略；请不要合并单元格，不要使用公式。")
    return notes


def _numbered(lines) -> list[str]:
    return [f"{number}. {line}" for number, line in enumerate(lines, start=1)]


def write_instructions(workbook, sheet: Sheet) -> None:
    """Add 填写说明: the list's own instructions, the general rules, then a table of the columns."""
    worksheet = workbook.create_sheet(INSTRUCTIONS_TITLE)
    for index, width in enumerate(_TABLE_WIDTHS, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width
    title = text_cell(worksheet, f"{sheet.title} · 填写说明")
    title.font = Font(bold=True, size=14)
    worksheet.append([title])
    sections = [("填写要求", sheet.instructions), ("通用规则", _general_notes(sheet))]
    # The column table comes last, under its own heading; a list without instructions skips 填写要求.
    sections = [section for section in sections if section[1]] + [("各列填写要求", ())]
    for number, (heading, lines) in zip(_SECTION_NUMBERS, sections, strict=False):
        worksheet.append([])
        worksheet.append([_bold(worksheet, f"{number}、{heading}")])
        for line in _numbered(lines):
            worksheet.append([text_cell(worksheet, line)])
    worksheet.append([_bold(worksheet, header) for header in _TABLE_HEADERS])
    for index, column in enumerate(sheet.columns, start=1):
        required = "必填" if column.required else "选填"
        values = (get_column_letter(index), column.header, required, rule_of(column), column.hint)
        worksheet.append([_wrapped(worksheet, value) for value in values])


def _bold(worksheet, value: str):
    cell = text_cell(worksheet, value)
    cell.font = Font(bold=True)
    return cell


def _wrapped(worksheet, value: str):
    if not value:
        return None
    cell = text_cell(worksheet, value)
    cell.alignment = _WRAP
    return cell
