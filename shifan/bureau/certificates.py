"""Certificates from the bureau's side: any recognition's certificate as PDF or Word.

Bureau officers and heads only. A revoked or expired recognition's certificate can still be
downloaded for the file; it then carries the 已撤销 / 已过期 mark. The domain checks the actor,
builds the file and audits the download (``recognition.certificate_downloaded``).
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applications.documents import OfficeFile
from shifan.recognition.certificates import certificate_docx, certificate_pdf, certificate_recognitions
from shifan.workspace.attachments import as_download

bureau_staff = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD)


def _download(office_file: OfficeFile) -> HttpResponse:
    """The file as a download: attachment with a UTF-8 file name, never sniffed, never cached."""
    return as_download(HttpResponse(office_file.data, content_type=office_file.content_type), office_file.name)


@require_GET
@bureau_staff
def certificate_pdf_view(request, pk: int):
    recognition = get_object_or_404(certificate_recognitions(request.user), pk=pk)
    return _download(certificate_pdf(recognition, actor=request.user))


@require_GET
@bureau_staff
def certificate_docx_view(request, pk: int):
    recognition = get_object_or_404(certificate_recognitions(request.user), pk=pk)
    return _download(certificate_docx(recognition, actor=request.user))
