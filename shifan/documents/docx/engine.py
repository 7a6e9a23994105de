"""Rendering a Word template kept in the repository (docxtpl on python-docx)."""

import io
from pathlib import Path

from django.utils import timezone
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined

from shifan.documents.docx.cleaning import clean_context
from shifan.documents.docx.fonts import ensure_east_asia_fonts

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates_office"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def template_path(name: str) -> Path:
    """The template file ``name`` (a bare file name) in ``templates_office``; ValueError otherwise."""
    path = TEMPLATES_DIR / name
    if Path(name).name != name or path.suffix != ".docx" or not path.is_file():
        raise ValueError(f"no Word template named {name!r}")
    return path


def render_docx(name: str, context: dict) -> bytes:
    """The template ``name`` filled with ``context``, as the bytes of a .docx. Side effects: none.

    Every string of the context is cleaned first (``clean_context``); values are XML-escaped
    (``autoescape=True``: without it ``A & B <公司>`` silently loses its ``&`` and turns ``<公司>``
    into an element); a name the template uses but the context lacks is an error, never a blank
    (StrictUndefined); runs naming a Chinese font get it as their East Asian font too.
    """
    template = DocxTemplate(template_path(name))
    environment = Environment(autoescape=True, undefined=StrictUndefined)
    template.render(clean_context(context), jinja_env=environment, autoescape=True)
    document = template.docx
    ensure_east_asia_fonts(document.element)
    ensure_east_asia_fonts(document.styles.element)
    now = timezone.now()
    document.core_properties.created = now
    document.core_properties.modified = now
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
