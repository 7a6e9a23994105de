"""The city review's documents for the file: one 评分表 per sheet, and the 专家抽取记录 of a draw.

Score sheet context (display strings): ``title`` (专家评分表 or 评审机构评分表), ``batch``, ``group``,
``applicant``, ``platform``; ``rows`` (dicts: seq, category, name, max_points, points, comment);
``maximum``, ``total``, ``comment``; ``scorer_label`` and ``scorer``; ``submitted_on``;
``signer_label`` (专家签字 or 评审机构（盖章）).

Draw record context (display strings and lists): ``batch``, ``group``, ``number``, ``drawn_at``,
``officer``, ``state``, ``reason``, ``seed``, ``fingerprint``, ``panel``, ``specialties``,
``rules``, ``verification``; ``candidates`` (dicts: seq, name, employer); ``exclusions`` (dicts:
seq, name, employer, reasons as lines); ``drawn`` (dicts: position, name, employer, role, answer);
``candidate_count``, ``exclusion_count``.
"""

from shifan.documents.docx.authoring import TEXT_WIDTH, Cell, GridTable, add_paragraph, grid_widths, label, value
from tools.office_templates.common import EMPTY_ROW, new_form

SUBTITLE = "南昌市中小企业公共服务示范平台认定评审"
SCORE_SHEET_TITLE = "评审评分表"
DRAW_RECORD_TITLE = "专家抽取记录"
TEXT_HEIGHT = 1700  # twips (3 cm): room for a few lines of comment
SIGNATURE_BLANK = "____________"


def _left(text: str, span: int = 1, **options) -> Cell:
    return Cell(text, span, style="TableTextLeft", **options)


def _heading(document, title: str) -> None:
    add_paragraph(document, SUBTITLE, "BodyCenter")
    add_paragraph(document, title, "Title")


def _score_table() -> GridTable:
    table = GridTable(grid_widths(TEXT_WIDTH, [7, 16, 33, 9, 9, 26]), cell_margin=28)
    columns = len(table.widths)
    table.row(label("申报批次", 2), _left("{{ batch }}"), label("评审组", 2), _left("{{ group }}"))
    table.row(label("申报单位", 2), _left("{{ applicant }}", columns - 2))
    table.row(label("平台名称", 2), _left("{{ platform }}", columns - 2))
    table.row(*(label(text) for text in ("序号", "一级指标", "评分指标", "分值", "得分", "评分意见")), header=True)
    table.loop("row in rows", value("{{ row.seq }}"), value("{{ row.category }}"), _left("{{ row.name }}"),
               value("{{ row.max_points }}"), value("{{ row.points }}"), _left("{{ row.comment }}"))
    table.when("not rows", value(EMPTY_ROW, columns))
    table.row(label("合计", 3), value("{{ maximum }}"), value("{{ total }}"), value(""))
    table.row(label("综合评价意见", 2), _left("{{ comment }}", columns - 2, valign="top"), height=TEXT_HEIGHT,
              cant_split=False)
    table.row(label("{{ scorer_label }}", 2), _left("{{ scorer }}"), label("提交时间", 2), _left("{{ submitted_on }}"))
    return table


def build_score_sheet():
    document = new_form(SCORE_SHEET_TITLE)
    _heading(document, "{{ title }}")
    _score_table().add_to(document)
    add_paragraph(document, "")
    add_paragraph(document, f"{{{{ signer_label }}}}：{SIGNATURE_BLANK}　　日期：{SIGNATURE_BLANK}")
    return document


DRAW_FACTS = (
    ("申报批次", "batch"), ("评审组", "group"), ("抽取编号", "number"), ("抽取时间", "drawn_at"),
    ("经办人员", "officer"), ("记录状态", "state"), ("重新抽取理由", "reason"), ("随机种子", "seed"),
    ("候选名单指纹（SHA-256）", "fingerprint"), ("抽取人数", "panel"), ("所需专业", "specialties"),
    ("适用的回避规则", "rules"), ("复算核验", "verification"),
)


def _facts_table() -> GridTable:
    table = GridTable(grid_widths(TEXT_WIDTH, [26, 74]), cell_margin=57)
    for text, key in DRAW_FACTS:
        table.row(label(text), _left(f"{{{{ {key} }}}}"))
    return table


def _candidates_table() -> GridTable:
    table = GridTable(grid_widths(TEXT_WIDTH, [10, 25, 65]), cell_margin=57)
    table.row(label("序号"), label("姓名"), label("工作单位"), header=True)
    table.loop("c in candidates", value("{{ c.seq }}"), value("{{ c.name }}"), _left("{{ c.employer }}"))
    table.when("not candidates", value(EMPTY_ROW, 3))
    return table


def _exclusions_table() -> GridTable:
    table = GridTable(grid_widths(TEXT_WIDTH, [8, 14, 28, 50]), cell_margin=57)
    table.row(label("序号"), label("姓名"), label("工作单位"), label("回避与排除原因"), header=True)
    table.loop("e in exclusions", value("{{ e.seq }}"), value("{{ e.name }}"), _left("{{ e.employer }}"),
               _left("{{ e.reasons }}"))
    table.when("not exclusions", value(EMPTY_ROW, 4))
    return table


def _drawn_table() -> GridTable:
    table = GridTable(grid_widths(TEXT_WIDTH, [8, 14, 28, 12, 38]), cell_margin=57)
    table.row(*(label(text) for text in ("顺序", "姓名", "工作单位", "身份", "答复情况")), header=True)
    table.loop("d in drawn", value("{{ d.position }}"), value("{{ d.name }}"), _left("{{ d.employer }}"),
               value("{{ d.role }}"), _left("{{ d.answer }}"))
    table.when("not drawn", value(EMPTY_ROW, 5))
    return table


def build_draw_record():
    document = new_form(DRAW_RECORD_TITLE)
    _heading(document, DRAW_RECORD_TITLE)
    add_paragraph(document, "一、抽取情况", "Heading1")
    _facts_table().add_to(document)
    add_paragraph(document, "二、候选专家（{{ candidate_count }} 人，按专家库顺序）", "Heading1", spacing_before=240)
    _candidates_table().add_to(document)
    add_paragraph(document, "三、回避与排除（{{ exclusion_count }} 人）", "Heading1", spacing_before=240)
    _exclusions_table().add_to(document)
    add_paragraph(document, "四、抽取结果（按抽中顺序）", "Heading1", spacing_before=240)
    _drawn_table().add_to(document)
    add_paragraph(document, "")
    add_paragraph(document, f"经办人签字：{SIGNATURE_BLANK}　　监督人签字：{SIGNATURE_BLANK}")
    add_paragraph(document, f"日期：{SIGNATURE_BLANK}")
    return document


REVIEW_TEMPLATES = {
    "review_score_sheet.docx": build_score_sheet,
    "review_draw_record.docx": build_draw_record,
}
