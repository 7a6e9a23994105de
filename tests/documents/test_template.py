"""The downloadable template: data sheet layout, drop-downs, text formats, 填写说明 and 选项."""

import io

import pytest
from openpyxl import load_workbook

from shifan.documents.xlsx import build_template
from tests.documents.specs import ACTIVITIES, SERVED_SMES

DIGITS_RULE = "号码，按文本填写（该列已设为文本格式，请勿改为数字格式）"


@pytest.fixture(scope="module")
def template():
    return load_workbook(io.BytesIO(build_template(SERVED_SMES)))


def test_the_workbook_has_the_data_sheet_first_then_instructions_then_hidden_options(template):
    assert template.sheetnames == ["服务企业名单", "填写说明", "选项"]
    assert [sheet.sheet_state for sheet in template.worksheets] == ["visible", "visible", "hidden"]
    assert template.active.title == "服务企业名单"


def test_the_header_row_is_bold_frozen_and_marks_required_columns_in_red(template):
    sheet = template["服务企业名单"]
    assert [cell.value for cell in sheet[1]] == [column.header for column in SERVED_SMES.columns]
    assert [cell.font.b for cell in sheet[1]] == [True] * 7
    assert [cell.font.color.rgb if cell.font.color else None for cell in sheet[1]] == (
        ["00C00000", "00C00000", None, None, None, None, None]
    )
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 1


def test_each_header_has_a_comment_with_its_rule_and_hint(template):
    comments = [cell.comment.text for cell in template["服务企业名单"][1]]
    assert comments == [
        "必填。文本，不超过 100 个字。\n填写营业执照上的企业全称",
        f"必填。{DIGITS_RULE}，不超过 18 个字。",
        "选填。文本，不超过 20 个字。",
        "选填。文本，不超过 20 个字。",
        f"选填。{DIGITS_RULE}，不超过 11 个字。\n11 位手机号码",
        "选填。文本，不超过 200 个字。",
        "选填。从下拉列表中选择：是、否。",
    ]


def test_text_columns_are_formatted_as_text_for_every_row_and_widths_are_set(template):
    # A column-wide style covers all 1,048,576 rows (far beyond 10,000) without a styled cell per row.
    columns = template["服务企业名单"].column_dimensions
    assert {letter: (dim.min, dim.max, dim.number_format, dim.width) for letter, dim in columns.items()} == {
        "A": (1, 1, "@", 16.0),
        "B": (2, 2, "@", 22.0),
        "C": (3, 3, "@", 16.0),
        "D": (4, 4, "@", 16.0),
        "E": (5, 5, "@", 22.0),
        "F": (6, 6, "@", 40.0),
        "G": (7, 7, "General", 10.0),
    }


def test_drop_downs_point_at_the_hidden_options_sheet_and_hints_become_input_prompts(template):
    validations = template["服务企业名单"].data_validations.dataValidation
    assert [(str(v.sqref), v.type, v.formula1, v.prompt, v.error) for v in validations] == [
        ("A2:A1048576", None, None, "填写营业执照上的企业全称", None),
        ("E2:E1048576", None, None, "11 位手机号码", None),
        ("G2:G1048576", "list", "'选项'!$A$2:$A$3", None, "「满意」请从下拉列表中选择。"),
    ]
    assert [v.showErrorMessage for v in validations] == [False, False, True]
    assert list(template["选项"].iter_rows(values_only=True)) == [("满意",), ("是",), ("否",)]


def test_choice_columns_list_their_labels_and_dates_get_a_date_format():
    workbook = load_workbook(io.BytesIO(build_template(ACTIVITIES)))
    sheet = workbook["服务活动"]
    assert [(str(v.sqref), v.type, v.formula1) for v in sheet.data_validations.dataValidation] == [
        ("B2:B1048576", "list", "'选项'!$A$2:$A$4"),
        ("F2:F1048576", "list", "'选项'!$B$2:$B$3"),
    ]
    assert list(workbook["选项"].iter_rows(values_only=True)) == [
        ("活动类型", "线上举办"),
        ("培训", "是"),
        ("对接会", "否"),
        ("咨询诊断", None),
    ]
    assert sheet.column_dimensions["C"].number_format == "yyyy-mm-dd"


def test_the_instructions_sheet_lists_the_instructions_the_general_rules_and_every_column(template):
    assert list(template["填写说明"].iter_rows(values_only=True)) == [
        ("服务企业名单 · 填写说明", None, None, None, None),
        (None, None, None, None, None),
        ("一、填写要求", None, None, None, None),
        ("1. 填写申报前一年度服务的中小企业，每家企业一行。", None, None, None, None),
        ("2. 同一企业只填写一次。", None, None, None, None),
        (None, None, None, None, None),
        ("二、通用规则", None, None, None, None),
        (
            "1. 请在「服务企业名单」工作表中从第 2 行起逐行填写，一行一条记录；不要修改、删除或移动第 1 行表头。",
            None, None, None, None,
        ),
        ("2. 表头为红色的列必须填写；把鼠标移到表头上可以看到该列的填写提示。", None, None, None, None),
        ("3. 带下拉箭头的列请从下拉列表中选择，不要输入列表以外的内容。", None, None, None, None),
        (
            "4. 号码类列（如统一社会信用代码、身份证号码、手机号码）已设为文本格式，请不要改为数字或常规格式。",
            None, None, None, None,
        ),
        ("5. 空行会被忽略；请不要合并单元格，不要使用公式。", None, None, None, None),
        (None, None, None, None, None),
        ("三、各列填写要求", None, None, None, None),
        ("列", "列名", "是否必填", "填写要求", "说明"),
        ("A", "服务企业名称", "必填", "文本，不超过 100 个字", "填写营业执照上的企业全称"),
        ("B", "统一社会信用代码", "必填", f"{DIGITS_RULE}，不超过 18 个字", None),
        ("C", "企业联系人", "选填", "文本，不超过 20 个字", None),
        ("D", "职务", "选填", "文本，不超过 20 个字", None),
        ("E", "手机", "选填", f"{DIGITS_RULE}，不超过 11 个字", "11 位手机号码"),
        ("F", "服务内容简述", "选填", "文本，不超过 200 个字", None),
        ("G", "满意", "选填", "从下拉列表中选择：是、否", None),
    ]


def test_instructions_for_a_list_with_dates_mention_the_accepted_date_forms():
    workbook = load_workbook(io.BytesIO(build_template(ACTIVITIES)))
    lines = [row[0] for row in workbook["填写说明"].iter_rows(values_only=True)]
    assert "4. 日期可填写为 2025-03-01、2025/3/1 或 2025年3月1日。" in lines
    assert not any(line and "号码类列" in line for line in lines)
