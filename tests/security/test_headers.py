"""Security headers on pages, redirects, errors and downloads (DESIGN.md §9, T21, T38)."""

import pytest

from shifan.core.headers import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self' data:",
    "object-src": "'none'", "base-uri": "'self'", "form-action": "'self'", "frame-ancestors": "'none'",
}


def _directives(header: str) -> dict:
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] for part in (p.strip() for p in header.split(";")) if part}


def test_the_policy_has_the_decided_directives_and_nothing_inline():
    directives = _directives(CONTENT_SECURITY_POLICY)
    for name, value in EXPECTED_CSP.items():
        assert directives[name] == value
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/", "/login/", "/no-such-page/", "/applicant/"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_static_files_carry_them_too(client):
    response = client.get("/static/css/shifan.css")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_a_response_with_its_own_policy_keeps_it(rf):
    from django.http import HttpResponse

    from shifan.core.headers import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse(b"%PDF-")
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return response

    response = SecurityHeadersMiddleware(view)(rf.get("/x"))
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert "Permissions-Policy" in response
