"""The certificate as a Word file: the ``certificate.docx`` template (tools/office_templates/certificate.py)
filled like every other template, plus the QR code as an inline PNG picture.

``documents.docx.render_docx`` takes plain data only (it cleans every string), and docxtpl's
``InlineImage`` needs the template object it is rendered into, so this renders the template
itself with the engine's own pieces and rules: the context cleaned by ``clean_context``,
autoescape, StrictUndefined, East Asian fonts ensured, real creation dates.
"""

import io

from django.utils import timezone
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined

from shifan.documents.docx import clean_context, ensure_east_asia_fonts, template_path
from shifan.recognition.certificates.content import qr_png

TEMPLATE = "certificate.docx"
QR_WIDTH = Mm(35)


def render_certificate_docx(context: dict) -> bytes:
    """The .docx of the certificate from the certificate context (``content.certificate_context``),
    with ``qr``: the QR code of its verification URL. Side effects: none."""
    template = DocxTemplate(template_path(TEMPLATE))
    image = InlineImage(template, io.BytesIO(qr_png(context["verification_url"])), width=QR_WIDTH)
    environment = Environment(autoescape=True, undefined=StrictUndefined)
    template.render({**clean_context(context), "qr": image}, jinja_env=environment, autoescape=True)
    document = template.docx
    ensure_east_asia_fonts(document.element)
    ensure_east_asia_fonts(document.styles.element)
    now = timezone.now()
    document.core_properties.created = now
    document.core_properties.modified = now
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
