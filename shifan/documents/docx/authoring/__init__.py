"""Helpers to build Word templates in code (tools/build_office_templates.py uses them).

Nobody here can author the templates in Word or WPS, so they are built by a committed script and
committed as .docx; staff may later refine them in Word, keeping the tags.
"""

from shifan.documents.docx.authoring.blocks import Run, add_paragraph, append_xml, paragraph_xml
from shifan.documents.docx.authoring.output import docx_parts, stable_docx_bytes
from shifan.documents.docx.authoring.package import new_document
from shifan.documents.docx.authoring.page import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    add_page_numbers,
    set_a4_page,
)
from shifan.documents.docx.authoring.tables import Cell, GridTable, Line, grid_widths, label, merged, value

__all__ = [
    "MARGIN_BOTTOM",
    "MARGIN_LEFT",
    "MARGIN_RIGHT",
    "MARGIN_TOP",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "TEXT_WIDTH",
    "Cell",
    "GridTable",
    "Line",
    "Run",
    "add_page_numbers",
    "add_paragraph",
    "append_xml",
    "docx_parts",
    "grid_widths",
    "label",
    "merged",
    "new_document",
    "paragraph_xml",
    "set_a4_page",
    "stable_docx_bytes",
    "value",
]
