"""Serving an application's attachments to whoever may see the application (DESIGN §9, T36, T38).

A file leaves private storage only here: the application through ``applications_for_user``
(404 when not visible), the attachment within that application (404 otherwise), the read
audited by the domain, and headers that make a browser save it, never render it.
"""

from urllib.parse import quote

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.applications.attachments import SLOTS_BY_CODE
from shifan.applications.domain.attachments import attachments_for, open_attachment
from shifan.applications.models import Attachment
from shifan.workspace.application_pages import visible_application

# No script, no plugin, no same-origin rights, even if a browser were talked into rendering it.
SANDBOX = "sandbox; default-src 'none'"


def content_disposition(name: str) -> str:
    """RFC 6266: a plain ASCII name for old clients, then the UTF-8 name (names are already cleaned)."""
    plain = name.isascii() and name.isprintable() and not any(c in name for c in '"\\')
    fallback = name if plain else f"attachment.{name.rpartition('.')[2]}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def as_download(response, name: str):
    """Make a response a private download: attachment with a UTF-8 name, never sniffed, never rendered
    (sandbox CSP), never cached. Every private file and generated document leaves through here."""
    response["Content-Disposition"] = content_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    add_never_cache_headers(response)
    return response


def open_private_file(field_file):
    """The stored file opened for reading, or 404 when it has gone from storage."""
    try:
        return field_file.open("rb")
    except FileNotFoundError:
        raise Http404("文件已不存在。") from None


def serve_attachment(request, pk: int, attachment_id: int) -> FileResponse:
    """GET handler body: the attachment as a download (the read is audited by open_attachment)."""
    application = visible_application(request, pk)
    attachment = get_object_or_404(Attachment.objects.filter(application=application), pk=attachment_id)
    try:
        handle = open_attachment(attachment, actor=request.user)
    except FileNotFoundError:
        raise Http404("文件已不存在。") from None
    response = as_download(FileResponse(handle, content_type=attachment.content_type), attachment.name)
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def download_view(*roles: str):
    """The download view of an audience app, behind that app's entry check (its roles)."""

    @require_GET
    @role_required(*roles)
    def download(request, pk: int, attachment_id: int):
        return serve_attachment(request, pk, attachment_id)

    return download


def slot_listing(application, codes: tuple[str, ...]) -> list[dict]:
    """These slots (codes of applications.attachments.SLOTS) with their files, for read-only pages."""
    if not codes:
        return []
    files = attachments_for(application)
    return [{"slot": SLOTS_BY_CODE[code], "files": files[code]} for code in codes]
