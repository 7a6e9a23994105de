"""Pieces every attachment form shares: the page, the 附件 label, the title, the 申报单位 line."""

from shifan.documents.docx.authoring import Run, add_page_numbers, add_paragraph, new_document, set_a4_page

APPLICANT_LINE = ("申报单位（盖章）：", Run("{{ applicant }}"))
EMPTY_ROW = "（无）"


def new_form(title: str, *, cover: bool = False):
    """A4 document with page numbers (none on a cover page)."""
    document = new_document(title)
    section = document.sections[0]
    set_a4_page(section)
    add_page_numbers(section, skip_first_page=cover)
    return document


def attachment_heading(document, number: int, title: str, *, applicant_line: bool = True) -> None:
    """附件N at the top left, the title in 方正小标宋简体, then “申报单位（盖章）：…”."""
    add_paragraph(document, f"附件{number}", "AttachmentLabel")
    add_paragraph(document, title, "Title")
    if applicant_line:
        add_paragraph(document, APPLICANT_LINE)


def paragraph_loop(document, items: str, style: str = "BodyIndent") -> None:
    """One paragraph per item of the list ``items`` (docxtpl ``{%p for %}``)."""
    add_paragraph(document, f"{{%p for text in {items} %}}", style)
    add_paragraph(document, "{{ text }}", style)
    add_paragraph(document, "{%p endfor %}", style)
