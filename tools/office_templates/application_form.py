"""附件2's 南昌市中小企业公共服务示范平台申请表, sections 一 to 六, as one table on a 60-column grid.

Context (all display strings): ``form`` (the single values, computed figures included),
``investors``, ``operations``, ``products`` (lists of dicts), ``partners`` and ``activities``
(``count`` and ``rows``). Row layouts follow the regulation's table; column widths are chosen so
that a date such as 2026年12月31日 and a mobile number fit on one line.
"""

from shifan.documents.docx.authoring import (
    TEXT_WIDTH,
    Cell,
    GridTable,
    Run,
    add_paragraph,
    grid_widths,
    label,
    merged,
    value,
)
from tools.office_templates.common import APPLICANT_LINE

FORM_TITLE = "南昌市中小企业公共服务示范平台申请表"
GRID = 60
# Section 一 as in the regulation's table: three “label：value” cells a row, so that a long value
# (an 18-character code, an address) wraps under its label instead of squeezing a narrow column.
BASIC_ROWS = (
    (("单位性质：", "nature"), ("统一社会信用代码：", "uscc"), ("发证部门：", "registration_authority")),
    (("注册日期：", "registered_on"), ("注册地址：", "address"), ("邮编：", "postcode")),
    (("法定代表人：", "legal_name"), ("身份证号：", "legal_id_number"), ("手机：", "legal_mobile")),
    (("联系人：", "contact_name"), ("联系电话及传真：", "contact_phone_fax"), ("手机：", "contact_mobile")),
    (("网址：", "website"), ("备案号：", "icp_filing"), ("电子邮箱：", "email")),
)
EQUIPMENT_LINE = (
    "仪器、设备数量：{{ form.equipment_count }} 台（套），购买价格：{{ form.equipment_value }} 万元，"
    "占总资产 {{ form.equipment_share }}%"
)
SITE_LINE = (
    "服务场地面积：{{ form.site_area }} 平方米（其中：自有 {{ form.site_area_owned }} 平方米，"
    "租用 {{ form.site_area_rented }} 平方米）"
)
STAFF_LINE = (
    "从业人数：共 {{ form.staff_total }} 人，其中大专及以上学历或中级及以上技术职称的专业人员 "
    "{{ form.staff_qualified }} 人，占总人数 {{ form.staff_qualified_ratio }}%"
)
OPERATION_COLUMNS = (("年度", "year"), ("资产总额", "total_assets"), ("营业收入", "revenue"),
                     ("服务收入", "service_revenue"), ("利润总额", "profit"))
PRODUCT_COLUMNS = (("主要服务产品", "name", 15), ("服务企业户数", "smes_served", 9), ("服务人次", "person_times", 9),
                   ("服务收入（万元）", "revenue", 9), ("占总服务收入比（%）", "revenue_share", 9),
                   ("服务满意度（%）", "satisfaction", 9))
ACTIVITY_COLUMNS = (("时间", "date", 13), ("活动名称", "title", 14), ("地点", "place", 12),
                    ("服务功能", "function", 9), ("参加企业户数", "smes", 6), ("参加人数", "participants", 6))
ACTIVITY_HEADING = "大型服务活动开展情况（次数、时间、地点、参加企业户数、参加人数等）：共 {{ activities.count }} 次"
TEXT_SECTIONS = (
    ("四、参加相关公益性服务活动情况", "welfare"),
    ("五、得到政府扶持的情况", "support"),
    ("六、对区域中小企业发展的影响及作用（自测情况）", "impact"),
)
TEXT_HEIGHT = 1700  # twips (3 cm): room for a few lines on a blank form


def _field(name: str) -> str:
    return f"{{{{ form.{name} }}}}"


def _heading(table: GridTable, text: str) -> None:
    table.row(Cell(text, GRID, style="TableHeadingLeft", keep_next=True))


def _left(text, span: int, **options) -> Cell:
    return Cell(text, span, style="TableTextLeft", **options)


def _labelled(text: str, field: str, span: int = 20, **options) -> Cell:
    """“label：value” in one cell, the label in bold."""
    return _left([Run(text, bold=True), field], span, **options)


def _basic_information(table: GridTable) -> None:
    _heading(table, "一、平台基本情况")
    for row in BASIC_ROWS:
        table.row(*(_labelled(text, _field(name)) for text, name in row))
    table.row(_labelled("注册资本：", f"{_field('registered_capital')} 万元", merge="restart"),
              label("其中：主要投资方名称", 28), label("性质", 12))
    table.loop("investor in investors", merged(20), value("{{ investor.name }}", 28),
               value("{{ investor.nature }}", 12))
    table.row(_labelled("上年末总资产：", f"{_field('total_assets')} 万元", merge="restart"),
              _left(EQUIPMENT_LINE, 40))
    table.row(merged(20), _left(SITE_LINE, 40))
    table.row(_left(STAFF_LINE, GRID))


def _operations(table: GridTable) -> None:
    _heading(table, "二、平台运营情况（单位：万元、户、%）")
    table.row(*(label(text, 12) for text, _ in OPERATION_COLUMNS))
    table.loop("year in operations", *(value(f"{{{{ year.{key} }}}}", 12) for _, key in OPERATION_COLUMNS))


def _capability(table: GridTable) -> None:
    _heading(table, "三、服务能力及业绩情况")
    table.row(label("申报服务功能", 10), _left(_field("functions"), 50))
    table.row(label("获得专业服务资质情况", 10), _left(_field("qualifications"), 50))
    table.row(*(label(text, span) for text, _, span in PRODUCT_COLUMNS))
    table.loop("product in products", _left("{{ product.name }}", 15),
               *(value(f"{{{{ product.{key} }}}}", span) for _, key, span in PRODUCT_COLUMNS[1:]))
    table.row(label("合作资源（共 {{ partners.count }} 家）", 10, merge="restart", keep_next=True),
              label("签订合作协议的单位名称", 25), label("其他合作单位名称", 25))
    table.loop("pair in partners.rows", merged(10), value("{{ pair.agreed }}", 25), value("{{ pair.other }}", 25))
    table.row(Cell(ACTIVITY_HEADING, GRID, style="TableHeadingLeft", keep_next=True))
    table.row(*(label(text, span, keep_next=True) for text, _, span in ACTIVITY_COLUMNS))
    table.loop("activity in activities.rows", *(
        (_left if key in ("title", "place") else value)(f"{{{{ activity.{key} }}}}", span)
        for _, key, span in ACTIVITY_COLUMNS))  # fmt: skip


def _texts(table: GridTable) -> None:
    for heading, name in TEXT_SECTIONS:
        _heading(table, heading)
        table.row(_left(_field(name), GRID, valign="top"), height=TEXT_HEIGHT, cant_split=False)


def add_application_form(document) -> None:
    """The 申请表 on a new page: title, 申报单位, the table, and an empty paragraph after it."""
    add_paragraph(document, FORM_TITLE, "Title", page_break_before=True)
    add_paragraph(document, APPLICANT_LINE)
    table = GridTable(grid_widths(TEXT_WIDTH, [1] * GRID))
    _basic_information(table)
    _operations(table)
    _capability(table)
    _texts(table)
    table.add_to(document)
    add_paragraph(document, "")
