"""The page of a background job: progress (polled by htmx every 2 s), the result, a retry after failure."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from shifan.jobs.domain import JobNotRetryable, open_result
from shifan.workspace.attachments import as_download
from shifan.workspace.jobs import next_url, retry, visible_job


@require_GET
def job(request, pk: int):
    job = visible_job(request, pk)
    context = {"job": job, "next_url": next_url(job) if job.requester_id == request.user.pk else "",
               "is_requester": job.requester_id == request.user.pk}
    template = "home/_job_status.html" if request.htmx else "home/job.html"
    return render(request, template, context)


@require_GET
def download(request, pk: int):
    job = visible_job(request, pk)
    try:
        handle = open_result(job, actor=request.user)  # audited
    except FileNotFoundError:
        raise Http404("该任务没有可下载的文件。") from None
    return as_download(FileResponse(handle, content_type=job.result_content_type), job.result_name)


@require_POST
def retry_job(request, pk: int):
    job = visible_job(request, pk)
    try:
        retry(job, actor=request.user)
    except JobNotRetryable as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "已重新排队处理。")
    return redirect("home:job", pk=job.pk)
