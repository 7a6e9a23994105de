"""The Word engine: templates kept in the repository, filled with docxtpl.

    render_docx("application_report.docx", context) -> bytes

Templates live in ``shifan/documents/templates_office/`` and are built by
``tools/build_office_templates.py`` with the helpers of ``authoring`` (A4, GB/T 9704 margins,
official fonts with their East Asian names, zh-CN). Contexts are plain data that domain code has
already formatted for people (dates as 2026年5月1日, money as "260.00", codes as labels).
"""

from shifan.documents.docx.cleaning import clean_context, clean_text
from shifan.documents.docx.engine import DOCX_CONTENT_TYPE, TEMPLATES_DIR, render_docx, template_path
from shifan.documents.docx.fonts import BODY_FONT, HEADING_FONT, TABLE_FONT, TITLE_FONT, ensure_east_asia_fonts

__all__ = [
    "BODY_FONT",
    "DOCX_CONTENT_TYPE",
    "HEADING_FONT",
    "TABLE_FONT",
    "TEMPLATES_DIR",
    "TITLE_FONT",
    "clean_context",
    "clean_text",
    "ensure_east_asia_fonts",
    "render_docx",
    "template_path",
]
