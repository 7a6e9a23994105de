"""The application's documents: 附件2–6 as Word files, and the whole dossier as one zip.

Builders read one application through its models and format every value for people (dates as
2026年5月1日, money as "260.00", codes as Chinese labels); the Word engine of ``shifan.documents``
renders them. These are the applicant's own forms, so personal data (ID number, mobiles) appear
in clear: the caller has fetched the application through ``applications_for_user``, and every
download is audited.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from shifan.applications.documents.archive import archive_members, zip_bytes
from shifan.applications.documents.catalogue import DOCUMENTS, OfficeDocument
from shifan.applications.models import Application
from shifan.audit.recorder import record
from shifan.documents.docx import DOCX_CONTENT_TYPE, render_docx

VIEW_PERMISSION = "applications.view_application"
ZIP_CONTENT_TYPE = "application/zip"
DOWNLOADED = "application.documents_downloaded"

__all__ = ["DOCUMENTS", "OfficeDocument", "OfficeFile", "archive_for", "document_for", "render_document"]


@dataclass(frozen=True)
class OfficeFile:
    name: str  # a file name for people, in Chinese
    content_type: str
    data: bytes


def render_document(application: Application, code: str) -> bytes:
    """The .docx of document ``code`` (a key of DOCUMENTS). Pure read, no audit."""
    document = DOCUMENTS[code]
    return render_docx(document.template, document.context(application))


def _check_can_view(application: Application, actor) -> None:
    if not actor.has_perm(VIEW_PERMISSION, application):
        raise PermissionDenied("您无权下载该申报的材料。")


@transaction.atomic
def document_for(application: Application, code: str, *, actor) -> OfficeFile:
    """One Word document for a person who may see the application. Raises KeyError for an
    unknown code and PermissionDenied for someone who may not see the application.

    Side effects: records ``application.documents_downloaded`` with the document's code.
    """
    _check_can_view(application, actor)
    document = DOCUMENTS[code]
    data = render_document(application, code)
    record(DOWNLOADED, actor=actor, target=application, data={"format": "docx", "documents": [code]})
    return OfficeFile(document.file_name, DOCX_CONTENT_TYPE, data)


@transaction.atomic
def archive_for(application: Application, *, actor) -> OfficeFile:
    """The whole dossier as a zip (see ``archive``) for a person who may see the application.

    Side effects: records one ``application.documents_downloaded`` event listing every member
    (the dossier JSON and the lists hold personal data in clear).
    """
    _check_can_view(application, actor)
    members = archive_members(application)
    record(DOWNLOADED, actor=actor, target=application, data={"format": "zip", "files": sorted(members)})
    return OfficeFile("申报材料.zip", ZIP_CONTENT_TYPE, zip_bytes(members))
