"""Public certificate verification (证书验证): no login, nothing private.

Anyone who holds a certificate, on paper or as a file, types its verification code on
``/verify/`` or scans its QR code, which opens ``/verify/<code>/``. The page shows whether the
certificate is genuine and the recognition's status today — 有效, 已过期, or 已撤销 with the
revocation's number, public reason and date — and only the public facts of the platform (name,
organisation, district, service functions, decision number and date, valid until). It never
shows a person: no contact name, phone, ID number or e-mail. An unknown or malformed code gets
a 404 with the form to try again.

Not rate-limited here (out of scope for now): codes are 12 characters from a 31-character alphabet
(about 8 × 10^17 codes), and what a code opens is public anyway (the directory lists the valid
recognitions by their code; revocations are published, 第十条).
"""

import re

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from shifan.recognition.public import public_card, public_revocation
from shifan.recognition.queries import by_verification_code

# The alphabet of recognition.models.new_verification_code: no 0/O, no 1/I/L.
CODE = re.compile(r"^[2-9A-HJKMNP-Z]{12}$")
NOT_FOUND = "未找到该验证码对应的证书，请核对后重试。"
EMPTY = "请输入证书上的验证码。"


def normalised(code: str) -> str:
    """The code as printed, whatever was typed: spaces and hyphens dropped, capital letters."""
    return re.sub(r"[\s\-]", "", code).upper()


def find(code: str):
    """The recognition of a well-formed code, or None (a malformed code is never looked up)."""
    cleaned = normalised(code)
    return by_verification_code(cleaned) if CODE.match(cleaned) else None


def _form(request, *, typed: str = "", error: str = "", status: int = 200):
    return render(request, "portal/verify.html", {"typed": typed, "error": error, "portal_section": "verify"},
                  status=status)


@login_not_required
@never_cache  # the status can change at any time (a revocation is public at once)
@require_GET
def verify(request):
    """The form; with ``?code=`` the certificate's page, or the form again with the reason (404)."""
    if "code" not in request.GET:
        return _form(request)
    typed = request.GET["code"][:40]
    if not normalised(typed):
        return _form(request, error=EMPTY, status=400)
    recognition = find(typed)
    if recognition is None:
        return _form(request, typed=typed, error=NOT_FOUND, status=404)
    return redirect("portal:verify-code", code=recognition.verification_code)


@login_not_required
@never_cache
@require_GET
def verify_code(request, code: str):
    """The certificate's public facts and its status today (the page its QR code opens)."""
    recognition = find(code)
    if recognition is None:
        return _form(request, typed=code[:40], error=NOT_FOUND, status=404)
    return render(request, "portal/verify_result.html", {
        "card": public_card(recognition),
        "revocation": public_revocation(recognition),
        "checked_at": timezone.localtime(),
        "portal_section": "verify",
    })
