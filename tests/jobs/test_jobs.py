"""A job's life: queued with its task → running with progress → done with a private file, or failed with a
Chinese message → queued again by its requester. The queued tasks are run by db_worker's own Worker."""

import io
import zipfile

import pytest
from django_tasks_db.models import DBTaskResult

from shifan.applications.enums import Status
from shifan.applications.models import Application, ListImport
from shifan.applications.sections import LISTS
from shifan.audit.models import AuditEvent
from shifan.jobs.domain import (
    JobNotRetryable,
    create_job,
    fail_job,
    finish_job,
    open_result,
    report_progress,
    retry_job,
    start_job,
)
from shifan.jobs.models import Job
from shifan.workspace.jobs import DOCUMENTS_ZIP, LIST_IMPORT, enqueue, pending_or_enqueue, retry
from tests.jobs.conftest import served_file
from tests.jobs.helpers import run_queued_jobs

pytestmark = pytest.mark.django_db


def test_a_job_moves_from_queued_through_running_to_done(personas, submitted):
    job = create_job(kind=DOCUMENTS_ZIP, title="打包", actor=personas["applicant_a"], target=submitted)
    assert (job.state, job.progress, job.step, job.target_type, job.target_id) == (
        "queued", 0, "排队等待处理", "applications.application", str(submitted.pk))

    assert start_job(job) is True
    assert (job.state, job.attempts) == ("running", 1) and job.started_at is not None
    assert start_job(job) is False  # a second delivery of the same task does not run it again

    report_progress(job, 40, "正在生成文档")
    report_progress(job, 30, "正在打包")  # progress never goes backwards
    stored = Job.objects.get(pk=job.pk)
    assert (stored.progress, stored.step) == (40, "正在打包")

    finish_job(job, data=b"zip-bytes", name="申报材料.zip", content_type="application/zip")
    stored = Job.objects.get(pk=job.pk)
    assert (stored.state, stored.progress, stored.step, stored.result_size) == ("done", 100, "已完成", 9)
    assert stored.finished_at is not None
    with stored.result_file.open("rb") as handle:
        assert handle.read() == b"zip-bytes"
    assert stored.result_file.name.startswith("jobs/result/")


def test_the_documents_zip_is_built_by_the_worker_and_audited_for_the_requester(personas, submitted):
    job = enqueue(DOCUMENTS_ZIP, actor=personas["officer_x"], target=submitted)
    assert DBTaskResult.objects.get().status == "READY"
    assert not AuditEvent.objects.filter(event="application.documents_downloaded").exists()

    assert run_queued_jobs() == 1
    job.refresh_from_db()
    assert (job.state, job.progress, job.error) == ("done", 100, "")
    assert job.result_name == "申报材料-甲示范平台-2026.zip"
    assert job.title == "打包下载全部申报材料：甲示范平台"
    with job.result_file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        assert archive.testzip() is None
        assert "申报材料.json" in archive.namelist()
    event = AuditEvent.objects.get(event="application.documents_downloaded")
    assert (event.actor.username, event.target_id, event.data["format"]) == ("officer_x", str(submitted.pk), "zip")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_reloading_the_link_reuses_the_pending_job(personas, submitted):
    first = pending_or_enqueue(DOCUMENTS_ZIP, actor=personas["applicant_a"], target=submitted)
    assert pending_or_enqueue(DOCUMENTS_ZIP, actor=personas["applicant_a"], target=submitted) == first
    other = pending_or_enqueue(DOCUMENTS_ZIP, actor=personas["applicant_a2"], target=submitted)
    assert other != first
    run_queued_jobs()
    assert pending_or_enqueue(DOCUMENTS_ZIP, actor=personas["applicant_a"], target=submitted) != first
    assert Job.objects.count() == 3


def test_a_refused_run_fails_with_the_chinese_message_and_a_retry_runs_it_again(personas, org_b, batch, submitted):
    # applicant_b cannot see org A's application: the domain function refuses in the worker.
    job = enqueue(DOCUMENTS_ZIP, actor=personas["applicant_b"], target=submitted)
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.state, job.error, job.step) == ("failed", "您无权下载该申报的材料。", "处理失败")
    assert not job.result_file
    assert not AuditEvent.objects.filter(event="application.documents_downloaded").exists()

    with pytest.raises(JobNotRetryable):
        retry_job(job, actor=personas["applicant_a"])  # only the requester retries
    retry(job, actor=personas["applicant_b"])
    job.refresh_from_db()
    assert (job.state, job.progress, job.error, job.finished_at) == ("queued", 0, "", None)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("failed", 2)


def test_only_a_failed_job_can_be_retried(personas, submitted):
    job = create_job(kind=DOCUMENTS_ZIP, title="打包", actor=personas["applicant_a"], target=submitted)
    with pytest.raises(JobNotRetryable):
        retry_job(job, actor=personas["applicant_a"])
    start_job(job)
    finish_job(job, data=b"x", name="a.zip", content_type="application/zip")
    with pytest.raises(JobNotRetryable):
        retry_job(job, actor=personas["applicant_a"])


def test_an_unexpected_error_shows_a_generic_chinese_message(personas, submitted):
    job = enqueue(DOCUMENTS_ZIP, actor=personas["applicant_a"], target=submitted)
    Job.objects.filter(pk=job.pk).update(kind="no_such_kind")
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.error == "处理时发生意外错误，请稍后重试；如仍失败，请联系系统管理员。"


def test_a_large_list_is_checked_by_the_worker_with_progress(personas, draft):
    data = served_file(2100, bad_every=700)
    job = enqueue(LIST_IMPORT, actor=personas["applicant_a"], target=draft, params={"list": "served_smes"},
                  input_data=data, input_name="附件5.xlsx")
    assert job.input_file.name.startswith("jobs/input/")
    assert not ListImport.objects.exists()

    run_queued_jobs()
    job.refresh_from_db()
    checked = ListImport.objects.get()
    assert (job.state, job.result_data) == ("done", {"list_import": checked.pk})
    assert (checked.total_rows, checked.valid_rows, checked.error_count, checked.file_name) == (2100, 2097, 3,
                                                                                               "附件5.xlsx")
    assert not job.input_file  # the upload is dropped once checked
    assert job.title == f"检查导入的「{LISTS['served_smes'].label}」：{draft.platform_name}"


def test_a_failed_import_keeps_its_file_and_succeeds_when_retried_after_the_cause_is_fixed(personas, draft):
    job = enqueue(LIST_IMPORT, actor=personas["applicant_a"], target=draft, params={"list": "served_smes"},
                  input_data=served_file(30), input_name="附件5.xlsx")
    Application.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.error == "申报当前状态为「待县区初审」，不能修改；退回修改后方可编辑。"
    assert job.input_file

    Application.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
    retry(job, actor=personas["applicant_a"])
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == "done" and ListImport.objects.get().valid_rows == 30


def test_a_failed_job_records_its_message_and_keeps_no_result(personas, submitted):
    job = create_job(kind=DOCUMENTS_ZIP, title="打包", actor=personas["applicant_a"], target=submitted)
    start_job(job)
    fail_job(job, "")
    assert Job.objects.get(pk=job.pk).error == "处理时发生意外错误，请稍后重试；如仍失败，请联系系统管理员。"
    with pytest.raises(FileNotFoundError):
        open_result(job, actor=personas["applicant_a"])
    assert not AuditEvent.objects.filter(event="jobs.result_downloaded").exists()
