"""Certificates (证书): one per recognition, as PDF and as Word, with a verification code and a QR code.

- ``certificate_pdf`` / ``certificate_docx``: the audited downloads (``recognition.certificate_downloaded``);
- ``certificate_recognitions``: the recognitions whose certificate a user may look for;
- ``certificate_context``: what a certificate says (pure read); ``verification_url`` and the QR builders.
"""

from shifan.recognition.certificates.content import (
    certificate_context,
    qr_code,
    qr_png,
    qr_svg_data_uri,
    verification_url,
)
from shifan.recognition.certificates.downloads import (
    DOWNLOADED,
    certificate_docx,
    certificate_pdf,
    certificate_recognitions,
    check_may_download,
)

__all__ = [
    "DOWNLOADED",
    "certificate_context",
    "certificate_docx",
    "certificate_pdf",
    "certificate_recognitions",
    "check_may_download",
    "qr_code",
    "qr_png",
    "qr_svg_data_uri",
    "verification_url",
]
