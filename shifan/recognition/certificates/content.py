"""What a certificate says, the same in the PDF and the Word file, and its QR code.

A certificate carries the recognition's public facts, the verification code and the public
verification URL ``{SITE_URL}/verify/{code}/`` (the portal's ``portal:verify-code``), which its QR
code encodes. A revoked or expired recognition's certificate carries a clear 已撤销 / 已过期 mark.
Nothing here names a person: no contact, no phone, no ID number.
"""

import io
from datetime import date

import segno
from django.conf import settings
from django.utils import timezone

from shifan.applications.documents.formats import chinese_date, joined
from shifan.policies.codes import FUNCTION_LABELS
from shifan.recognition.models import STATUS_LABELS, Recognition
from shifan.recognition.public import public_revocation

TITLE = "南昌市中小企业公共服务示范平台"
HEADING = "证　书"
ISSUER = "南昌市中小企业服务局"
# The QR code's error correction: M (15 %) survives a crease or a stamp over a corner.
QR_ERROR = "m"
MARKS = {"revoked": "已撤销", "expired": "已过期"}


def verification_url(recognition: Recognition) -> str:
    """The public page that shows the certificate's validity and status (no login)."""
    return f"{settings.SITE_URL.rstrip('/')}/verify/{recognition.verification_code}/"


def qr_code(url: str) -> segno.QRCode:
    """A QR code (never a Micro QR) encoding exactly ``url``."""
    return segno.make_qr(url, error=QR_ERROR, boost_error=False)


def qr_png(url: str) -> bytes:
    """The QR code as PNG bytes (for the Word file): 10 px modules and the standard 4-module quiet zone."""
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


def qr_svg_data_uri(url: str) -> str:
    """The QR code as an SVG ``data:`` URI (for the PDF: vector, nothing fetched)."""
    return qr_code(url).svg_data_uri(scale=4, border=4)


def basis(recognition: Recognition) -> str:
    """The regulation the recognition rests on: 《南昌市…认定管理办法》（洪企服规〔2022〕3号）."""
    policy = recognition.decision.batch.policy
    return f"《{policy.name}》（{policy.document_number}）" if policy.document_number else f"《{policy.name}》"


def status_note(recognition: Recognition, status: str) -> str:
    """The sentence under a 已撤销 / 已过期 mark; empty for a valid recognition."""
    if status == "revoked":
        revocation = public_revocation(recognition)
        number = f"（{revocation.number}）" if revocation and revocation.number else ""
        revoked_on = chinese_date(timezone.localtime(recognition.revoked_at).date())
        return f"本证书所载示范平台称号已于{revoked_on}撤销{number}，证书不再有效。"
    if status == "expired":
        return f"本证书所载认定的有效期已于{chinese_date(recognition.expires_on)}届满，证书不再有效。"
    return ""


def certificate_context(recognition: Recognition, *, today: date) -> dict:
    """The certificate's content as display strings (the Word template's and the PDF's context).

    ``status`` is the code (valid, expired, revoked) on ``today``; ``mark`` and ``mark_note`` are
    empty for a valid recognition. Pure read (a query for the revocation of a revoked one).
    """
    status = recognition.status_on(today)
    starts_on = chinese_date(recognition.starts_on)
    return {
        "title": TITLE,
        "heading": HEADING,
        "statement": (
            f"根据{basis(recognition)}，经单位申报、县区推荐、市局评审和公示，{recognition.organization.name}"
            f"运营的“{recognition.platform_name}”被认定为{TITLE}。特发此证。"
        ),
        "platform_name": recognition.platform_name,
        "organization": recognition.organization.name,
        "district": recognition.jurisdiction.name,
        "functions": joined(FUNCTION_LABELS.get(code, code) for code in recognition.service_functions or ()),
        "decision_number": recognition.decision.number,
        "starts_on": starts_on,
        "valid_until": chinese_date(recognition.expires_on),
        "verification_code": recognition.verification_code,
        "verification_url": verification_url(recognition),
        "issuer": ISSUER,
        "issued_on": starts_on,
        "status": status,
        "status_label": STATUS_LABELS[status],
        "mark": MARKS.get(status, ""),
        "mark_note": status_note(recognition, status),
    }
