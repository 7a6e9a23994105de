"""The job page: the requester (and bureau staff who may see the application) follow the progress, download
the result (audited) or retry after a failure; anyone else is told nothing exists (404)."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shifan.applications.models import ListImport
from shifan.audit.models import AuditEvent
from shifan.jobs.models import Job
from tests.jobs.conftest import served_file
from tests.jobs.helpers import run_queued_jobs

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _enqueue_zip(client, prefix: str, application) -> Job:
    response = client.get(f"/{prefix}/applications/{application.pk}/documents.zip")
    job = Job.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    return job


def test_the_requester_follows_the_progress_then_downloads_the_zip(client_for, submitted):
    client = client_for("applicant_a")
    job = _enqueue_zip(client, "applicant", submitted)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "打包下载全部申报材料：甲示范平台" in page and "排队中" in page and "排队等待处理" in page
    assert f'hx-get="/jobs/{job.pk}/" hx-trigger="every 2s" hx-swap="outerHTML"' in page
    assert "/download/" not in page

    # The poll answers the status fragment only.
    fragment = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<section") and "<html" not in fragment

    run_queued_jobs()
    fragment = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "已完成" in fragment and "hx-trigger" not in fragment  # polling stops
    assert f'href="/jobs/{job.pk}/download/"' in fragment and "下载：申报材料-甲示范平台-2026.zip" in fragment

    before = AuditEvent.objects.count()
    response = client.get(f"/jobs/{job.pk}/download/")
    data = b"".join(response.streaming_content)
    assert (response.status_code, response["Content-Type"]) == (200, "application/zip")
    assert response["Content-Disposition"].endswith("''%E7%94%B3%E6%8A%A5%E6%9D%90%E6%96%99-%E7%94%B2%E7%A4%BA"
                                                     "%E8%8C%83%E5%B9%B3%E5%8F%B0-2026.zip")
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert len([n for n in archive.namelist() if n.endswith(".docx")]) == 5
    event = AuditEvent.objects.get(seq__gt=before)
    assert (event.event, event.actor.username, event.target_type, event.target_id) == (
        "jobs.result_downloaded", "applicant_a", "jobs.job", str(job.pk))
    assert event.data["target_id"] == str(submitted.pk) and event.data["kind"] == "documents_zip"


@pytest.mark.parametrize("persona, status", [
    ("applicant_a2", 404), ("applicant_b", 404), ("officer_x", 404), ("officer_y", 404), ("expert_1", 404),
    ("auditor", 404), ("bureau_officer", 200), ("bureau_head", 200)])
def test_only_the_requester_and_bureau_staff_who_see_the_application_find_the_job(client_for, submitted, persona,
                                                                                   status):
    job = _enqueue_zip(client_for("applicant_a"), "applicant", submitted)
    run_queued_jobs()
    client = client_for(persona)
    assert client.get(f"/jobs/{job.pk}/").status_code == status
    response = client.get(f"/jobs/{job.pk}/download/")
    if response.streaming:
        b"".join(response.streaming_content)  # read to the end: the client then closes the stored file
    assert response.status_code == status
    downloads = AuditEvent.objects.filter(event="jobs.result_downloaded")
    assert [e.actor.username for e in downloads] == ([persona] if status == 200 else [])


def test_a_district_officers_zip_and_the_bureau_can_not_see_a_draft(client_for, personas, draft):
    # The requester's own draft: bureau staff do not see the application, so they do not find the job.
    job = _enqueue_zip(client_for("applicant_a"), "applicant", draft)
    assert client_for("bureau_officer").get(f"/jobs/{job.pk}/").status_code == 404
    assert client_for("applicant_a").get(f"/jobs/{job.pk}/").status_code == 200


def test_each_workspace_link_enqueues_for_its_user(client_for, submitted):
    for persona, prefix in (("officer_x", "district"), ("bureau_officer", "bureau")):
        job = _enqueue_zip(client_for(persona), prefix, submitted)
        assert job.requester.username == persona
    assert client_for("officer_y").get(f"/district/applications/{submitted.pk}/documents.zip").status_code == 404
    assert Job.objects.count() == 2


def test_a_failed_job_shows_the_error_and_its_requester_retries(client_for, submitted):
    client = client_for("applicant_a")
    job = _enqueue_zip(client, "applicant", submitted)
    Job.objects.filter(pk=job.pk).update(kind="no_such_kind")
    run_queued_jobs()
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "失败" in page and "处理时发生意外错误，请稍后重试；如仍失败，请联系系统管理员。" in page
    assert f'action="/jobs/{job.pk}/retry/"' in page and "重试" in page
    # The bureau sees the failure but cannot retry someone else's job.
    bureau = client_for("bureau_officer")
    assert "重试</button>" not in bureau.get(f"/jobs/{job.pk}/").content.decode()
    page = bureau.post(f"/jobs/{job.pk}/retry/", follow=True).content.decode()
    assert "只有失败的任务才能由发起人重试。" in page
    assert Job.objects.get(pk=job.pk).state == "failed"

    response = client.post(f"/jobs/{job.pk}/retry/", follow=True)
    assert "已重新排队处理。" in response.content.decode() and "排队中" in response.content.decode()
    assert Job.objects.get(pk=job.pk).state == "queued"
    assert client.get(f"/jobs/{job.pk}/retry/").status_code == 405


def test_a_large_list_upload_is_checked_in_the_background_and_leads_to_the_report(client_for, draft):
    client = client_for("applicant_a")
    upload = SimpleUploadedFile("附件5.xlsx", served_file(2100), content_type=XLSX)
    response = client.post(f"/applicant/applications/{draft.pk}/rows/served_smes/import/", {"file": upload})
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert not ListImport.objects.exists()

    run_queued_jobs()
    checked = ListImport.objects.get()
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    link = f"/applicant/applications/{draft.pk}/imports/{checked.pk}/"
    assert re.search(rf'href="{link}">查看结果</a>', page)
    assert "保留 2100 行有效数据，替换现有名单" in client.get(link).content.decode()


def test_a_small_list_upload_keeps_the_immediate_report(client_for, draft):
    upload = SimpleUploadedFile("附件5.xlsx", served_file(20), content_type=XLSX)
    response = client_for("applicant_a").post(f"/applicant/applications/{draft.pk}/rows/served_smes/import/",
                                              {"file": upload})
    assert response["Location"] == f"/applicant/applications/{draft.pk}/imports/{ListImport.objects.get().pk}/"
    assert not Job.objects.exists()
