"""The 公示 notice as a Word document for everyone (no login).

The notice is public and names no person; the download is still audited (with no actor).
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from shifan.publicity.documents import publicity_notice_docx
from shifan.publicity.queries import published
from shifan.workspace.attachments import SANDBOX, content_disposition


@login_not_required
@require_GET
def publicity_notice(request, pk: int):
    office_file = publicity_notice_docx(get_object_or_404(published(), pk=pk), actor=None)
    response = HttpResponse(office_file.data, content_type=office_file.content_type)
    response["Content-Disposition"] = content_disposition(office_file.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    add_never_cache_headers(response)  # each download is audited
    return response
