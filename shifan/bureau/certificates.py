"""Certificates from the bureau's side: any recognition's certificate as PDF or Word.

Bureau officers and heads only. A revoked or expired recognition's certificate can still be
downloaded for the file; it then carries the 已撤销 / 已过期 mark. The domain checks the actor,
builds the file and audits the download (``recognition.certificate_downloaded``).
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applications.documents import OfficeFile
from shifan.recognition.certificates import certificate_docx, certificate_pdf, certificate_recognitions
from shifan.workspace.attachments import SANDBOX, content_disposition

bureau_staff = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD)


def _download(office_file: OfficeFile) -> HttpResponse:
    """The file as a download: attachment with a UTF-8 file name, never sniffed, never cached."""
    response = HttpResponse(office_file.data, content_type=office_file.content_type)
    response["Content-Disposition"] = content_disposition(office_file.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    add_never_cache_headers(response)
    return response


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
