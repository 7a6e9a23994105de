"""Certificates: what they say, their QR code, the PDF (fonts embedded, nothing fetched), the Word
file, the 已撤销 / 已过期 mark, who may download them, and the audit of each download."""

import io
import re
import shutil
import subprocess
import zipfile
import zlib
from datetime import date

import pytest
import segno
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from PIL import Image

from shifan.audit.models import AuditEvent
from shifan.recognition.certificates import (
    certificate_context,
    certificate_docx,
    certificate_pdf,
    certificate_recognitions,
    qr_code,
    qr_png,
    qr_svg_data_uri,
    verification_url,
)
from shifan.recognition.certificates.pdf import certificate_html, data_only_fetcher
from tests.documents.docx_reading import body_paragraphs, open_docx, table_rows
from tests.factories import ApplicationFactory, BatchFactory
from tests.recognition_factories import PUBLIC_REASON, make_recognition

pytestmark = pytest.mark.django_db

SITE = "https://shifan.example.gov.cn"
CODE = "ABCDEFGH2345"
URL = f"{SITE}/verify/{CODE}/"
STARTS = date(2026, 5, 8)
TODAY = date(2026, 6, 1)
STATEMENT = (
    "根据《南昌市中小企业公共服务示范平台认定管理办法》（洪企服规〔2022〕3号），经单位申报、县区推荐、市局评审和公示，"
    "甲服务机构有限公司运营的“甲科技创新服务平台”被认定为南昌市中小企业公共服务示范平台。特发此证。"
)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE + "/"  # a trailing slash must not double up in the URL


@pytest.fixture
def make(personas, org_a, batch):
    """Org A's recognitions, each of its own batch (an organisation applies once per batch)."""
    made = []

    def build(**options):
        year = batch.year - len(made)
        application = ApplicationFactory(organization=org_a, batch=BatchFactory(year=year) if made else batch,
                                         platform_name="甲科技创新服务平台")
        made.append(application)
        options = {"starts_on": STARTS, "verification_code": CODE, "service_functions": ["technology", "training"],
                   **options}
        return make_recognition(application, officer=personas["bureau_officer"], head=personas["bureau_head"],
                                **options)

    return build


@pytest.fixture
def recognition(make):
    return make()


def qr_modules(png: bytes, *, border: int = 4) -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of a QR code image, read back from the centre of each module."""
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    assert width == height
    version_modules = None
    for modules in range(21, 178, 4):
        if width % (modules + 2 * border) == 0:
            version_modules = modules
            break
    assert version_modules is not None
    scale = width // (version_modules + 2 * border)
    return tuple(
        tuple(image.getpixel(((border + x) * scale + scale // 2, (border + y) * scale + scale // 2)) < 128
              for x in range(version_modules))
        for y in range(version_modules)
    )


def matrix_of(url: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of the QR code segno makes for ``url`` independently of our builder."""
    return tuple(tuple(bool(m) for m in row) for row in segno.make_qr(url, error="m", boost_error=False).matrix)


def inflated_streams(pdf: bytes) -> list[bytes]:
    """Every Flate-compressed stream of a PDF, inflated (object streams hold the font dictionaries)."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return out


def mapped_characters(pdf: bytes) -> str:
    """Every character the PDF's ToUnicode maps give a glyph for (the text its fonts can show)."""
    chars = []
    for stream in inflated_streams(pdf):
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for hexa in re.findall(rb"<[0-9a-fA-F]+>\s*<([0-9a-fA-F]+)>", block):
                chars.append(bytes.fromhex(hexa.decode()).decode("utf-16-be"))
    return "".join(chars)


# --- what a certificate says -------------------------------------------------------------------

def test_the_verification_url_is_the_portal_page_of_the_code(recognition):
    assert verification_url(recognition) == URL
    assert reverse("portal:verify-code", kwargs={"code": CODE}) == f"/verify/{CODE}/"


def test_the_context_holds_the_public_facts_and_no_mark_while_valid(recognition):
    context = certificate_context(recognition, today=TODAY)
    assert context == {
        "title": "南昌市中小企业公共服务示范平台",
        "heading": "证　书",
        "statement": STATEMENT,
        "platform_name": "甲科技创新服务平台",
        "organization": "甲服务机构有限公司",
        "district": "东湖区",
        "functions": "技术服务、培训服务",
        "decision_number": recognition.decision.number,
        "starts_on": "2026年5月8日",
        "valid_until": "2029年5月7日",
        "verification_code": CODE,
        "verification_url": URL,
        "issuer": "南昌市中小企业服务局",
        "issued_on": "2026年5月8日",
        "status": "valid",
        "status_label": "有效",
        "mark": "",
        "mark_note": "",
    }


def test_an_expired_recognition_is_marked_expired(make):
    recognition = make(expires_on=date(2026, 5, 31))
    context = certificate_context(recognition, today=TODAY)
    assert (context["status"], context["mark"]) == ("expired", "已过期")
    assert context["mark_note"] == "本证书所载认定的有效期已于2026年5月31日届满，证书不再有效。"


def test_a_revoked_recognition_is_marked_revoked_with_the_revocation_number(make):
    recognition = make(revoked=True)
    revocation = recognition.revocations.get()
    context = certificate_context(recognition, today=TODAY)
    revoked_on = re.sub(r"(?<=[年月])0", "", recognition.revoked_at.astimezone().strftime("%Y年%m月%d日"))
    assert (context["status"], context["mark"]) == ("revoked", "已撤销")
    assert context["mark_note"] == f"本证书所载示范平台称号已于{revoked_on}撤销（{revocation.number}），证书不再有效。"
    assert PUBLIC_REASON not in str(context)  # the reason is on the verification page, not on the certificate


# --- the QR code -------------------------------------------------------------------------------

def test_the_qr_code_is_built_from_the_verification_url():
    assert qr_code(URL) == segno.make_qr(URL, error="m", boost_error=False)
    assert qr_code(URL) != segno.make_qr(f"{SITE}/verify/ABCDEFGH2346/", error="m", boost_error=False)
    assert not qr_code(URL).is_micro


def test_the_qr_png_shows_the_modules_of_the_url():
    png = qr_png(URL)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert qr_modules(png) == matrix_of(URL)


def test_the_qr_svg_is_a_data_uri_of_the_url():
    uri = qr_svg_data_uri(URL)
    assert uri.startswith("data:image/svg+xml")
    assert uri == qr_code(URL).svg_data_uri(scale=4, border=4)


# --- the PDF -----------------------------------------------------------------------------------

def test_the_pdf_is_a4_landscape_with_the_cjk_fonts_embedded(recognition, personas):
    pdf = certificate_pdf(recognition, actor=personas["bureau_officer"], today=TODAY)
    assert pdf.content_type == "application/pdf"
    assert pdf.name == "南昌市中小企业公共服务示范平台证书-甲科技创新服务平台-2026.pdf"
    data = pdf.data
    assert data.startswith(b"%PDF-")
    dictionaries = b"\n".join(inflated_streams(data)) + data
    assert re.search(rb"/MediaBox \[0 0 841\.8\d* 595\.2\d*\]", dictionaries)  # A4 landscape, in points
    assert re.search(rb"/Type /Pages/Kids \[\d+ 0 R\]/Count 1\b", dictionaries)  # one page
    font_names = set(re.findall(rb"/FontName /[A-Z]{6}\+([\w-]+)", dictionaries))
    assert any(b"CJK" in name for name in font_names), font_names
    # Every font is embedded (a subset, prefixed XXXXXX+), none merely named.
    assert dictionaries.count(b"/FontFile") >= len(font_names) >= 1
    shown = mapped_characters(data)
    assert set("甲科技创新服务平台南昌市中小企业服务局证书有效期至") <= set(shown)
    assert set(CODE) <= set(shown)


def test_the_pdf_text_reads_as_the_certificate(recognition, personas, tmp_path):
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext (poppler-utils) is not installed here; the glyph check above covers the fonts")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(certificate_pdf(recognition, actor=personas["bureau_officer"], today=TODAY).data)
    text = subprocess.run(  # noqa: S603 -- fixed arguments
        [pdftotext, "-layout", str(path), "-"], capture_output=True, check=True, text=True, timeout=60,
    ).stdout
    for expected in ("甲科技创新服务平台", "甲服务机构有限公司", CODE, recognition.decision.number, "2029年5月7日"):
        assert expected in text


def test_the_pdf_page_embeds_the_qr_of_the_url_and_points_nowhere_else(recognition):
    html = certificate_html(certificate_context(recognition, today=TODAY))
    sources = re.findall(r'\b(?:src|href)="([^"]*)"', html)
    assert sources == [qr_svg_data_uri(URL)]
    assert "url(" not in html and "@import" not in html


def test_the_pdf_fetcher_refuses_everything_but_data_uris():
    fetcher = data_only_fetcher()
    for url in ("http://example.com/x.png", "https://example.com/x.css", "file:///etc/passwd", "ftp://x/y"):
        with pytest.raises(ValueError):
            fetcher(url)
    response = fetcher("data:text/plain;charset=utf-8,ok")
    assert response.read() == b"ok"


def test_a_revoked_certificate_pdf_carries_the_mark(make, personas):
    recognition = make(revoked=True)
    html = certificate_html(certificate_context(recognition, today=TODAY))
    assert '<div class="mark">已撤销</div>' in html
    assert "【已撤销】本证书所载示范平台称号已于" in html
    data = certificate_pdf(recognition, actor=personas["bureau_head"], today=TODAY).data
    assert set("已撤销") <= set(mapped_characters(data))


# --- the Word file -----------------------------------------------------------------------------

def _media(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.startswith("word/media/")}


def test_the_docx_says_exactly_the_certificate(recognition, personas):
    office_file = certificate_docx(recognition, actor=personas["bureau_officer"], today=TODAY)
    assert office_file.name == "南昌市中小企业公共服务示范平台证书-甲科技创新服务平台-2026.docx"
    document = open_docx(office_file.data)
    assert body_paragraphs(document) == [
        "南昌市中小企业公共服务示范平台", "证　书", STATEMENT, "南昌市中小企业服务局", "2026年5月8日",
    ]
    rows = table_rows(document.tables[0])
    assert [row[:2] for row in rows] == [
        ["平台名称", "甲科技创新服务平台"], ["运营单位", "甲服务机构有限公司"], ["所在辖区", "东湖区"],
        ["服务功能", "技术服务、培训服务"], ["认定文号", recognition.decision.number], ["认定日期", "2026年5月8日"],
        ["有效期至", "2029年5月7日"], ["证书验证码", CODE], ["核验网址", URL],
    ]
    assert rows[0][2] == "\n扫码核验证书" and all(row[2] == "" for row in rows[1:])
    section = document.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)


def test_the_docx_qr_picture_shows_the_modules_of_the_url(recognition, personas):
    data = certificate_docx(recognition, actor=personas["bureau_officer"], today=TODAY).data
    pictures = list(_media(data).values())
    assert len(pictures) == 1
    assert pictures[0] == qr_png(URL)
    assert qr_modules(pictures[0]) == matrix_of(URL)
    assert "<w:drawing>" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


def test_a_revoked_or_expired_docx_opens_with_the_mark(make, personas):
    revoked = certificate_docx(make(revoked=True), actor=personas["bureau_officer"], today=TODAY).data
    first = body_paragraphs(open_docx(revoked))[0]
    assert first.startswith("【已撤销】本证书所载示范平台称号已于") and first.endswith("，证书不再有效。")
    expired_recognition = make(expires_on=date(2026, 5, 31), verification_code="ZZZZZZZZ2345")
    expired = certificate_docx(expired_recognition, actor=personas["bureau_officer"], today=TODAY).data
    assert body_paragraphs(open_docx(expired))[0] == (
        "【已过期】本证书所载认定的有效期已于2026年5月31日届满，证书不再有效。")


def test_user_text_is_escaped_in_both_formats(make, personas):
    recognition = make(platform_name="A & B <平台> {{ x }}")
    document = open_docx(certificate_docx(recognition, actor=personas["bureau_officer"], today=TODAY).data)
    assert table_rows(document.tables[0])[0][1] == "A & B <平台> {{ x }}"
    html = certificate_html(certificate_context(recognition, today=TODAY))
    assert "A &amp; B &lt;平台&gt; {{ x }}" in html and "<平台>" not in html


# --- who may download, and the audit -----------------------------------------------------------

def test_bureau_staff_download_any_certificate_and_each_download_is_audited(make, personas):
    revoked = make(revoked=True)
    certificate_pdf(revoked, actor=personas["bureau_head"], today=TODAY)
    certificate_docx(revoked, actor=personas["bureau_officer"], today=TODAY)
    events = AuditEvent.objects.filter(event="recognition.certificate_downloaded").order_by("seq")
    assert [(e.actor_id, e.target_type, e.target_id, e.data) for e in events] == [
        (personas["bureau_head"].pk, "recognition.recognition", str(revoked.pk),
         {"format": "pdf", "status": "revoked"}),
        (personas["bureau_officer"].pk, "recognition.recognition", str(revoked.pk),
         {"format": "docx", "status": "revoked"}),
    ]


def test_the_organisations_applicants_download_only_a_valid_certificate(make, personas):
    valid = make()
    assert certificate_docx(valid, actor=personas["applicant_a2"], today=TODAY).data
    expired = make(expires_on=date(2026, 5, 31), verification_code="ZZZZZZZZ2345")
    with pytest.raises(PermissionDenied, match="已过有效期"):
        certificate_pdf(expired, actor=personas["applicant_a"], today=TODAY)
    revoked = make(revoked=True, verification_code="YYYYYYYY2345")
    with pytest.raises(PermissionDenied, match="已撤销"):
        certificate_docx(revoked, actor=personas["applicant_a"], today=TODAY)
    assert AuditEvent.objects.filter(event="recognition.certificate_downloaded").count() == 1


@pytest.mark.parametrize("persona", ["applicant_b", "officer_x", "expert_1", "agency", "auditor", "bureau_admin"])
def test_nobody_else_downloads_a_certificate(recognition, personas, persona):
    for download in (certificate_pdf, certificate_docx):
        with pytest.raises(PermissionDenied):
            download(recognition, actor=personas[persona], today=TODAY)
    assert not certificate_recognitions(personas[persona]).exists()
    assert not AuditEvent.objects.filter(event="recognition.certificate_downloaded").exists()


def test_certificate_recognitions_are_scoped_to_the_organisation(make, personas, org_b, batch):
    own = make()
    other = make_recognition(ApplicationFactory(organization=org_b, batch=batch), officer=personas["bureau_officer"],
                             head=personas["bureau_head"])
    assert list(certificate_recognitions(personas["applicant_a"])) == [own]
    assert list(certificate_recognitions(personas["applicant_b"])) == [other]
    assert set(certificate_recognitions(personas["bureau_head"])) == {own, other}
