"""Serving a third-party agency's review report, to the agency itself and to the bureau."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404

from shifan.audit.recorder import record
from shifan.workspace.attachments import as_download, open_private_file


def serve_report(request, group, report_id: int) -> FileResponse:
    """The report of this (already authorised) group as a download; the read is audited."""
    report = get_object_or_404(group.reports.all(), pk=report_id)
    handle = open_private_file(report.file)
    record("review.agency_report_downloaded", actor=request.user, target=group, data={"report": report.pk})
    return as_download(FileResponse(handle, content_type=report.content_type), report.name)
