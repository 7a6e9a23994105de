"""The bureau's notices as official documents (GB/T 9704-2012 basics): the 公示 of the proposed list
and the 认定决定 with its list as 附件.

Both open with the red 发文机关标志, the 文号 centred under it and a red rule across the type area,
then the title (方正小标宋简体 二号), the body (仿宋_GB2312 三号) and, at the end, the issuer and the
成文日期 (2026年10月12日). Nothing personal is listed: platform, organisation, district, functions.

Publicity notice context (display strings, ``shifan.publicity.documents.publicity_notice_context``):
``number``, ``title``, ``body`` (paragraphs), ``entries`` (dicts: seq, platform, organization,
district, functions), ``starts_on``, ``ends_on``, ``working_days``, ``contact``, ``url`` (the
public page where objections are filed), ``issuer``, ``published_on``.

Decision notice context (``shifan.recognition.documents.decision_notice_context``): ``number``,
``title``, ``addressee`` (主送机关, or empty), ``body`` (paragraphs), ``attachment_title``,
``issuer``, ``decided_on``, ``entries`` (dicts: seq, platform, organization, district,
functions, validity).
"""

from xml.sax.saxutils import escape

from shifan.documents.docx import TITLE_FONT
from shifan.documents.docx.authoring import (
    TEXT_WIDTH,
    Cell,
    GridTable,
    add_paragraph,
    append_xml,
    grid_widths,
    label,
    value,
)
from tools.office_templates.common import EMPTY_ROW, new_form, paragraph_loop

RED = "FF0000"  # GB/T 9704 §7.2.1 and §7.2.5: the 发文机关标志 and the rule under the 文号 are red
MARK_SIZE = 64  # half-points (32 pt): “南昌市中小企业服务局文件” stays well inside the type area
RULE_SPACE = 11  # points between the 文号 and the red rule (about 4 mm, §7.2.5)
PUBLICITY_MARK = "南昌市中小企业服务局"
DECISION_MARK = "南昌市中小企业服务局文件"
PUBLICITY_TITLE = "拟认定名单公示"
DECISION_TITLE = "认定决定"
LIST_COLUMNS = ("序号", "平台名称", "运营单位", "所在辖区", "服务功能")


def _left(text: str, span: int = 1) -> Cell:
    return Cell(text, span, style="TableTextLeft")


def _mark_xml(text: str) -> str:
    """The 发文机关标志: centred, red, 方正小标宋简体, with room above it."""
    fonts = f'w:ascii="{TITLE_FONT}" w:hAnsi="{TITLE_FONT}" w:eastAsia="{TITLE_FONT}" w:cs="{TITLE_FONT}"'
    return (
        '<w:p><w:pPr><w:spacing w:before="480" w:after="480" w:line="240" w:lineRule="auto"/>'
        '<w:jc w:val="center"/></w:pPr>'
        f'<w:r><w:rPr><w:rFonts {fonts}/><w:color w:val="{RED}"/>'
        f'<w:sz w:val="{MARK_SIZE}"/><w:szCs w:val="{MARK_SIZE}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )


def _number_xml(tag: str) -> str:
    """The 文号 centred (仿宋_GB2312 三号), with the red rule as the paragraph's bottom border."""
    border = f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="{RULE_SPACE}" w:color="{RED}"/></w:pBdr>'
    return (
        f'<w:p><w:pPr>{border}<w:spacing w:after="480"/><w:jc w:val="center"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{escape(tag)}</w:t></w:r></w:p>'
    )


def _head(document, mark: str) -> None:
    """版头 and title: the red mark, the 文号 over the red rule, the title."""
    append_xml(document, _mark_xml(mark))
    append_xml(document, _number_xml("{{ number }}"))
    add_paragraph(document, "{{ title }}", "Title")


def _closing(document, date_tag: str) -> None:
    """The issuer and the 成文日期, right-aligned after a blank line (盖章 goes over them)."""
    add_paragraph(document, "")
    add_paragraph(document, "")
    add_paragraph(document, "{{ issuer }}", "Signature", align="right")
    add_paragraph(document, date_tag, "Signature", align="right")


def _list_table(*, validity: bool) -> GridTable:
    shares = [7, 24, 25, 13, 17, 14] if validity else [8, 28, 28, 14, 22]
    table = GridTable(grid_widths(TEXT_WIDTH, shares), cell_margin=57)
    headings = (*LIST_COLUMNS, "有效期") if validity else LIST_COLUMNS
    table.row(*(label(text) for text in headings), header=True)
    cells = [value("{{ e.seq }}"), _left("{{ e.platform }}"), _left("{{ e.organization }}"),
             value("{{ e.district }}"), _left("{{ e.functions }}")]
    if validity:
        cells.append(value("{{ e.validity }}"))
    table.loop("e in entries", *cells)
    table.when("not entries", value(EMPTY_ROW, len(headings)))
    return table


def build_publicity_notice():
    document = new_form(PUBLICITY_TITLE)
    _head(document, PUBLICITY_MARK)
    paragraph_loop(document, "body")
    _list_table(validity=False).add_to(document)
    add_paragraph(document, "")
    add_paragraph(document, "公示期：{{ starts_on }}至{{ ends_on }}（{{ working_days }}个工作日）。", "BodyIndent")
    add_paragraph(document, "异议受理联系方式：{{ contact }}", "BodyIndent")
    add_paragraph(document, (
        "任何单位或个人对公示名单有异议的，请在公示期内实名提出，写明异议的事实和理由并提供必要的证明材料，"
        "也可在公示页面（{{ url }}）在线提交。匿名异议和公示期外提出的异议不予受理。"
    ), "BodyIndent")
    _closing(document, "{{ published_on }}")
    return document


def build_decision_notice():
    document = new_form(DECISION_TITLE)
    _head(document, DECISION_MARK)
    add_paragraph(document, "{%p if addressee %}")
    add_paragraph(document, "{{ addressee }}")
    add_paragraph(document, "{%p endif %}")
    paragraph_loop(document, "body")
    add_paragraph(document, "")
    add_paragraph(document, "附件：{{ attachment_title }}", "BodyIndent")
    _closing(document, "{{ decided_on }}")
    add_paragraph(document, "附件", "AttachmentLabel", page_break_before=True)
    add_paragraph(document, "{{ attachment_title }}", "Title")
    _list_table(validity=True).add_to(document)
    add_paragraph(document, "")
    return document

