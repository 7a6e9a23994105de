"""Paragraphs for templates, written as WordprocessingML so that every property is explicit.

Text may hold docxtpl tags (``{{ name }}``, ``{%p for … %}``); each piece of text goes into a
single run, so a tag is never split across runs (which would hide it from docxtpl).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import parse_xml

from shifan.documents.docx.authoring.package import W


@dataclass(frozen=True)
class Run:
    text: str
    underline: bool = False
    bold: bool = False


def run_xml(run: Run | str) -> str:
    run = Run(run) if isinstance(run, str) else run
    props = ("<w:b/><w:bCs/>" if run.bold else "") + ('<w:u w:val="single"/>' if run.underline else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(run.text)}</w:t></w:r>'


def paragraph_xml(content: str | Run | Sequence[Run | str] = "", style: str | None = None, *,
                  page_break_before: bool = False, keep_next: bool = False, spacing_before: int = 0,
                  align: str = "") -> str:
    """One ``w:p``. ``spacing_before`` is in twips (20 per point); ``align`` ("right", …) overrides the style's."""
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr += "<w:keepNext/>" if keep_next else ""
    ppr += "<w:pageBreakBefore/>" if page_break_before else ""
    ppr += f'<w:spacing w:before="{spacing_before}"/>' if spacing_before else ""
    ppr += f'<w:jc w:val="{align}"/>' if align else ""
    runs = [content] if isinstance(content, str | Run) else list(content)
    body = "".join(run_xml(run) for run in runs if run != "")
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{body}</w:p>"


def append_xml(document, xml: str):
    """Parse ``xml`` (one body element) and add it at the end of the body, before the section properties."""
    element = parse_xml(f'<w:body xmlns:w="{W}">{xml}</w:body>')[0]  # the wrapper only declares the namespace
    body = document.element.body
    section = body.sectPr
    if section is None:
        body.append(element)
    else:
        section.addprevious(element)
    return element


def add_paragraph(document, content: str | Run | Sequence[Run | str] = "", style: str | None = None, **options):
    return append_xml(document, paragraph_xml(content, style, **options))
