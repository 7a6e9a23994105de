"""The third-party agency's review report (第七条(四): 委托第三方机构评审)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from shifan.accounts.roles import Role
from shifan.audit.recorder import record
from shifan.city_review.models import AgencyReport, ReviewGroup
from shifan.documents.files import FileRefused, check_upload

REPORT_KINDS = frozenset({"pdf", "docx"})
REPORT_MAX_BYTES = 20 * 1024 * 1024


def upload_report(group: ReviewGroup, data: bytes, filename: str, *, actor) -> AgencyReport:
    """Store the agency's report for its group after the upload checks (PDF or Word, ≤ 20 MB).

    Side effects: writes the checked bytes to private storage under a random name; inserts an
    AgencyReport; records ``review.agency_report_uploaded`` (or ``review.agency_report_refused``).
    """
    if not (getattr(actor, "is_active", False) and actor.role == Role.AGENCY
            and group.mode == ReviewGroup.Mode.AGENCY and group.agency_id == actor.organization_id):
        raise PermissionDenied("只有受托的第三方评审机构可以上传评审报告。")
    try:
        checked = check_upload(data, filename, REPORT_KINDS, REPORT_MAX_BYTES)
    except FileRefused as refused:
        record("review.agency_report_refused", actor=actor, target=group,
               data={"size": len(data), "reason": refused.message})
        raise ValidationError({"file": [refused.message]}) from None
    report = AgencyReport(group=group, name=checked.safe_name, extension=checked.extension,
                          content_type=checked.content_type, size=checked.size, sha256=checked.sha256,
                          uploaded_by=actor)
    try:
        with transaction.atomic():
            report.file.save("upload", ContentFile(checked.data))
            record("review.agency_report_uploaded", actor=actor, target=group,
                   data={"report": report.pk, "size": checked.size, "sha256": checked.sha256})
    except BaseException:
        if report.file:
            report.file.storage.delete(report.file.name)
        raise
    return report
