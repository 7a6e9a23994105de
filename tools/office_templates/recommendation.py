"""附件1 南昌市中小企业公共服务示范平台推荐表: cover, then the district's table.

Context (display strings): ``applicant``, ``department`` (the recommending authority),
``filled_on``; ``sample_minimum`` (the policy's survey size, 12 in the regulation); ``rows``
(dicts: name, method as its number 1–5, interviewee, position, mobile, service, satisfied as
满意 / 不满意); ``impact``, ``exemplarity``, ``opinion`` (texts, line breaks kept);
``opinion_date`` (2026年5月1日, or blanks to date by hand).
"""

from shifan.documents.docx.authoring import (
    TEXT_WIDTH,
    Cell,
    GridTable,
    Line,
    Run,
    add_paragraph,
    grid_widths,
    label,
    value,
)
from tools.office_templates.common import EMPTY_ROW, new_form

TITLE = "南昌市中小企业公共服务示范平台推荐表"
COVER_TITLE = ("南昌市中小企业公共服务示范平台", "推荐表")
SURVEY_HEADING = "推荐部门组织测评情况（随机抽取服务企业名单 {{ sample_minimum }} 家以上）"
METHODS = "1、上门拜访 2、电话询问 3、网络互动 4、书面征求 5、其他"
COLUMNS = (("抽样企业名称", "name"), ("测评方法（填编号）", "method"), ("被访人姓名", "interviewee"),
           ("职务", "position"), ("手机", "mobile"), ("服务内容", "service"), ("对所受服务满意与否", "satisfied"))
LEFT_ALIGNED = ("name", "service")
TEXT_ROWS = (("对区域中小企业发展的影响和作用", "impact"), ("示范性", "exemplarity"))
OPINION_HEADING = "县区、开发区、湾里管理局中小企业服务主管部门推荐意见："
TEXT_HEIGHT = 2268  # twips (4 cm): room for a paragraph, or to write by hand on a blank form


def _cover(document) -> None:
    add_paragraph(document, "附件1", "AttachmentLabel")
    for _ in range(3):
        add_paragraph(document, "")
    for line in COVER_TITLE:
        add_paragraph(document, line, "CoverTitle")
    for _ in range(5):
        add_paragraph(document, "")
    add_paragraph(document, ("申报单位（盖章）：", Run("{{ applicant }}", underline=True)), "CoverLine")
    add_paragraph(document, ("推荐部门（盖章）：", Run("{{ department }}", underline=True)), "CoverLine")
    add_paragraph(document, ("填报日期：", Run("{{ filled_on }}", underline=True)), "CoverLine")
    for _ in range(6):
        add_paragraph(document, "")
    add_paragraph(document, "南昌市中小企业服务局 制", "BodyCenter")


def _table() -> GridTable:
    table = GridTable(grid_widths(TEXT_WIDTH, [30, 11, 12, 12, 20, 25, 14]), cell_margin=28)
    columns = len(table.widths)
    table.row(Cell(SURVEY_HEADING, columns, style="TableHeading"), header=True)
    table.row(label("测评方法", 2), Cell(METHODS, columns - 2, style="TableTextLeft"), header=True)
    table.row(*(label(text) for text, _ in COLUMNS), header=True)
    table.loop("row in rows", *(
        Cell(f"{{{{ row.{key} }}}}", style="TableTextLeft" if key in LEFT_ALIGNED else "TableText")
        for _, key in COLUMNS))  # fmt: skip
    table.when("not rows", value(EMPTY_ROW, columns))
    for heading, key in TEXT_ROWS:
        table.row(label(heading, 2), Cell(f"{{{{ {key} }}}}", columns - 2, style="TableTextLeft", valign="top"),
                  height=TEXT_HEIGHT, cant_split=False)
    opinion = (Run(OPINION_HEADING, bold=True), "{{ opinion }}", "", Line("（盖章）"), Line("{{ opinion_date }}"))
    table.row(Cell(opinion, columns, style="TableTextLeft", valign="top"), height=TEXT_HEIGHT, cant_split=False)
    return table


def build_recommendation():
    document = new_form(f"附件1 {TITLE}", cover=True)
    _cover(document)
    add_paragraph(document, "", page_break_before=True)
    _table().add_to(document)
    add_paragraph(document, "")
    return document
