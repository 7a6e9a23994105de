"""The certificate as a PDF designed as a PDF: a Django template rendered by WeasyPrint.

The page embeds subsets of the CJK fonts it uses (Noto Serif CJK SC on the server, or the
licensed 仿宋_GB2312 / 方正小标宋 where installed, notes/libraries.md §4), so it looks the same in
every viewer. Nothing is fetched while rendering: no base URL, and a URL fetcher that refuses
everything but ``data:`` URIs (the QR code is one).
"""

from django.template.loader import render_to_string

from shifan.recognition.certificates.content import qr_svg_data_uri

TEMPLATE = "recognition/certificate.html"
PDF_CONTENT_TYPE = "application/pdf"


def data_only_fetcher():
    """A WeasyPrint URL fetcher that serves ``data:`` URIs and refuses every other URL (file, http…)."""
    from weasyprint.urls import URLFetcher

    class DataOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.lower().startswith("data:"):
                raise ValueError(f"a certificate fetches nothing: refused {url[:80]!r}")
            return super().fetch(url, headers)

    return DataOnlyFetcher(allowed_protocols=("data",))


def certificate_html(context: dict) -> str:
    """The certificate page's HTML from the certificate context (``content.certificate_context``),
    with the QR code of its verification URL inline as an SVG ``data:`` URI."""
    return render_to_string(TEMPLATE, {**context, "qr": qr_svg_data_uri(context["verification_url"])})


def render_certificate_pdf(context: dict) -> bytes:
    """The PDF bytes of the certificate page. Side effects: none (nothing fetched, nothing stored)."""
    # Imported here: loading WeasyPrint (Pango through cffi) takes about 1.5 s, which every
    # process would otherwise pay at start-up for a file that is rarely downloaded.
    from weasyprint import HTML

    return HTML(string=certificate_html(context), base_url=None, url_fetcher=data_only_fetcher()).write_pdf()
