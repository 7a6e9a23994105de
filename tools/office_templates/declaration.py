"""附件6 申报材料真实性声明函. Context: ``applicant``, ``signer``, ``signed_on`` (2026年4月20日, or blanks)."""

from shifan.documents.docx.authoring import Run, add_paragraph
from tools.office_templates.common import attachment_heading, new_form

TITLE = "申报材料真实性声明函"
PROMISE = (
    "本单位知悉并保证所提供的南昌市中小企业公共服务示范平台申报材料和相关材料的真实性，"
    "并承担因材料虚假而产生的全部后果。"
)


def build_declaration():
    document = new_form(f"附件6 {TITLE}")
    attachment_heading(document, 6, TITLE, applicant_line=False)
    add_paragraph(document, "")
    add_paragraph(document, "南昌市中小企业服务局：")
    add_paragraph(document, PROMISE, "BodyIndent")
    for _ in range(3):
        add_paragraph(document, "")
    add_paragraph(document, ("申报单位（盖章）：", Run("{{ applicant }}")), "Signature")
    add_paragraph(document, "")
    add_paragraph(document, ("法定代表人（签字）：", Run("{{ signer }}")), "Signature")
    add_paragraph(document, "")
    add_paragraph(document, "{{ signed_on }}", "Signature")
    return document
