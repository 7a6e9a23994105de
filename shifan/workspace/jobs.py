"""Heavy operations as background jobs: what each kind runs, who may watch it, and the task that runs it.

A view calls ``enqueue`` (the Job row and the queued task commit together: the database task backend
writes its row in the same transaction, so a worker never sees a task without its job, nor the
reverse) and redirects to the job's page. The worker (``manage.py db_worker``) runs ``run_job``,
which calls the same synchronous domain function the view used to call: its permission check and
its audit record are unchanged, with the requester as the actor.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django_tasks import task

from shifan.accounts.rules import is_bureau_staff
from shifan.applications.documents import archive_for
from shifan.applications.list_excel import check_list_import
from shifan.applications.models import Application
from shifan.applications.queries import applications_for_user
from shifan.applications.sections import LISTS
from shifan.documents.xlsx import ImportRefused
from shifan.jobs.domain import (
    GENERIC_ERROR,
    create_job,
    fail_job,
    finish_job,
    report_progress,
    retry_job,
    start_job,
)
from shifan.jobs.models import Job
from shifan.workspace.application_pages import safe_platform_name

logger = logging.getLogger(__name__)

DOCUMENTS_ZIP = "documents_zip"
LIST_IMPORT = "list_import"
APPLICATION = "applications.application"
# A list file above this size is checked in the background (about 1,700 rows of 附件5: a 2,000-row
# file is 78 KB); smaller files keep the immediate check and report.
BACKGROUND_IMPORT_BYTES = 64 * 1024


@dataclass(frozen=True)
class JobKind:
    code: str
    label: str
    run: Callable[[Job], None]
    next_url: Callable[[Job], str] | None = None  # where a done job without a file continues


def _application(job: Job) -> Application:
    return Application.objects.select_related("batch", "organization").get(pk=job.target_id)


def _run_documents_zip(job: Job) -> None:
    application = _application(job)
    report_progress(job, 10, "正在生成申报材料文档、名单和附件")
    office_file = archive_for(application, actor=job.requester)  # checks the viewer and audits, as before
    report_progress(job, 90, "正在保存压缩包")
    stem, dot, extension = office_file.name.rpartition(".")
    name = f"{stem}-{safe_platform_name(application)}-{application.batch.year}{dot}{extension}"
    finish_job(job, data=office_file.data, name=name, content_type=office_file.content_type)


def _run_list_import(job: Job) -> None:
    application = _application(job)
    kind = job.params["list"]
    report_progress(job, 5, "正在读取文件")
    with job.input_file.open("rb") as handle:
        data = handle.read()

    def progress(done: int, total: int) -> None:
        # Inside check_list_import's transaction: other connections see it when the check commits.
        report_progress(job, 5 + int(85 * done / max(total, 1)), f"正在检查第 {done} 行（共约 {total} 行）")

    checked = check_list_import(application, kind, data, file_name=job.input_name, actor=job.requester,
                                progress=progress)
    finish_job(job, result_data={"list_import": checked.pk})


def _list_import_report(job: Job) -> str:
    return reverse("applicant:list-import", args=[job.target_id, job.result_data["list_import"]])


KINDS = {
    DOCUMENTS_ZIP: JobKind(DOCUMENTS_ZIP, "打包下载全部申报材料", _run_documents_zip),
    LIST_IMPORT: JobKind(LIST_IMPORT, "检查导入的名单", _run_list_import, _list_import_report),
}


@task()
def run_job(job_id: int) -> None:
    """The worker's entry: run a queued job once, recording done or failed with a Chinese message."""
    job = Job.objects.select_related("requester").filter(pk=job_id).first()
    if job is None or not start_job(job):
        return  # gone, or already run (a task delivered twice)
    try:
        KINDS[job.kind].run(job)
    except ImportRefused as error:
        fail_job(job, f"未能导入：{error.message}")
    except ValidationError as error:
        fail_job(job, "；".join(error.messages))
    except PermissionDenied as error:
        fail_job(job, str(error) or "您无权执行此操作。")
    except Application.DoesNotExist:
        fail_job(job, "申报已不存在。")
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        fail_job(job, GENERIC_ERROR)


def enqueue(kind: str, *, actor, target, params: dict | None = None, input_data: bytes | None = None,
            input_name: str = "") -> Job:
    """A new queued job of ``kind`` for ``actor`` with its task (committed together)."""
    with transaction.atomic():
        job = create_job(kind=kind, title=_title(kind, target, params or {}), actor=actor, target=target,
                         params=params, input_data=input_data, input_name=input_name)
        run_job.enqueue(job.pk)
    return job


def pending_or_enqueue(kind: str, *, actor, target) -> Job:
    """The actor's queued or running job of this kind on this target, else a new one: reloading the
    link does not pile up identical work."""
    pending = Job.objects.filter(
        requester=actor, kind=kind, target_type=target._meta.label_lower, target_id=str(target.pk),
        state__in=[Job.State.QUEUED, Job.State.RUNNING]).first()
    return pending or enqueue(kind, actor=actor, target=target)


def retry(job: Job, *, actor) -> Job:
    """Queue a failed job again with its task (committed together)."""
    with transaction.atomic():
        job = retry_job(job, actor=actor)
        run_job.enqueue(job.pk)
    return job


def _title(kind: str, target, params: dict) -> str:
    label = KINDS[kind].label
    if kind == LIST_IMPORT:
        label = f"检查导入的「{LISTS[params['list']].label}」"
    name = getattr(target, "platform_name", "") or str(target)
    return f"{label}：{name}" if name else label


def visible_job(request, pk: int) -> Job:
    """The job if this user asked for it, or is bureau staff who may see its application; else 404."""
    job = get_object_or_404(Job.objects.select_related("requester"), pk=pk)
    user = request.user
    if job.requester_id == user.pk:
        return job
    if (is_bureau_staff(user) and job.target_type == APPLICATION
            and applications_for_user(user).filter(pk=job.target_id).exists()):
        return job
    raise Http404("没有这个任务。")


def next_url(job: Job) -> str:
    """Where the requester continues after a done job that has no file ("" when there is none)."""
    kind = KINDS.get(job.kind)
    if job.state != Job.State.DONE or kind is None or kind.next_url is None:
        return ""
    return kind.next_url(job)
