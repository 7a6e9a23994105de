"""附件3, 附件4 and 附件5: the long lists, one row per item, header repeated on every page.

Context: ``applicant``; ``rows`` (dicts of display strings); 附件5 also ``served_count`` and
``list_minimum`` (the policy's minimum number of rows, or none).
"""

from shifan.documents.docx.authoring import (
    TEXT_WIDTH,
    Cell,
    GridTable,
    add_paragraph,
    grid_widths,
    label,
    merged,
    value,
)
from tools.office_templates.common import EMPTY_ROW, attachment_heading, new_form

EQUIPMENT_TITLE = "主要服务设施、软件及仪器设备清单"
STAFF_TITLE = "主要从业人员情况表"
SERVED_TITLE = "上一年度服务中小企业名单及服务评价表"


def _rows(table: GridTable, *cells: Cell) -> None:
    table.loop("row in rows", *cells)
    table.when("not rows", value(EMPTY_ROW, len(table.widths)))


def build_equipment():
    document = new_form(f"附件3 {EQUIPMENT_TITLE}")
    attachment_heading(document, 3, EQUIPMENT_TITLE)
    table = GridTable(grid_widths(TEXT_WIDTH, [12, 46, 14, 24, 34, 26]))
    table.row(*(label(text) for text in ("序号", "名称", "数量", "购买价格（万元）", "购买时间", "备注")), header=True)
    _rows(table, value("{{ row.seq }}"), Cell("{{ row.name }}", style="TableTextLeft"), value("{{ row.quantity }}"),
          value("{{ row.price }}"), value("{{ row.purchased_on }}"), Cell("{{ row.note }}", style="TableTextLeft"))
    table.add_to(document)
    add_paragraph(document, "")
    return document


def _small(text: str, **options) -> Cell:
    return Cell(text, style="TableTextSmall", **options)


def _small_label(text: str, span: int = 1, **options) -> Cell:
    return Cell(text, span, style="TableHeadingSmall", **options)


# 附件4 and 附件5 have eight to ten columns on a portrait page: 小五 and narrow cell padding keep a
# mobile number or a date on one line.
DENSE = {"cell_margin": 28}


def build_staff():
    document = new_form(f"附件4 {STAFF_TITLE}")
    attachment_heading(document, 4, STAFF_TITLE)
    table = GridTable(grid_widths(TEXT_WIDTH, [8, 14, 8, 17, 25, 14, 21, 12, 12, 25]), **DENSE)
    start = {"merge": "restart"}
    table.row(_small_label("序号", **start), _small_label("姓名", **start), _small_label("年龄", **start),
              _small_label("学历情况", 2), _small_label("技术职称情况", 2), _small_label("在服务平台工作年限", **start),
              _small_label("岗位", **start), _small_label("联系方式", **start), header=True)
    table.row(merged(), merged(), merged(), _small_label("学历"), _small_label("毕业院校及专业"),
              _small_label("职称等级"), _small_label("评定部门"), merged(), merged(), merged(), header=True)
    _rows(table, *(_small(f"{{{{ row.{key} }}}}") for key in (
        "seq", "name", "age", "education", "school_major", "title_level", "title_authority", "years", "position",
        "contact")))  # fmt: skip
    table.add_to(document)
    add_paragraph(document, "")
    return document


def build_served():
    document = new_form(f"附件5 {SERVED_TITLE}")
    attachment_heading(document, 5, SERVED_TITLE)
    table = GridTable(grid_widths(TEXT_WIDTH, [9, 42, 14, 15, 22, 32, 11, 11]), **DENSE)
    start = {"merge": "restart"}
    table.row(_small_label("序号", **start), _small_label("服务企业名称", **start), _small_label("企业联系人", **start),
              _small_label("职务", **start), _small_label("手机", **start), _small_label("服务内容简述", **start),
              _small_label("服务满意度", 2), header=True)
    table.row(*(merged() for _ in range(6)), _small_label("满意"), _small_label("不满意"), header=True)
    _rows(table, _small("{{ row.seq }}"), Cell("{{ row.name }}", style="TableTextSmallLeft"),
          _small("{{ row.contact }}"), _small("{{ row.position }}"), _small("{{ row.mobile }}"),
          Cell("{{ row.service }}", style="TableTextSmallLeft"), _small("{{ row.satisfied }}"),
          _small("{{ row.unsatisfied }}"))
    table.add_to(document)
    add_paragraph(document, "注：实际服务（{{ served_count }}）家企业"
                            "{% if list_minimum %}，名单必须{{ list_minimum }}家以上{% endif %}。", spacing_before=120)
    return document
