"""The life of a job: queued → running (progress) → done with a private result, or failed with a Chinese
message; a failed job can be queued again. The task backend only carries the job's id: the state the user
sees is here, so a page never depends on the backend's own result table.

The runner of each kind (``shifan.workspace.jobs``) calls the synchronous domain function and reports
through these functions; those functions audit what they do, as when called from a view.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from shifan.audit.recorder import record
from shifan.jobs.models import Job

RESULT_DOWNLOADED = "jobs.result_downloaded"
# Shown when a runner fails with an error that carries no message for the user.
GENERIC_ERROR = "处理时发生意外错误，请稍后重试；如仍失败，请联系系统管理员。"


class JobNotRetryable(Exception):
    """Only a failed job of its requester can be queued again."""


def target_ref(target) -> tuple[str, str]:
    if target is None:
        return "", ""
    return target._meta.label_lower, str(target.pk)


@transaction.atomic
def create_job(*, kind: str, title: str, actor, target=None, params: dict | None = None,
               input_data: bytes | None = None, input_name: str = "") -> Job:
    """A queued job of ``actor`` (the caller enqueues the task after commit).

    Side effects: inserts a Job; stores ``input_data`` (an uploaded file) in private storage.
    """
    target_type, target_id = target_ref(target)
    job = Job(requester=actor, kind=kind, title=title[:200], target_type=target_type, target_id=target_id,
              params=params or {}, input_name=input_name[:200], step="排队等待处理")
    if input_data is not None:
        job.input_file.save("input", ContentFile(input_data), save=False)
    job.save()
    return job


def start_job(job: Job) -> bool:
    """Claim a queued job for running; False when it is not queued any more (a task delivered twice).

    Side effects: updates the job to running (compare-and-swap on the state), counts the attempt.
    """
    now = timezone.now()
    claimed = Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=now, progress=0, step="开始处理", attempts=job.attempts + 1)
    if claimed:
        job.refresh_from_db()
    return bool(claimed)


def report_progress(job: Job, percent: int, step: str) -> None:
    """Side effects: updates the running job's progress (0–100, never backwards) and its step text."""
    percent = max(0, min(100, int(percent)))
    job.progress, job.step = max(job.progress, percent), step[:200]
    Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(progress=job.progress, step=job.step)


@transaction.atomic
def finish_job(job: Job, *, data: bytes | None = None, name: str = "", content_type: str = "",
               result_data: dict | None = None) -> Job:
    """Side effects: stores the result file (if any) in private storage; marks the job done at 100%;
    deletes the stored input file, which is not needed any more."""
    if data is not None:
        job.result_file.save("result", ContentFile(data), save=False)
        job.result_name, job.result_content_type, job.result_size = name[:200], content_type[:100], len(data)
    job.result_data = result_data or {}
    job.state, job.progress, job.step, job.error = Job.State.DONE, 100, "已完成", ""
    job.finished_at = timezone.now()
    _drop_input(job)
    job.save()
    return job


def fail_job(job: Job, message: str) -> Job:
    """Side effects: marks the job failed with ``message`` (Chinese, shown to the user); keeps the input
    so that a retry can run again."""
    job.state, job.error, job.step = Job.State.FAILED, (message or GENERIC_ERROR), "处理失败"
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "error", "step", "finished_at"])
    return job


def retry_job(job: Job, *, actor) -> Job:
    """Queue a failed job again (only its requester may). Raises JobNotRetryable otherwise.

    Side effects: resets the job to queued at 0%, queued now (compare-and-swap on the failed state); the caller
    enqueues the task after commit.
    """
    if job.requester_id != actor.pk or job.state != Job.State.FAILED:
        raise JobNotRetryable("只有失败的任务才能由发起人重试。")
    if not Job.objects.filter(pk=job.pk, state=Job.State.FAILED).update(
            state=Job.State.QUEUED, progress=0, step="排队等待处理", error="", finished_at=None,
            queued_at=timezone.now()):
        raise JobNotRetryable("任务状态已变化，请刷新页面。")
    job.refresh_from_db()
    return job


@transaction.atomic
def open_result(job: Job, *, actor):
    """The done job's result file opened for reading. Raises FileNotFoundError when there is none.

    Side effects: records ``jobs.result_downloaded`` naming the job, its kind and its target.
    """
    if job.state != Job.State.DONE or not job.result_file:
        raise FileNotFoundError(job.pk)
    handle = job.result_file.open("rb")
    record(RESULT_DOWNLOADED, actor=actor, target=job,
           data={"kind": job.kind, "target_type": job.target_type, "target_id": job.target_id,
                 "file": job.result_name, "size": job.result_size})
    return handle


def _drop_input(job: Job) -> None:
    if job.input_file:
        job.input_file.delete(save=False)
