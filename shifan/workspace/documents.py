"""Downloading an application's documents (附件2–6 as Word, the whole dossier as a zip).

Shared by the applicant, district and bureau workspaces: the application is fetched through
``applications_for_user`` (404 when not visible), the domain builds and audits the file.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

from shifan.applications.documents import DOCUMENTS, OfficeFile, document_for
from shifan.workspace.application_pages import safe_platform_name, visible_application
from shifan.workspace.jobs import DOCUMENTS_ZIP, pending_or_enqueue


def file_name(application, office_file: OfficeFile) -> str:
    """The file's name, then the platform and the batch year: “申报材料-甲示范平台-2026.zip”, as the
    dossier's “申报材料-甲示范平台-2026.json”."""
    stem, dot, extension = office_file.name.rpartition(".")
    return f"{stem}-{safe_platform_name(application)}-{application.batch.year}{dot}{extension}"


def attachment_response(application, office_file: OfficeFile) -> HttpResponse:
    """The file as a download: attachment with a UTF-8 file name, never sniffed, never cached."""
    response = HttpResponse(office_file.data, content_type=office_file.content_type)
    response["Content-Disposition"] = content_disposition_header(True, file_name(application, office_file))
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)  # personal data: no copy in shared or browser caches
    return response


def download_document(request, pk: int, code: str):
    """GET handler: one Word document of a visible application (audited by the domain)."""
    application = visible_application(request, pk)
    if code not in DOCUMENTS:
        raise Http404("没有这份材料。")
    return attachment_response(application, document_for(application, code, actor=request.user))


def download_archive(request, pk: int):
    """GET handler: the whole dossier of a visible application as one zip, built in the background
    (``archive_for`` checks and audits in the worker); redirects to the job's page, which offers the file.
    The user's job already queued or running for it is reused."""
    application = visible_application(request, pk)
    job = pending_or_enqueue(DOCUMENTS_ZIP, actor=request.user, target=application)
    return redirect("home:job", pk=job.pk)
