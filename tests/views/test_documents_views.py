"""Downloading an application's documents from the applicant, district and bureau pages."""

import io
import re
import zipfile
from urllib.parse import unquote

import pytest

from shifan.applications.dossier_io import import_dossier
from shifan.applications.enums import Status
from shifan.applications.models import Application
from shifan.audit.models import AuditEvent
from shifan.jobs.models import Job
from tests.applications.dossiers import sample_batch, sample_for
from tests.documents.docx_reading import body_paragraphs, open_docx
from tests.factories import ApplicationFactory, BatchFactory
from tests.jobs.helpers import run_queued_jobs

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CODES = ("report", "equipment", "staff", "served", "declaration")
VIEWERS = [("applicant_a", "applicant"), ("applicant_a2", "applicant"), ("officer_x", "district"),
           ("bureau_officer", "bureau"), ("bureau_head", "bureau")]


@pytest.fixture
def batch(db):
    return sample_batch()


@pytest.fixture
def submitted(personas, org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲示范/平台")
    import_dossier(application, sample_for(application), actor=personas["applicant_a"])
    Application.objects.filter(pk=application.pk).update(status=Status.SUBMITTED)
    application.refresh_from_db()
    return application


def _file_name(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    return unquote(disposition.split("''", 1)[1])


def _assert_private_download(response) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("persona, prefix", VIEWERS)
def test_whoever_may_see_the_application_downloads_each_document(client_for, submitted, persona, prefix):
    client = client_for(persona)
    for code in CODES:
        response = client.get(f"/{prefix}/applications/{submitted.pk}/documents/{code}.docx")
        assert (response.status_code, response["Content-Type"]) == (200, DOCX)
        _assert_private_download(response)
        assert open_docx(response.content).sections[0].page_width.twips == 11906
    assert AuditEvent.objects.filter(event="application.documents_downloaded").count() == len(CODES)


def test_a_document_is_named_in_chinese_without_unsafe_characters(client_for, submitted):
    response = client_for("applicant_a").get(f"/applicant/applications/{submitted.pk}/documents/report.docx")
    year = submitted.batch.year
    assert _file_name(response) == f"附件2 南昌市中小企业公共服务示范平台申请报告-甲示范_平台-{year}.docx"
    assert "申报单位（盖章）：甲服务机构有限公司" in body_paragraphs(open_docx(response.content))


@pytest.mark.parametrize("persona, prefix", VIEWERS)
def test_whoever_may_see_the_application_downloads_the_zip(client_for, submitted, persona, prefix):
    # The zip is built by the background worker; the link leads to the job's page, which offers it.
    client = client_for(persona)
    response = client.get(f"/{prefix}/applications/{submitted.pk}/documents.zip")
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    run_queued_jobs()
    response = client.get(f"/jobs/{job.pk}/download/")
    content = b"".join(response.streaming_content)
    assert (response.status_code, response["Content-Type"]) == (200, "application/zip")
    _assert_private_download(response)
    name = unquote(response["Content-Disposition"].split("''", 1)[1])
    assert name == f"申报材料-甲示范_平台-{submitted.batch.year}.zip"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        assert len([name for name in archive.namelist() if name.endswith(".docx")]) == 5
    event = AuditEvent.objects.get(event="application.documents_downloaded")
    assert (event.actor.username, event.data["format"]) == (persona, "zip")


def test_an_unknown_document_is_not_found_and_not_audited(client_for, submitted):
    response = client_for("applicant_a").get(f"/applicant/applications/{submitted.pk}/documents/secrets.docx")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(event="application.documents_downloaded").exists()


def test_officials_cannot_download_what_they_cannot_see(client_for, personas, org_b, batch, submitted):
    other = ApplicationFactory(organization=org_b, batch=batch, status=Status.SUBMITTED)
    draft = ApplicationFactory(organization=org_b, batch=BatchFactory(year=2020), status=Status.DRAFT)
    assert client_for("officer_x").get(f"/district/applications/{other.pk}/documents/report.docx").status_code == 404
    assert client_for("officer_x").get(f"/district/applications/{other.pk}/documents.zip").status_code == 404
    assert client_for("bureau_officer").get(f"/bureau/applications/{draft.pk}/documents.zip").status_code == 404
    assert client_for("applicant_b").get(f"/applicant/applications/{submitted.pk}/documents.zip").status_code == 404
    assert not AuditEvent.objects.filter(event="application.documents_downloaded").exists()


@pytest.mark.parametrize("persona, prefix", VIEWERS)
def test_the_application_page_offers_every_document_and_the_zip(client_for, submitted, persona, prefix):
    page = client_for(persona).get(f"/{prefix}/applications/{submitted.pk}/").content.decode()
    card = page[page.index('id="documents"'):]
    links = re.findall(rf'href="/{prefix}/applications/{submitted.pk}/documents(/\w+\.docx|\.zip)"', card)
    assert links == [f"/{code}.docx" for code in CODES] + [".zip"]
    assert "附件2 南昌市中小企业公共服务示范平台申请报告" in card and "下载全部申报材料（ZIP）" in card
