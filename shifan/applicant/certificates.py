"""The recognised organisation downloads its certificate, as PDF or Word, while the recognition is valid.

Only the organisation's own recognitions are found (another organisation's is a 404); an expired
or revoked one is refused by the domain with the reason (403). Each download is audited
(``recognition.certificate_downloaded``).
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applications.documents import OfficeFile
from shifan.recognition.certificates import certificate_docx, certificate_pdf, certificate_recognitions
from shifan.workspace.attachments import as_download

allowed = role_required(Role.APPLICANT)


def _download(office_file: OfficeFile) -> HttpResponse:
    """The file as a download: attachment with a UTF-8 file name, never sniffed, never cached."""
    return as_download(HttpResponse(office_file.data, content_type=office_file.content_type), office_file.name)


def _own(request, pk: int):
    """The recognition if it is the user's organisation's (certificate_recognitions scopes it), else 404."""
    return get_object_or_404(certificate_recognitions(request.user), pk=pk,
                             organization_id=request.user.organization_id)


@require_GET
@allowed
def certificate_pdf_view(request, pk: int):
    return _download(certificate_pdf(_own(request, pk), actor=request.user))


@require_GET
@allowed
def certificate_docx_view(request, pk: int):
    return _download(certificate_docx(_own(request, pk), actor=request.user))
