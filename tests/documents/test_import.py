"""Reading a filled-in list: typed rows, Chinese errors with row and column, header tolerance."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from shifan.documents.xlsx import ImportRefused, RowError, export_rows, read_rows
from tests.documents.helpers import parts, rezip, workbook_bytes
from tests.documents.specs import ACTIVITIES, SERVED_SMES, sme

SME_HEADERS = ["服务企业名称", "统一社会信用代码", "企业联系人", "职务", "手机", "服务内容简述", "满意"]
ACTIVITY_HEADERS = ["活动名称", "活动类型", "举办日期", "参加企业数", "费用（万元）", "线上举办"]
DIGITS_MESSAGE = (
    "必须以文本格式填写：Excel 会把长串数字变成数值（如 1.10105E+17）并丢失末几位。"
    "请把该列设为“文本”格式后重新输入，或在号码前加英文单引号 '。"
)


def _activity(topic="融资培训", kind="培训", held_on="2025-03-01", attendees=12, cost=3.5, online="否"):
    return [topic, kind, held_on, attendees, cost, online]


def _read_activities(*rows, **options):
    return read_rows(ACTIVITIES, workbook_bytes("服务活动", [ACTIVITY_HEADERS, *rows]), **options)


def test_an_export_reads_back_as_the_same_typed_rows():
    rows = [sme(1), sme(2, contact="", title="", mobile="", summary="", satisfied=None), sme(3, name="=1+1")]
    result = read_rows(SERVED_SMES, export_rows(SERVED_SMES, rows))
    assert (result.rows, result.row_numbers, result.errors, result.warnings) == (rows, [2, 3, 4], [], [])


def test_every_kind_round_trips():
    rows = [
        {"topic": "融资对接会", "kind": "matchmaking", "held_on": date(2025, 3, 1), "attendees": 40,
         "cost": Decimal("12.5"), "online": True},
        {"topic": "上门诊断", "kind": "consulting", "held_on": date(2024, 12, 31), "attendees": None,
         "cost": None, "online": None},
    ]
    result = read_rows(ACTIVITIES, export_rows(ACTIVITIES, rows))
    assert (result.rows, result.errors) == (rows, [])


def test_every_bad_cell_gets_a_chinese_error_naming_its_row_and_column():
    result = _read_activities(
        _activity(topic=None),
        _activity(kind="讲座"),
        _activity(held_on="明天"),
        _activity(held_on="2025-02-30"),
        _activity(held_on=45717),
        _activity(attendees="三十"),
        _activity(attendees=2.5),
        _activity(cost="十二万"),
        _activity(online="可能"),
        _activity(),
    )
    assert [str(error) for error in result.errors] == [
        "第 2 行「活动名称」：必填，不能为空。",
        "第 3 行「活动类型」：应从下拉列表中选择：培训、对接会、咨询诊断。",
        "第 4 行「举办日期」：应为日期，如 2025-03-01、2025/3/1 或 2025年3月1日。",
        "第 5 行「举办日期」：日期不存在，请检查年、月、日。",
        "第 6 行「举办日期」：应为日期，如 2025-03-01、2025/3/1 或 2025年3月1日。",
        "第 7 行「参加企业数」：应为整数，如 3。",
        "第 8 行「参加企业数」：应为整数，如 3。",
        "第 9 行「费用（万元）」：应为数字，如 12.5。",
        "第 10 行「线上举办」：应填“是”或“否”。",
    ]
    assert result.errors[0] == RowError(2, "活动名称", "必填，不能为空。")
    assert (result.row_numbers, result.ok) == ([11], False)


def test_an_18_digit_number_typed_as_a_number_is_refused_with_the_explanation():
    rows = [SME_HEADERS, ["甲公司", float(911101080000000017), "张三", "经理", 13800138000, "培训", "是"]]
    result = read_rows(SERVED_SMES, workbook_bytes("服务企业名单", rows))
    assert result.errors == [
        RowError(2, "统一社会信用代码", DIGITS_MESSAGE),
        RowError(2, "手机", DIGITS_MESSAGE),
    ]
    assert result.rows == []


def test_too_long_text_is_reported_with_the_limit_and_the_length():
    rows = [SME_HEADERS, ["甲公司", "91360100MA35000001", "张三", "经理", "138001380001", "培训", "是"]]
    result = read_rows(SERVED_SMES, workbook_bytes("服务企业名单", rows))
    assert [str(error) for error in result.errors] == ["第 2 行「手机」：不能超过 11 个字（现有 12 个）。"]


@pytest.mark.parametrize(
    ("held_on", "expected"),
    [
        (datetime(2025, 3, 1, 0, 0), date(2025, 3, 1)),
        ("2025-03-01", date(2025, 3, 1)),
        ("2025/3/1", date(2025, 3, 1)),
        ("2025.3.1", date(2025, 3, 1)),
        ("2025年3月1日", date(2025, 3, 1)),
        ("２０２５年３月１日", date(2025, 3, 1)),
        ("20250301", date(2025, 3, 1)),
        (" 2025-03-01 00:00:00 ", date(2025, 3, 1)),
    ],
)
def test_dates_arrive_as_date_cells_or_as_text_in_the_usual_forms(held_on, expected):
    result = _read_activities(_activity(held_on=held_on))
    assert (result.errors, result.rows[0]["held_on"]) == ([], expected)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"attendees": 3.0, "cost": 3}, (3, Decimal("3"))),
        ({"attendees": "1,234", "cost": "1,234.50"}, (1234, Decimal("1234.50"))),
        ({"attendees": "１２", "cost": 0.1}, (12, Decimal("0.1"))),
        ({"attendees": " 7 ", "cost": "-2.5"}, (7, Decimal("-2.5"))),
    ],
)
def test_numbers_are_normalised_from_floats_and_text(cells, expected):
    result = _read_activities(_activity(**cells))
    assert (result.errors, result.rows[0]["attendees"], result.rows[0]["cost"]) == ([], *expected)


@pytest.mark.parametrize(
    ("kind", "online", "expected"),
    [("培训", "是", ("training", True)), (" 对接会 ", "否", ("matchmaking", False)),
     ("consulting", True, ("consulting", True)), ("TRAINING", "N", ("training", False))],
)
def test_choices_accept_the_label_or_the_code_and_booleans_the_usual_forms(kind, online, expected):
    result = _read_activities(_activity(kind=kind, online=online))
    assert (result.errors, result.rows[0]["kind"], result.rows[0]["online"]) == ([], *expected)


def test_headers_match_despite_spaces_width_and_order_and_extra_columns_are_ignored_with_a_warning():
    headers = ["  线上举办", "活动名称 ", "备注", "活动类型", "举办日期", "参加企业数", "费用(万元)"]
    rows = [headers, ["是", "融资培训", "随便写", "培训", "2025-03-01", 5, 1]]
    result = read_rows(ACTIVITIES, workbook_bytes("服务活动", rows))
    assert result.warnings == ["已忽略无法识别的列「备注」（第 C 列）。"]
    assert result.rows == [{"topic": "融资培训", "kind": "training", "held_on": date(2025, 3, 1), "attendees": 5,
                            "cost": Decimal("1"), "online": True}]


def test_a_missing_required_column_is_one_error_naming_it():
    headers = ["服务企业名称", "企业联系人", "职务", "手机", "服务内容简述", "满意"]
    rows = [headers] + [["甲公司", "张三", "经理", "13800138000", "培训", "是"]] * 50
    result = read_rows(SERVED_SMES, workbook_bytes("服务企业名单", rows))
    assert [str(error) for error in result.errors] == [
        "第 1 行「统一社会信用代码」：缺少这一必填列。请使用系统提供的模板，不要删除或修改表头。"
    ]
    assert result.rows == []


def test_a_missing_optional_column_reads_as_blank_with_a_warning():
    rows = [SME_HEADERS[:6], ["甲公司", "91360100MA35000001", "张三", "经理", "13800138000", "培训"]]
    result = read_rows(SERVED_SMES, workbook_bytes("服务企业名单", rows))
    assert result.warnings == ["未找到「满意」列，该列按空白处理。"]
    assert result.rows[0]["satisfied"] is None


def test_a_column_given_twice_is_an_error():
    rows = [[*SME_HEADERS, "手机"], ["甲公司", "91360100MA35000001", "张三", "经理", "13800138000", "培训", "是", "1"]]
    result = read_rows(SERVED_SMES, workbook_bytes("服务企业名单", rows))
    assert [str(error) for error in result.errors] == [
        "第 1 行「手机」：这一列出现了多次（第 E、H 列），请只保留一列。"
    ]


def test_a_title_above_the_header_is_tolerated_and_row_numbers_follow_the_sheet():
    rows = [["2025 年服务企业名单"], [], SME_HEADERS, ["甲公司", "91360100MA35000001", None, None, None, None, "是"]]
    result = read_rows(SERVED_SMES, workbook_bytes("服务企业名单", rows))
    assert (result.row_numbers, result.errors) == ([4], [])


def test_a_sheet_without_any_known_header_is_refused():
    with pytest.raises(ImportRefused) as refused:
        read_rows(SERVED_SMES, workbook_bytes("服务企业名单", [["名称", "代码"], ["甲公司", "1"]]))
    assert refused.value.message == (
        "在工作表「服务企业名单」的前 5 行中没有找到表头。请使用系统提供的模板，不要修改表头。"
    )


def test_a_renamed_data_sheet_is_read_with_a_warning():
    data = workbook_bytes("Sheet1", [SME_HEADERS, ["甲公司", "91360100MA35000001", None, None, None, None, None]])
    result = read_rows(SERVED_SMES, data)
    assert result.warnings == ["未找到名为「服务企业名单」的工作表，已读取第一个工作表「Sheet1」。"]
    assert result.row_numbers == [2]


def test_fully_empty_rows_are_skipped_and_row_numbers_map_to_excel_rows():
    rows = [SME_HEADERS, ["甲公司", "91360100MA35000001"], [], [None, "  ", "\t"], ["乙公司", "91360100MA35000002"]]
    result = read_rows(SERVED_SMES, workbook_bytes("服务企业名单", rows))
    assert ([row["name"] for row in result.rows], result.row_numbers) == (["甲公司", "乙公司"], [2, 5])


def test_control_characters_in_cells_are_stripped_on_import():
    # XML 1.0 cannot carry most C0 controls at all; CR, DEL and C1 controls it can.
    rows = [SME_HEADERS, ["\r甲\x7f公司\x85 ", "91360100MA35000001\r"]]
    result = read_rows(SERVED_SMES, workbook_bytes("服务企业名单", rows))
    assert (result.rows[0]["name"], result.rows[0]["uscc"]) == ("甲公司", "91360100MA35000001")


def test_callers_add_their_own_errors_by_row_index_and_column_key():
    second = ["乙公司", "91360100MA35000002", None, None, "1380013800"]
    rows = [SME_HEADERS, ["甲公司", "91360100MA35000001"], [], second]
    result = read_rows(SERVED_SMES, workbook_bytes("服务企业名单", rows))
    error = result.add_error(1, "mobile", "应为 11 位手机号码。")
    assert str(error) == "第 4 行「手机」：应为 11 位手机号码。"
    assert (result.errors, result.ok) == ([error], False)


def test_progress_is_reported_every_n_rows_with_the_declared_total_then_once_at_the_end():
    rows = [SME_HEADERS] + [[f"企业{n}", f"91360100MA35{n:06d}"] for n in range(1200)]
    calls = []
    read_rows(SERVED_SMES, workbook_bytes("服务企业名单", rows), progress=lambda *args: calls.append(args))
    assert calls == [(500, 1200), (1000, 1200), (1200, 1200)]


def test_progress_total_is_none_while_the_file_declares_no_size():
    # openpyxl's streaming writer (our exports) does not write <dimension>; Excel always does.
    calls = []
    data = export_rows(SERVED_SMES, [sme(n) for n in range(3)])
    read_rows(SERVED_SMES, data, progress=lambda *args: calls.append(args), progress_every=2)
    assert calls == [(2, None), (3, 3)]


def test_the_row_cap_allows_exactly_the_limit_and_refuses_one_more():
    rows = [SME_HEADERS] + [[f"企业{n}", f"91360100MA35{n:06d}"] for n in range(3)]
    assert len(read_rows(SERVED_SMES, workbook_bytes("服务企业名单", rows), max_rows=3).rows) == 3
    with pytest.raises(ImportRefused) as refused:
        read_rows(SERVED_SMES, workbook_bytes("服务企业名单", [*rows, ["企业x", "x"]]), max_rows=3)
    assert refused.value.message == "数据超过 3 行（不含表头），无法一次导入。请分批导入。"


X14_DROP_DOWN = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>选项!$A$2:$A$3</xm:f></x14:formula1>'
    "<xm:sqref>G2:G1048576</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
)


def test_a_template_saved_by_excel_with_its_x14_drop_downs_reads_cleanly():
    # Excel stores drop-downs that point at another sheet as an x14 extension; openpyxl warns
    # about it while iterating rows, which must neither leak out nor refuse the file.
    data = export_rows(SERVED_SMES, [sme(1)])
    sheet = parts(data)["xl/worksheets/sheet1.xml"].decode().replace("</worksheet>", X14_DROP_DOWN + "</worksheet>")
    result = read_rows(SERVED_SMES, rezip(data, replace={"xl/worksheets/sheet1.xml": sheet.encode()}))
    assert (result.rows, result.errors) == ([sme(1)], [])
