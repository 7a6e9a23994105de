"""Downloading certificates: the bureau any (marked when revoked), the organisation its own valid one,
another organisation 404, districts and experts 403; headers of a download; each download audited."""

from datetime import date
from urllib.parse import quote

import pytest
from django.urls import reverse

from shifan.audit.models import AuditEvent
from tests.documents.docx_reading import body_paragraphs, open_docx
from tests.factories import ApplicationFactory, BatchFactory
from tests.recognition_factories import make_recognition

pytestmark = pytest.mark.django_db

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def make(personas, org_a, batch):
    made = []

    def build(**options):
        application = ApplicationFactory(organization=org_a, batch=BatchFactory(year=batch.year - len(made)),
                                         platform_name="甲示范平台")
        made.append(application)
        return make_recognition(application, officer=personas["bureau_officer"], head=personas["bureau_head"],
                                **options)

    return build


@pytest.fixture
def recognition(make):
    return make()


def url(app: str, kind: str, recognition) -> str:
    return reverse(f"{app}:certificate-{kind}", kwargs={"pk": recognition.pk})


def downloads() -> list[tuple[str, str]]:
    return [(e.actor_label, e.data["format"]) for e in
            AuditEvent.objects.filter(event="recognition.certificate_downloaded").order_by("seq")]


@pytest.mark.parametrize("persona", ["bureau_officer", "bureau_head"])
def test_bureau_staff_download_both_formats(recognition, client_for, persona):
    client = client_for(persona)
    pdf = client.get(url("bureau", "pdf", recognition))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, PDF)
    assert pdf.content.startswith(b"%PDF-")
    docx = client.get(url("bureau", "docx", recognition))
    assert (docx.status_code, docx["Content-Type"]) == (200, DOCX)
    assert body_paragraphs(open_docx(docx.content))[0] == "南昌市中小企业公共服务示范平台"
    assert downloads() == [(persona, "pdf"), (persona, "docx")]


def test_a_download_is_an_attachment_never_sniffed_or_cached(recognition, client_for):
    response = client_for("bureau_officer").get(url("bureau", "docx", recognition))
    year = recognition.starts_on.year
    name = f"南昌市中小企业公共服务示范平台证书-甲示范平台-{year}.docx"
    expected = f"attachment; filename=\"attachment.docx\"; filename*=UTF-8''{quote(name)}"
    assert response["Content-Disposition"] == expected
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_the_bureau_downloads_a_revoked_certificate_with_the_mark(make, client_for):
    revoked = make(revoked=True)
    response = client_for("bureau_head").get(url("bureau", "docx", revoked))
    assert response.status_code == 200
    assert body_paragraphs(open_docx(response.content))[0].startswith("【已撤销】")


@pytest.mark.parametrize("persona", ["applicant_a", "applicant_a2"])
def test_the_organisations_applicants_download_their_certificate(recognition, client_for, persona):
    client = client_for(persona)
    assert client.get(url("applicant", "pdf", recognition)).status_code == 200
    assert client.get(url("applicant", "docx", recognition)).status_code == 200
    assert downloads() == [(persona, "pdf"), (persona, "docx")]


def test_the_organisation_cannot_download_a_revoked_or_expired_certificate(make, client_for):
    client = client_for("applicant_a")
    revoked = make(revoked=True)
    expired = make(starts_on=date(2020, 6, 1), expires_on=date(2023, 5, 31))
    for recognition in (revoked, expired):
        for kind in ("pdf", "docx"):
            assert client.get(url("applicant", kind, recognition)).status_code == 403
    assert downloads() == []


def test_another_organisations_applicant_gets_404(recognition, client_for):
    client = client_for("applicant_b")
    for kind in ("pdf", "docx"):
        assert client.get(url("applicant", kind, recognition)).status_code == 404
    assert client.get(reverse("applicant:certificate-pdf", kwargs={"pk": recognition.pk + 999})).status_code == 404
    assert downloads() == []


@pytest.mark.parametrize("persona", ["officer_x", "officer_y", "expert_1", "agency", "auditor", "bureau_admin"])
def test_districts_experts_and_others_get_403(recognition, client_for, persona):
    client = client_for(persona)
    for app in ("bureau", "applicant"):
        for kind in ("pdf", "docx"):
            assert client.get(url(app, kind, recognition)).status_code == 403
    assert downloads() == []


def test_the_applicant_urls_refuse_bureau_staff_and_the_bureau_urls_refuse_applicants(recognition, client_for):
    assert client_for("bureau_officer").get(url("applicant", "pdf", recognition)).status_code == 403
    assert client_for("applicant_a").get(url("bureau", "pdf", recognition)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(recognition, client):
    for app in ("bureau", "applicant"):
        response = client.get(url(app, "pdf", recognition))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_downloads_are_get_only(recognition, client_for):
    assert client_for("bureau_officer").post(url("bureau", "pdf", recognition)).status_code == 405
    assert client_for("applicant_a").post(url("applicant", "docx", recognition)).status_code == 405


def test_an_unknown_recognition_is_404_for_the_bureau(client_for):
    assert client_for("bureau_head").get(reverse("bureau:certificate-pdf", kwargs={"pk": 424242})).status_code == 404
