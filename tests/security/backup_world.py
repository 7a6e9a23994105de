"""Data for the backup/restore tests, built and read in a separate process (``python -c``) against a
database and MEDIA_ROOT named by the environment: the real commands, the real files, no shared state."""

import base64
import json

from django.db import connection

from shifan.accounts.roles import Role
from shifan.applications.documents import document_for
from shifan.applications.domain.attachments import add_attachment
from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.applications.models import Application, ApplicationProfile, Attachment, StatusChange
from shifan.audit.models import AuditChainHead, AuditEvent
from shifan.audit.recorder import record
from shifan.audit.verify import verify_chain
from tests.factories import (
    MINIMAL_PDF,
    ApplicationFactory,
    BatchFactory,
    JurisdictionFactory,
    OrganizationFactory,
    UserFactory,
    make_submittable,
)


def build() -> None:
    """An application with an uploaded attachment, submitted; a generated Word document; audit events."""
    district = JurisdictionFactory(code="360102")
    organization = OrganizationFactory(name="甲服务机构有限公司", jurisdiction=district)
    applicant = UserFactory(username="applicant_a", role=Role.APPLICANT, organization=organization)
    officer = UserFactory(username="officer_x", role=Role.DISTRICT_OFFICER, jurisdiction=district)
    application = ApplicationFactory(organization=organization, batch=BatchFactory(), status=Status.DRAFT,
                                     platform_name="甲示范平台")
    add_attachment(application, "licence", MINIMAL_PDF, "营业执照.pdf", actor=applicant)
    make_submittable(application)
    transition(application, Action.SUBMIT, actor=applicant)
    document_for(application, "report", actor=officer)
    record("auth.login", actor=officer, target=officer)
    ApplicationFactory(organization=organization, batch=BatchFactory(year=2020), status=Status.DRAFT)


def _rows(queryset) -> list[dict]:
    return json.loads(json.dumps(list(queryset.order_by("pk").values()), default=str, ensure_ascii=False))


def _b64(attachment: Attachment) -> str:
    with attachment.file.open("rb") as handle:
        return base64.b64encode(handle.read()).decode()


def snapshot() -> dict:
    """Everything the tests compare between the source and the restored copy."""
    result = verify_chain()
    return {
        "vendor": connection.vendor,
        "applications": _rows(Application.objects.all()),
        "profiles": _rows(ApplicationProfile.objects.all()),
        "status_changes": _rows(StatusChange.objects.all()),
        "attachments": _rows(Attachment.objects.all()),
        "attachment_bytes": {a.pk: _b64(a) for a in Attachment.objects.order_by("pk")},
        "audit_events": _rows(AuditEvent.objects.all()),
        "audit_head": _rows(AuditChainHead.objects.all()),
        "audit_verified": [result.ok, result.checked, result.problem],
    }


def print_snapshot() -> None:
    print(json.dumps(snapshot(), ensure_ascii=False, sort_keys=True))
