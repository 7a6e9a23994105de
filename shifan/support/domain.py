"""扶持 (第十一条) and 典型经验 (第十二条): recording support, writing, submitting and publishing cases.

Support grants are recorded, corrected and deleted by bureau officers. Typical cases are written
and submitted by district officers about recognised platforms of their own jurisdiction only;
bureau staff publish them on the portal or decline them with a reason (the district may then
revise and submit again).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from shifan.accounts.models import User
from shifan.accounts.roles import Role
from shifan.accounts.rules import is_bureau_officer, is_bureau_staff, is_district_officer
from shifan.audit.recorder import record
from shifan.documents.files import FileRefused, check_upload
from shifan.notifications.domain import notify
from shifan.recognition.models import Recognition
from shifan.support.models import CaseState, GrantKind, SupportGrant, TypicalCase

DOCUMENT_KINDS = frozenset({"pdf"})
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
AMOUNT_LIMIT = Decimal("100000000")  # 万元: beyond any real grant, and the column's size
NOT_BUREAU_OFFICER = "只有市局经办人员可以登记扶持情况。"
NOT_DISTRICT_OFFICER = "只有县区主管部门可以撰写和报送典型经验。"
OTHER_JURISDICTION = "只能报送本辖区示范平台的典型经验。"
NOT_BUREAU_STAFF = "只有市局工作人员可以审核典型经验。"
BODY_MIN = 50


@dataclass(frozen=True)
class GrantInput:
    """What an officer entered for a grant; ``document`` is (bytes, file name) of a new upload."""

    kind: str
    granted_on: date | None
    amount: Decimal | None = None
    public: bool = False
    document_number: str = ""
    note: str = ""
    document: tuple[bytes, str] | None = None


def _bureau_officer(actor) -> None:
    if not is_bureau_officer.test(actor):
        raise PermissionDenied(NOT_BUREAU_OFFICER)


def _check_grant(recognition: Recognition, data: GrantInput, today: date):
    """The grant's errors by field (Chinese) and the checked document, if one was uploaded."""
    errors: dict[str, list[str]] = {}
    if data.kind not in GrantKind.values:
        errors["kind"] = ["请选择扶持方式。"]
    if data.amount is not None:
        if data.amount < 0:
            errors["amount"] = ["扶持金额不能为负数。"]
        elif data.amount >= AMOUNT_LIMIT:
            errors["amount"] = ["扶持金额超出范围：请以万元为单位填写。"]
        elif data.amount != data.amount.quantize(Decimal("0.0001")):
            errors["amount"] = ["扶持金额以万元为单位，最多保留四位小数。"]
    elif data.kind == GrantKind.FUNDING:
        errors["amount"] = ["资金补助须填写扶持金额（万元）。"]
    if data.granted_on is None:
        errors["granted_on"] = ["请填写扶持日期。"]
    elif data.granted_on > today:
        errors["granted_on"] = ["扶持日期不能晚于今天。"]
    elif data.granted_on < recognition.starts_on:
        start = recognition.starts_on
        errors["granted_on"] = [f"扶持日期不能早于该平台的认定日期（{start.year}年{start.month}月{start.day}日）。"]
    if len(data.document_number.strip()) > 60:
        errors["document_number"] = ["文号不能超过60个字。"]
    if data.public and data.amount is None:
        errors["public"] = ["未填写扶持金额，无需公开金额。"]
    checked = None
    if data.document is not None:
        try:
            checked = check_upload(data.document[0], data.document[1], DOCUMENT_KINDS, DOCUMENT_MAX_BYTES)
        except FileRefused as refused:
            errors["document"] = [refused.message]
    if errors:
        raise ValidationError(errors)
    return checked


def _fill(grant: SupportGrant, data: GrantInput, checked) -> None:
    grant.kind, grant.amount, grant.public = data.kind, data.amount, data.public
    grant.granted_on, grant.note = data.granted_on, data.note.strip()
    grant.document_number = data.document_number.strip()
    if checked is not None:
        grant.document_name = checked.safe_name
        grant.document.save("upload", ContentFile(checked.data), save=False)


@transaction.atomic
def record_grant(recognition: Recognition, data: GrantInput, *, actor, today: date | None = None) -> SupportGrant:
    """Record support granted to a recognised platform (第十一条).

    Side effects: stores the checked PDF document (if any) in private storage; inserts a
    SupportGrant; records ``support.grant_recorded``.
    """
    _bureau_officer(actor)
    checked = _check_grant(recognition, data, today or timezone.localdate())
    grant = SupportGrant(recognition=recognition, recorded_by=actor)
    _fill(grant, data, checked)
    grant.save()
    record("support.grant_recorded", actor=actor, target=recognition,
           data={"grant": grant.pk, "kind": grant.kind, "public": grant.public})
    return grant


@transaction.atomic
def update_grant(grant: SupportGrant, data: GrantInput, *, actor, remove_document: bool = False,
                 today: date | None = None) -> SupportGrant:
    """Correct a recorded grant; a new document replaces the old one, ``remove_document`` drops it.

    Side effects: stores the new document (if any); updates the SupportGrant; records
    ``support.grant_updated`` with the fields that changed.
    """
    _bureau_officer(actor)
    grant = SupportGrant.objects.select_for_update().select_related("recognition").get(pk=grant.pk)
    checked = _check_grant(grant.recognition, data, today or timezone.localdate())
    before = {f: getattr(grant, f) for f in ("kind", "amount", "public", "granted_on", "document_number", "note")}
    if remove_document and checked is None:
        grant.document, grant.document_name = "", ""
    _fill(grant, data, checked)
    grant.save()
    changed = sorted(f for f, value in before.items() if getattr(grant, f) != value)
    if checked is not None or remove_document:
        changed.append("document")
    record("support.grant_updated", actor=actor, target=grant.recognition, data={"grant": grant.pk, "changed": changed})
    return grant


@transaction.atomic
def delete_grant(grant: SupportGrant, *, actor) -> None:
    """Delete a grant recorded in error.

    Side effects: deletes the SupportGrant row (its stored document stays in private storage, as
    audit evidence); records ``support.grant_deleted`` with the kind and date.
    """
    _bureau_officer(actor)
    grant = SupportGrant.objects.select_for_update().select_related("recognition").get(pk=grant.pk)
    recognition, pk = grant.recognition, grant.pk
    data = {"grant": pk, "kind": grant.kind, "granted_on": grant.granted_on.isoformat()}
    grant.delete()
    record("support.grant_deleted", actor=actor, target=recognition, data=data)


# --- typical cases (第十二条) ----------------------------------------------------------------

def _district_officer_of(actor, jurisdiction_id: int) -> None:
    if not is_district_officer.test(actor):
        raise PermissionDenied(NOT_DISTRICT_OFFICER)
    if actor.jurisdiction_id is None or actor.jurisdiction_id != jurisdiction_id:
        raise PermissionDenied(OTHER_JURISDICTION)


def _check_case(title: str, summary: str, body: str) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = ["请填写标题。"]
    elif len(title.strip()) > 200:
        errors["title"] = ["标题不能超过200个字。"]
    if not summary.strip():
        errors["summary"] = ["请填写摘要。"]
    elif len(summary.strip()) > 500:
        errors["summary"] = ["摘要不能超过500个字。"]
    if not body.strip():
        errors["body"] = ["请填写正文。"]
    elif len(body.strip()) < BODY_MIN:
        errors["body"] = [f"正文过短：请写明平台的做法和成效（至少{BODY_MIN}个字）。"]
    if errors:
        raise ValidationError(errors)


def _not_revoked(recognition: Recognition) -> None:
    if recognition.revoked_at is not None:
        raise ValidationError("该平台的认定已撤销，不能报送或发布其典型经验。")


@transaction.atomic
def save_case(recognition: Recognition, *, actor, title: str, summary: str, body: str,
              case: TypicalCase | None = None) -> TypicalCase:
    """Write a new case about ``recognition`` (``case`` None) or revise a draft or declined one.

    Refused (PermissionDenied) for anyone but a district officer of the platform's jurisdiction.
    Side effects: inserts or updates the TypicalCase (a declined case goes back to draft);
    records ``support.case_saved``.
    """
    _district_officer_of(actor, recognition.jurisdiction_id)
    if case is None:
        case = TypicalCase(recognition=recognition, jurisdiction_id=recognition.jurisdiction_id, submitted_by=actor)
    else:
        case = TypicalCase.objects.select_for_update().get(pk=case.pk)
        _district_officer_of(actor, case.jurisdiction_id)
        if case.recognition_id != recognition.pk:
            raise ValidationError("典型经验所属的示范平台不能更改。")
        if not case.editable:
            raise ValidationError("已报送或已发布的典型经验不能修改。")
    _not_revoked(recognition)
    _check_case(title, summary, body)
    case.title, case.summary, case.body = title.strip(), summary.strip(), body.strip()
    case.state = CaseState.DRAFT
    case.save()
    record("support.case_saved", actor=actor, target=recognition, data={"case": case.pk})
    return case


@transaction.atomic
def submit_case(case: TypicalCase, *, actor) -> TypicalCase:
    """Submit a draft (or a revised declined) case to the bureau.

    Side effects: marks the case submitted with the time; records ``support.case_submitted``;
    notifies the bureau officers.
    """
    case = TypicalCase.objects.select_for_update().select_related("recognition").get(pk=case.pk)
    _district_officer_of(actor, case.jurisdiction_id)
    if not case.editable:
        raise ValidationError("该典型经验已报送。")
    _not_revoked(case.recognition)
    _check_case(case.title, case.summary, case.body)
    case.state, case.submitted_at = CaseState.SUBMITTED, timezone.now()
    case.save(update_fields=["state", "submitted_at", "updated_at"])
    record("support.case_submitted", actor=actor, target=case.recognition, data={"case": case.pk})
    notify(User.objects.filter(role=Role.BUREAU_OFFICER, is_active=True), event="support.case_submitted",
           subject=f"典型经验待审核：{case.title}",
           body=f"{case.jurisdiction.name}报送了示范平台「{case.recognition.platform_name}」的典型经验，请审核。",
           link=f"/bureau/support/cases/{case.pk}/")
    return case


def _submitted_for_review(case: TypicalCase, actor) -> TypicalCase:
    if not is_bureau_staff.test(actor):
        raise PermissionDenied(NOT_BUREAU_STAFF)
    case = TypicalCase.objects.select_for_update().select_related("recognition").get(pk=case.pk)
    if case.state != CaseState.SUBMITTED:
        raise ValidationError("该典型经验不在待审核状态。")
    return case


@transaction.atomic
def publish_case(case: TypicalCase, *, actor) -> TypicalCase:
    """Publish a submitted case on the portal (第十二条: 加大宣传力度).

    Side effects: marks the case published with the time and reviewer; records
    ``support.case_published``; tells the author.
    """
    case = _submitted_for_review(case, actor)
    _not_revoked(case.recognition)
    case.state, case.reviewed_by, case.published_at = CaseState.PUBLISHED, actor, timezone.now()
    case.decline_reason = ""
    case.save(update_fields=["state", "reviewed_by", "published_at", "decline_reason", "updated_at"])
    record("support.case_published", actor=actor, target=case.recognition, data={"case": case.pk})
    notify([case.submitted_by], event="support.case_published", subject=f"典型经验已发布：{case.title}",
           body="市中小企业服务局已在门户网站发布该典型经验。", link=f"/district/cases/{case.pk}/")
    return case


@transaction.atomic
def decline_case(case: TypicalCase, *, actor, reason: str) -> TypicalCase:
    """Decline a submitted case with a reason (the district may revise and submit again).

    Side effects: marks the case declined with the reason and reviewer; records
    ``support.case_declined``; tells the author.
    """
    case = _submitted_for_review(case, actor)
    if not reason.strip():
        raise ValidationError({"decline_reason": ["不予采用须填写理由。"]})
    case.state, case.reviewed_by, case.decline_reason = CaseState.DECLINED, actor, reason.strip()
    case.save(update_fields=["state", "reviewed_by", "decline_reason", "updated_at"])
    record("support.case_declined", actor=actor, target=case.recognition, data={"case": case.pk})
    notify([case.submitted_by], event="support.case_declined", subject=f"典型经验未采用：{case.title}",
           body=f"理由：{case.decline_reason}。修改后可重新报送。", link=f"/district/cases/{case.pk}/")
    return case


def open_grant_document(grant: SupportGrant, *, actor):
    """Open a grant's stored document for reading by bureau staff.

    Side effects: records ``support.grant_document_downloaded``. Raises FileNotFoundError when
    the file is gone.
    """
    if not is_bureau_staff.test(actor):
        raise PermissionDenied(NOT_BUREAU_STAFF)
    handle = grant.document.open("rb")
    record("support.grant_document_downloaded", actor=actor, target=grant.recognition, data={"grant": grant.pk})
    return handle
