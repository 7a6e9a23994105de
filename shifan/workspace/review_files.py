"""Serving a third-party agency's review report, to the agency itself and to the bureau."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers

from shifan.audit.recorder import record
from shifan.workspace.attachments import SANDBOX, content_disposition


def serve_report(request, group, report_id: int) -> FileResponse:
    """The report of this (already authorised) group as a download; the read is audited."""
    report = get_object_or_404(group.reports.all(), pk=report_id)
    try:
        handle = report.file.open("rb")
    except FileNotFoundError:
        raise Http404("文件已不存在。") from None
    record("review.agency_report_downloaded", actor=request.user, target=group, data={"report": report.pk})
    response = FileResponse(handle, content_type=report.content_type)
    response["Content-Disposition"] = content_disposition(report.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    add_never_cache_headers(response)
    return response
