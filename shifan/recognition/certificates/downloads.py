"""Who may download a certificate, and the audited downloads.

Bureau staff (officers and heads) may download any recognition's certificate, a revoked or
expired one too (it then carries the 已撤销 / 已过期 mark). The recognised organisation's own
applicant users may download it while the recognition is valid; an expired or revoked one is
refused with the reason (its public status stays on the verification page). Everyone else gets
nothing: ``certificate_recognitions`` is empty for them, so a view answers 404.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from shifan.accounts.rules import is_applicant, is_bureau_staff
from shifan.applications.documents import OfficeFile
from shifan.audit.recorder import record
from shifan.city_review.documents.formats import safe_name
from shifan.documents.docx import DOCX_CONTENT_TYPE
from shifan.recognition.certificates.content import TITLE, certificate_context
from shifan.recognition.certificates.pdf import PDF_CONTENT_TYPE, render_certificate_pdf
from shifan.recognition.certificates.word import render_certificate_docx
from shifan.recognition.models import Recognition

DOWNLOADED = "recognition.certificate_downloaded"
REFUSED = {
    "revoked": "该示范平台称号已撤销，证书不再提供下载。证书状态可在证书验证页查询。",
    "expired": "该认定已过有效期，证书不再提供下载。证书状态可在证书验证页查询。",
}


def certificate_recognitions(user) -> QuerySet[Recognition]:
    """The recognitions whose certificate ``user`` may look for: all for bureau staff, the own
    organisation's for an applicant, none for anyone else."""
    found = Recognition.objects.select_related("organization", "jurisdiction", "decision__batch__policy")
    if is_bureau_staff.test(user):
        return found
    if is_applicant.test(user) and user.organization_id:
        return found.filter(organization_id=user.organization_id)
    return found.none()


def check_may_download(recognition: Recognition, actor, *, today: date) -> None:
    """PermissionDenied (with the reason) unless ``actor`` may download this certificate today."""
    if is_bureau_staff.test(actor):
        return
    if not (is_applicant.test(actor) and actor.organization_id == recognition.organization_id):
        raise PermissionDenied("您无权下载该证书。")
    status = recognition.status_on(today)
    if status != "valid":
        raise PermissionDenied(REFUSED[status])


def file_name(recognition: Recognition, extension: str) -> str:
    """“南昌市中小企业公共服务示范平台证书-甲示范平台-2026.pdf”."""
    return f"{TITLE}证书-{safe_name(recognition.platform_name)}-{recognition.starts_on.year}.{extension}"


def _download(recognition: Recognition, *, actor, today: date | None, kind: str) -> OfficeFile:
    today = today or timezone.localdate()
    check_may_download(recognition, actor, today=today)
    context = certificate_context(recognition, today=today)
    if kind == "pdf":
        data, content_type = render_certificate_pdf(context), PDF_CONTENT_TYPE
    else:
        data, content_type = render_certificate_docx(context), DOCX_CONTENT_TYPE
    record(DOWNLOADED, actor=actor, target=recognition, data={"format": kind, "status": context["status"]})
    return OfficeFile(file_name(recognition, kind), content_type, data)


@transaction.atomic
def certificate_pdf(recognition: Recognition, *, actor, today: date | None = None) -> OfficeFile:
    """The certificate as PDF for someone who may download it; PermissionDenied otherwise.

    Side effects: records ``recognition.certificate_downloaded`` (format pdf, status on the day).
    """
    return _download(recognition, actor=actor, today=today, kind="pdf")


@transaction.atomic
def certificate_docx(recognition: Recognition, *, actor, today: date | None = None) -> OfficeFile:
    """The certificate as Word for someone who may download it; PermissionDenied otherwise.

    Side effects: records ``recognition.certificate_downloaded`` (format docx, status on the day).
    """
    return _download(recognition, actor=actor, today=today, kind="docx")
