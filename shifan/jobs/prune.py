"""Keeping background jobs from piling up: finished jobs (and their private files, such as dossier zips with
personal data) are deleted after the retention period, and a job whose worker died is failed so that its
requester can retry it. Run daily by ``manage.py prune_jobs`` (docs/operations.md).
"""

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from shifan.audit.recorder import record
from shifan.jobs.models import Job

PRUNED_EVENT = "jobs.pruned"
REAPED_EVENT = "jobs.reaped"
# A queued job that no worker picked up in this time is failed (the worker is down, or its task was lost).
QUEUED_STALE_HOURS = 24
INTERRUPTED_ERROR = "处理中断（处理进程意外停止），请点击「重试」重新处理。"
NEVER_STARTED_ERROR = "长时间未被处理（排队超过 {hours} 小时），请点击「重试」重新提交。"

FINISHED = (Job.State.DONE, Job.State.FAILED)


@dataclass(frozen=True)
class PruneResult:
    removed: int
    files: int
    cutoff: datetime


@dataclass(frozen=True)
class ReapResult:
    running: int  # running jobs whose worker stopped, now failed
    queued: int  # queued jobs never picked up, now failed

    @property
    def total(self) -> int:
        return self.running + self.queued


def prune_finished_jobs(*, older_than_days: int, now: datetime | None = None) -> PruneResult:
    """Delete the jobs that finished (done or failed) more than ``older_than_days`` days ago.

    Side effects, in one transaction (the rows locked on PostgreSQL, so a retry cannot revive one meanwhile):
    deletes each job's stored input and result files from private storage first (a file already gone is
    not an error), then the Job rows; records one ``jobs.pruned`` event (removed, files, cutoff,
    retention_days) by the system when anything was removed. Queued and running jobs are never touched.
    """
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    finished_before = Q(state__in=FINISHED) & (
        Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff))
    storage = Job._meta.get_field("result_file").storage
    with transaction.atomic():
        rows = list(Job.objects.select_for_update().filter(finished_before).order_by()
                    .values_list("pk", "input_file", "result_file"))
        if not rows:
            return PruneResult(0, 0, cutoff)
        files = [name for _, *names in rows for name in names if name]
        for name in files:
            _delete_file(storage, name)
        removed, _ = Job.objects.filter(finished_before, pk__in=[pk for pk, *_ in rows]).delete()
        record(PRUNED_EVENT, data={"removed": removed, "files": len(files), "cutoff": cutoff.isoformat(),
                                   "retention_days": older_than_days})
    return PruneResult(removed, len(files), cutoff)


def reap_stuck_jobs(*, stale_after_minutes: int, queued_after_hours: int = QUEUED_STALE_HOURS,
                    now: datetime | None = None) -> ReapResult:
    """Fail the jobs that can make no progress, so that their requester can retry them (``retry_job``).

    A running job started more than ``stale_after_minutes`` minutes ago (its worker was killed: nothing
    reports progress any more) fails with ``INTERRUPTED_ERROR``; a queued job created more than
    ``queued_after_hours`` hours ago (``queued_at``: its creation or its last retry) fails with
    ``NEVER_STARTED_ERROR`` (naming the hours).

    Side effects: updates each such job to failed with the message, step「处理失败」and ``finished_at`` now,
    by a compare-and-swap on its state and age, so a job that finished, started or was retried meanwhile is
    left as it is; keeps its input file for the retry; records one ``jobs.reaped`` event (the job ids of
    each kind) by the system when any job was failed.
    """
    now = now or timezone.now()
    running_cutoff = now - timedelta(minutes=stale_after_minutes)
    running_since = Q(state=Job.State.RUNNING) & (
        Q(started_at__lt=running_cutoff) | Q(started_at__isnull=True, created_at__lt=running_cutoff))
    queued_cutoff = now - timedelta(hours=queued_after_hours)
    queued_since = Q(state=Job.State.QUEUED, queued_at__lt=queued_cutoff)

    running = _stuck(running_since)
    queued = _stuck(queued_since)
    never_started = NEVER_STARTED_ERROR.format(hours=queued_after_hours)
    with transaction.atomic():
        running = [pk for pk in running if _fail_if_unchanged(pk, running_since, INTERRUPTED_ERROR, now)]
        queued = [pk for pk in queued if _fail_if_unchanged(pk, queued_since, never_started, now)]
        if running or queued:
            record(REAPED_EVENT, data={"running": running, "queued": queued,
                                       "stale_after_minutes": stale_after_minutes,
                                       "queued_after_hours": queued_after_hours})
    return ReapResult(len(running), len(queued))


def _stuck(condition: Q) -> list[int]:
    return list(Job.objects.filter(condition).order_by("pk").values_list("pk", flat=True))


def _fail_if_unchanged(pk: int, still: Q, message: str, now: datetime) -> bool:
    return bool(Job.objects.filter(still, pk=pk).update(
        state=Job.State.FAILED, error=message, step="处理失败", finished_at=now))


def _delete_file(storage, name: str) -> None:
    with suppress(FileNotFoundError):  # already gone: the row still goes
        storage.delete(name)
