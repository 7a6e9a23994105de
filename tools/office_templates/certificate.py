"""南昌市中小企业公共服务示范平台证书 (Word): one page, the recognition's facts and the QR code.

Context (display strings, from ``shifan.recognition.certificates.certificate_context``): ``title``,
``heading``, ``statement``, ``platform_name``, ``organization``, ``district``, ``functions``,
``decision_number``, ``starts_on``, ``valid_until``, ``verification_code``, ``verification_url``,
``issuer``, ``issued_on``; ``mark`` (已撤销 / 已过期, or empty) with ``mark_note``; and ``qr``, the
QR code as a docxtpl ``InlineImage`` (the only value that is not text).

Portrait A4 with the GB/T 9704 margins like every template; the PDF certificate is the landscape one.
"""

from xml.sax.saxutils import escape

from shifan.documents.docx.authoring import (
    TEXT_WIDTH,
    Cell,
    GridTable,
    add_paragraph,
    append_xml,
    grid_widths,
    label,
    merged,
    new_document,
    set_a4_page,
)

FACTS = (
    ("平台名称", "platform_name"), ("运营单位", "organization"), ("所在辖区", "district"),
    ("服务功能", "functions"), ("认定文号", "decision_number"), ("认定日期", "starts_on"),
    ("有效期至", "valid_until"), ("证书验证码", "verification_code"), ("核验网址", "verification_url"),
)
RED = "B3000C"


def _red_paragraph(text: str, style: str, *, size: int | None = None) -> str:
    """A centred paragraph in bold red (the title block and the 已撤销 / 已过期 mark)."""
    run_size = f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="center"/></w:pPr>'
        f'<w:r><w:rPr><w:b/><w:bCs/><w:color w:val="{RED}"/>{run_size}</w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )


def _facts_table() -> GridTable:
    """Label, value, and the QR code in a third column merged down the whole table."""
    table = GridTable(grid_widths(TEXT_WIDTH, [21, 49, 30]), cell_margin=85)
    qr = Cell(("{{ qr }}", "扫码核验证书"), style="TableText", merge="restart")
    for index, (text, key) in enumerate(FACTS):
        table.row(label(text), Cell(f"{{{{ {key} }}}}", style="TableTextLeft"), qr if index == 0 else merged())
    return table


def build_certificate():
    document = new_document("南昌市中小企业公共服务示范平台证书")
    set_a4_page(document.sections[0])
    add_paragraph(document, "{%p if mark %}")
    append_xml(document, _red_paragraph("【{{ mark }}】{{ mark_note }}", "BodyCenter"))
    add_paragraph(document, "{%p endif %}")
    append_xml(document, _red_paragraph("{{ title }}", "Title"))
    append_xml(document, _red_paragraph("{{ heading }}", "CoverTitle"))
    add_paragraph(document, "")
    add_paragraph(document, "{{ statement }}", "BodyIndent")
    add_paragraph(document, "")
    _facts_table().add_to(document)
    add_paragraph(document, "")
    add_paragraph(document, "")
    add_paragraph(document, "{{ issuer }}", "Signature", align="right")
    add_paragraph(document, "{{ issued_on }}", "Signature", align="right")
    return document
