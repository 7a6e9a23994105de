"""Security headers on every response that Django's own middleware does not set (DESIGN.md §9, T21, T38).

Django 5.2 has no built-in Content-Security-Policy (6.0 adds one), so this small middleware sets
it, with no 'unsafe-inline' for scripts or styles: templates hold no inline <script>, no on*=
handlers and no style="" attributes; scripts and styles come from /static/ only. A response that
already carries its own policy (a private download's ``sandbox; default-src 'none'``) keeps it.

X-Frame-Options, X-Content-Type-Options, Referrer-Policy and Cross-Origin-Opener-Policy stay
with Django's SecurityMiddleware and XFrameOptionsMiddleware (settings.py); COOP is set here
too only if something removed it.
"""

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
# Browser features no page of the system uses: denied to the page and to anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
        "payment", "usb",
    )
)  # fmt: skip
CROSS_ORIGIN_OPENER_POLICY = "same-origin"


class SecurityHeadersMiddleware:
    """Adds CSP, Permissions-Policy and (if missing) COOP to every response. Side effects: none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", CROSS_ORIGIN_OPENER_POLICY)
        return response
