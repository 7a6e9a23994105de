"""The 公示 notice and the 认定决定 as Word documents, from the bureau's side.

Bureau officers and heads only. The domain builds each file and audits the download; these views
fetch the publicity (404 when it does not exist) and answer with the file. A decision that is not
approved yet (or not drafted) has no number: the officer goes back to the publicity page with the
reason, never an error page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applications.documents import OfficeFile
from shifan.publicity.documents import publicity_notice_docx
from shifan.publicity.models import Publicity
from shifan.recognition.documents import decision_notice_docx
from shifan.recognition.models import Decision
from shifan.workspace.attachments import SANDBOX, content_disposition

bureau_staff = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD)


def download(office_file: OfficeFile) -> HttpResponse:
    """The file as a download: attachment with a UTF-8 file name, never sniffed, never cached."""
    response = HttpResponse(office_file.data, content_type=office_file.content_type)
    response["Content-Disposition"] = content_disposition(office_file.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    add_never_cache_headers(response)  # every download is audited: no copy in shared caches
    return response


@require_GET
@bureau_staff
def publicity_notice(request, pk: int):
    publicity = get_object_or_404(Publicity.objects.select_related("batch"), pk=pk)
    return download(publicity_notice_docx(publicity, actor=request.user))


@require_GET
@bureau_staff
def decision_notice(request, pk: int):
    """The approved decision of the publicity ``pk`` with its list as 附件."""
    publicity = get_object_or_404(Publicity, pk=pk)
    decision = Decision.objects.filter(publicity=publicity).select_related("batch").first()
    if decision is None:
        messages.error(request, "该公示尚未拟定认定决定。")
        return redirect("bureau:publicity", pk=pk)
    try:
        office_file = decision_notice_docx(decision, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("bureau:publicity", pk=pk)
    return download(office_file)
