"""The applicant downloads its application's documents: 附件2–6 as Word files, the whole dossier as a zip."""

from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.workspace.documents import download_archive, download_document

allowed = role_required(Role.APPLICANT)


@require_GET
@allowed
def document(request, pk: int, code: str):
    return download_document(request, pk, code)


@require_GET
@allowed
def archive(request, pk: int):
    return download_archive(request, pk)
