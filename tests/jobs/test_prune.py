"""Jobs do not pile up: finished jobs and their private files go after the retention period, and a job whose
worker died (or that no worker picked up) is failed with a Chinese message so that its requester can retry it."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from shifan.audit.models import AuditEvent
from shifan.jobs import prune
from shifan.jobs.domain import JobNotRetryable, create_job, fail_job, finish_job, retry_job, start_job
from shifan.jobs.models import Job, private_storage
from shifan.jobs.prune import INTERRUPTED_ERROR, prune_finished_jobs, reap_stuck_jobs
from shifan.workspace.jobs import DOCUMENTS_ZIP, enqueue, retry
from tests.jobs.helpers import run_queued_jobs

pytestmark = pytest.mark.django_db

def _job(actor, state: str, *, age: timedelta, input_data: bytes | None = None, result: bytes | None = None) -> Job:
    """A job of ``actor`` in ``state`` whose timestamps lie ``age`` in the past."""
    job = create_job(kind="documents_zip", title="打包", actor=actor, input_data=input_data, input_name="a.xlsx")
    if state != "queued":
        start_job(job)
    if state == "done":
        finish_job(job, data=result, name="申报材料.zip", content_type="application/zip")
    elif state == "failed":
        fail_job(job, "失败")
    at = timezone.now() - age
    Job.objects.filter(pk=job.pk).update(created_at=at, queued_at=at, started_at=at if state != "queued" else None,
                                         finished_at=at if state in ("done", "failed") else None)
    job.refresh_from_db()
    return job


def _exists(name: str) -> bool:
    return private_storage().exists(name)


def test_finished_jobs_past_the_retention_are_deleted_with_their_files(personas):
    actor = personas["applicant_a"]
    old_done = _job(actor, "done", age=timedelta(days=8), result=b"zip with personal data")
    old_failed = _job(actor, "failed", age=timedelta(days=30), input_data=b"uploaded list")
    recent = _job(actor, "done", age=timedelta(days=6), result=b"recent zip")
    old_running = _job(actor, "running", age=timedelta(days=9))
    old_queued = _job(actor, "queued", age=timedelta(days=9), input_data=b"waiting list")
    gone = [old_done.result_file.name, old_failed.input_file.name]
    kept = [recent.result_file.name, old_queued.input_file.name]
    assert all(_exists(name) for name in gone + kept)

    result = prune_finished_jobs(older_than_days=7)

    assert (result.removed, result.files) == (2, 2)
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, old_running.pk, old_queued.pk}
    assert not any(_exists(name) for name in gone)
    assert all(_exists(name) for name in kept)  # other jobs' files are untouched
    event = AuditEvent.objects.get(event="jobs.pruned")
    assert (event.actor, event.data["removed"], event.data["files"], event.data["retention_days"]) == (None, 2, 2, 7)

    assert prune_finished_jobs(older_than_days=7).removed == 0
    assert AuditEvent.objects.filter(event="jobs.pruned").count() == 1  # nothing removed, nothing recorded


def test_a_file_already_missing_does_not_stop_the_prune(personas):
    job = _job(personas["applicant_a"], "done", age=timedelta(days=8), result=b"zip")
    private_storage().delete(job.result_file.name)
    assert prune_finished_jobs(older_than_days=7).removed == 1
    assert not Job.objects.exists()


def test_a_running_job_whose_worker_died_and_a_queued_job_never_picked_up_are_failed(personas):
    actor = personas["applicant_a"]
    dead = _job(actor, "running", age=timedelta(minutes=90), input_data=b"list")
    busy = _job(actor, "running", age=timedelta(minutes=20))
    forgotten = _job(actor, "queued", age=timedelta(hours=25))
    fresh = _job(actor, "queued", age=timedelta(hours=2))
    # Created days ago, failed, and retried an hour ago: it waits from its retry, it is not stuck.
    retried = _job(actor, "failed", age=timedelta(days=3))
    retry(retried, actor=actor)
    assert Job.objects.get(pk=retried.pk).queued_at > timezone.now() - timedelta(minutes=1)  # the retry requeued it
    Job.objects.filter(pk=retried.pk).update(queued_at=timezone.now() - timedelta(hours=1))
    # Retried 30 hours ago and never picked up since: stuck.
    stale_task = _job(actor, "failed", age=timedelta(days=3))
    retry(stale_task, actor=actor)
    Job.objects.filter(pk=stale_task.pk).update(queued_at=timezone.now() - timedelta(hours=30))

    result = reap_stuck_jobs(stale_after_minutes=60)

    assert (result.running, result.queued, result.total) == (1, 2, 3)
    states = dict(Job.objects.values_list("pk", "state"))
    assert states == {dead.pk: "failed", busy.pk: "running", forgotten.pk: "failed", fresh.pk: "queued",
                      retried.pk: "queued", stale_task.pk: "failed"}
    dead.refresh_from_db()
    assert (dead.error, dead.step) == ("处理中断（处理进程意外停止），请点击「重试」重新处理。", "处理失败")
    assert dead.finished_at is not None and dead.input_file  # the input stays for the retry
    forgotten.refresh_from_db()
    assert forgotten.error == "长时间未被处理（排队超过 24 小时），请点击「重试」重新提交。"
    event = AuditEvent.objects.get(event="jobs.reaped")
    assert (event.actor, event.data["running"], sorted(event.data["queued"])) == (
        None, [dead.pk], sorted([forgotten.pk, stale_task.pk]))

    assert reap_stuck_jobs(stale_after_minutes=60).total == 0
    assert AuditEvent.objects.filter(event="jobs.reaped").count() == 1


def test_a_job_that_finishes_between_the_select_and_the_update_is_not_overwritten(personas, monkeypatch):
    job = _job(personas["applicant_a"], "running", age=timedelta(hours=2))
    selected = prune._stuck

    def select_then_finish(condition):
        ids = selected(condition)
        if job.pk in ids:
            finish_job(Job.objects.get(pk=job.pk), data=b"zip", name="a.zip", content_type="application/zip")
        return ids

    monkeypatch.setattr(prune, "_stuck", select_then_finish)
    assert reap_stuck_jobs(stale_after_minutes=60).total == 0
    job.refresh_from_db()
    assert (job.state, job.error, job.progress) == ("done", "", 100)
    assert not AuditEvent.objects.filter(event="jobs.reaped").exists()


def test_a_reaped_job_is_retried_by_its_requester_and_then_completes(personas, submitted):
    job = enqueue(DOCUMENTS_ZIP, actor=personas["applicant_a"], target=submitted)
    assert start_job(job)  # a worker claimed it, then was killed
    Job.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(hours=2))
    assert reap_stuck_jobs(stale_after_minutes=60).running == 1
    job.refresh_from_db()
    assert (job.state, job.error) == ("failed", INTERRUPTED_ERROR)

    with pytest.raises(JobNotRetryable):
        retry_job(job, actor=personas["officer_x"])  # only the requester retries
    retry(job, actor=personas["applicant_a"])
    job.refresh_from_db()
    assert (job.state, job.error, job.finished_at) == ("queued", "", None)
    run_queued_jobs()  # the killed worker's old task finds the job claimed by the new one, or claims it itself
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("done", 2) and job.result_file


def test_the_command_reaps_then_prunes_and_reports_in_chinese(personas, settings):
    actor = personas["applicant_a"]
    _job(actor, "running", age=timedelta(minutes=45))
    _job(actor, "done", age=timedelta(days=3), result=b"zip")
    old = _job(actor, "failed", age=timedelta(days=10), input_data=b"list")
    settings.SHIFAN_JOB_RETENTION_DAYS = 7
    settings.SHIFAN_JOB_STALE_MINUTES = 60

    out = StringIO()
    call_command("prune_jobs", stdout=out)
    assert "0 个处理中断的任务、0 个长时间排队的任务已标记为失败" in out.getvalue()
    assert "之前结束的任务 1 个（文件 1 个）" in out.getvalue()
    assert not _exists(old.input_file.name)

    out = StringIO()
    call_command("prune_jobs", "--days", "2", "--stale-minutes", "30", stdout=out)
    assert out.getvalue().startswith("后台任务清理完成：1 个处理中断的任务、0 个长时间排队的任务已标记为失败；")
    assert "之前结束的任务 1 个（文件 1 个）" in out.getvalue()  # the 3-day-old job; the reaped one is new
    assert list(Job.objects.values_list("state", flat=True)) == ["failed"]
