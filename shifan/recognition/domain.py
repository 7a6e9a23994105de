"""认定决定 and 撤销 (第七条(五), 第十条): two people for each; numbers from the register.

An officer prepares and submits; a head, never the preparer, approves or returns. Approving a
decision gives every platform still on the publicity's list a recognition valid for the
policy's years from the decision date; approving a revocation ends one at once and publicly.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from shifan.accounts.models import User
from shifan.accounts.roles import Role
from shifan.accounts.rules import is_bureau_head, is_bureau_officer
from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.applications.models import ApplicationProfile
from shifan.audit.recorder import record
from shifan.documents.files import FileRefused, check_upload
from shifan.documents.numbers import issue_number
from shifan.notifications.domain import notify
from shifan.publicity.domain import NUMBER_PREFIX, decision_blockers
from shifan.publicity.models import Publicity
from shifan.recognition.models import Approval, Decision, Recognition, Revocation

EVIDENCE_KINDS = frozenset({"pdf", "jpg", "png", "docx"})
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024


def _officer(actor) -> None:
    if not is_bureau_officer.test(actor):
        raise PermissionDenied("只有市局经办人员可以拟稿和报批。")


def _head(actor, prepared_by_id: int) -> None:
    if not is_bureau_head.test(actor):
        raise PermissionDenied("只有市局领导可以审批。")
    if actor.pk == prepared_by_id:
        raise PermissionDenied("拟稿人不能审批自己拟稿的文件。")


def expiry_for(starts_on: date, years: int) -> date:
    """The last valid day: the day before the same date ``years`` later (29 Feb → 28 Feb)."""
    try:
        anniversary = starts_on.replace(year=starts_on.year + years)
    except ValueError:
        anniversary = starts_on.replace(year=starts_on.year + years, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)


def default_decision_texts(publicity: Publicity) -> tuple[str, str]:
    year = publicity.batch.year
    title = f"关于认定{year}年度南昌市中小企业公共服务示范平台的决定"
    body = (
        "各县（区）、开发区、湾里管理局中小企业服务主管部门，各有关单位：\n"
        "根据《南昌市中小企业公共服务示范平台认定管理办法》（洪企服规〔2022〕3号），经单位申报、县区推荐、"
        f"市局评审和公示（{publicity.notice_number}），决定认定以下平台为南昌市中小企业公共服务示范平台，"
        f"有效期{publicity.batch.policy.validity_years}年。希望被认定的平台进一步提升服务能力和水平，"
        "发挥示范带动作用。"
    )
    return title, body


@transaction.atomic
def prepare_decision(publicity: Publicity, *, actor, title: str = "", body: str = "") -> Decision:
    """Side effects: inserts (or updates the open draft of) the publicity's Decision; records
    ``recognition.decision_prepared``."""
    _officer(actor)
    decision = Decision.objects.select_for_update().filter(publicity=publicity).first()
    if decision is not None and decision.state not in (Approval.DRAFT, Approval.RETURNED):
        raise ValidationError("认定决定已报批或已审批，不能修改。")
    default_title, default_body = default_decision_texts(publicity)
    if decision is None:
        decision = Decision(batch=publicity.batch, publicity=publicity, prepared_by=actor)
    decision.title, decision.body = title.strip() or default_title, body.strip() or default_body
    decision.prepared_by = actor
    decision.save()
    record("recognition.decision_prepared", actor=actor, target=decision, data={"publicity": publicity.pk})
    return decision


@transaction.atomic
def submit_decision(decision: Decision, *, actor) -> Decision:
    """Side effects: marks the decision submitted; records ``recognition.decision_submitted``;
    notifies the heads. Refused while the publicity runs or an objection is open."""
    _officer(actor)
    decision = Decision.objects.select_for_update().select_related("publicity").get(pk=decision.pk)
    if decision.state not in (Approval.DRAFT, Approval.RETURNED):
        raise ValidationError("认定决定已报批或已审批。")
    problems = decision_blockers(decision.publicity)
    if problems:
        raise ValidationError(problems)
    decision.state, decision.prepared_by = Approval.SUBMITTED, actor
    decision.save(update_fields=["state", "prepared_by"])
    record("recognition.decision_submitted", actor=actor, target=decision)
    notify(User.objects.filter(role=Role.BUREAU_HEAD, is_active=True), event="recognition.decision_submitted",
           subject=f"认定决定待审批：{decision.title}", body=f"{actor} 报批了认定决定，请审批。",
           link=f"/bureau/publicity/{decision.publicity_id}/")
    return decision


def _recognise(decision: Decision, entry, *, actor, years: int) -> Recognition:
    application = entry.application
    transition(application, Action.RECOGNISE, actor=actor, data={"decision": decision.number})
    profile = ApplicationProfile.objects.filter(application=application).first()
    return Recognition.objects.create(
        application=application, decision=decision, organization=application.organization,
        jurisdiction=application.jurisdiction, platform_name=application.platform_name,
        service_functions=list(profile.service_functions) if profile else [],
        starts_on=decision.decided_on, expires_on=expiry_for(decision.decided_on, years),
    )


@transaction.atomic
def approve_decision(decision: Decision, *, actor, comment: str = "", today: date | None = None) -> Decision:
    """The head approves: the decision gets its number and date, every platform still on the list
    is recognised (认定) with a certificate verification code.

    Side effects: issues a document number; marks the decision approved; moves each application
    ``recognise`` through ``transition`` (the applicants and districts told); inserts a Recognition
    per platform; records ``recognition.decision_approved``.
    """
    decision = Decision.objects.select_for_update().select_related("publicity", "batch__policy").get(pk=decision.pk)
    _head(actor, decision.prepared_by_id)
    if decision.state != Approval.SUBMITTED:
        raise ValidationError("该认定决定不在待审批状态。")
    today = today or timezone.localdate()
    problems = decision_blockers(decision.publicity, today)
    if problems:
        raise ValidationError(problems)
    decision.number = issue_number(NUMBER_PREFIX, today.year)
    decision.state, decision.decided_by, decision.decided_on = Approval.APPROVED, actor, today
    decision.head_comment = comment.strip()
    decision.save()
    entries = decision.publicity.entries.filter(removed_at__isnull=True, application__status=Status.IN_PUBLICITY) \
        .select_related("application__organization")
    recognitions = [_recognise(decision, entry, actor=actor, years=decision.batch.policy.validity_years)
                    for entry in entries]
    record("recognition.decision_approved", actor=actor, target=decision, data={
        "number": decision.number, "recognitions": [r.pk for r in recognitions], "comment": decision.head_comment,
    })
    return decision


@transaction.atomic
def return_decision(decision: Decision, *, actor, comment: str) -> Decision:
    """Side effects: marks the decision returned with the comment; records ``recognition.decision_returned``."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _head(actor, decision.prepared_by_id)
    if decision.state != Approval.SUBMITTED:
        raise ValidationError("该认定决定不在待审批状态。")
    if not comment.strip():
        raise ValidationError({"comment": ["退回须填写审批意见。"]})
    decision.state, decision.head_comment, decision.decided_by = Approval.RETURNED, comment.strip(), actor
    decision.save(update_fields=["state", "head_comment", "decided_by"])
    record("recognition.decision_returned", actor=actor, target=decision, data={"comment": decision.head_comment})
    return decision


# --- revocation (第十条) ---------------------------------------------------------------------

@transaction.atomic
def prepare_revocation(recognition: Recognition, *, actor, reason: str, public_reason: str,
                       evidence: tuple[bytes, str] | None = None) -> Revocation:
    """Side effects: stores the checked evidence file; inserts a submitted Revocation; records
    ``recognition.revocation_submitted``; notifies the heads."""
    _officer(actor)
    recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
    if recognition.revoked_at is not None:
        raise ValidationError("该认定已撤销。")
    if recognition.revocations.filter(state=Approval.SUBMITTED).exists():
        raise ValidationError("该认定已有待审批的撤销。")
    errors = {}
    if len(reason.strip()) < 5:
        errors["reason"] = ["请写明撤销的事实和依据（第十条）。"]
    if not public_reason.strip():
        errors["public_reason"] = ["请填写将公开的撤销原因。"]
    checked = None
    if evidence is not None:
        try:
            checked = check_upload(evidence[0], evidence[1], EVIDENCE_KINDS, EVIDENCE_MAX_BYTES)
        except FileRefused as refused:
            errors["evidence"] = [refused.message]
    if errors:
        raise ValidationError(errors)
    revocation = Revocation(recognition=recognition, reason=reason.strip(), public_reason=public_reason.strip(),
                            prepared_by=actor, state=Approval.SUBMITTED)
    if checked is not None:
        revocation.evidence_name, revocation.evidence_extension = checked.safe_name, checked.extension
        revocation.evidence_content_type = checked.content_type
        revocation.evidence.save("upload", ContentFile(checked.data), save=False)
    revocation.save()
    record("recognition.revocation_submitted", actor=actor, target=recognition, data={"revocation": revocation.pk})
    notify(User.objects.filter(role=Role.BUREAU_HEAD, is_active=True), event="recognition.revocation_submitted",
           subject=f"撤销认定待审批：{recognition.platform_name}", body=f"{actor} 报批撤销该平台的认定，请审批。",
           link=f"/bureau/recognitions/{recognition.pk}/")
    return revocation


@transaction.atomic
def decide_revocation(revocation: Revocation, *, actor, approve: bool, comment: str = "") -> Revocation:
    """The head approves (the recognition is revoked at once, publicly, with a number) or returns.

    Side effects: on approval issues a document number, marks the revocation approved and the
    recognition revoked, records ``recognition.revoked`` and tells the organisation's users; on
    return marks it returned and records ``recognition.revocation_returned``.
    """
    revocation = Revocation.objects.select_for_update().select_related("recognition").get(pk=revocation.pk)
    _head(actor, revocation.prepared_by_id)
    if revocation.state != Approval.SUBMITTED:
        raise ValidationError("该撤销不在待审批状态。")
    if not approve and not comment.strip():
        raise ValidationError({"comment": ["退回须填写审批意见。"]})
    revocation.decided_by, revocation.decided_at, revocation.head_comment = actor, timezone.now(), comment.strip()
    recognition = revocation.recognition
    if approve:
        revocation.state, revocation.number = Approval.APPROVED, issue_number(NUMBER_PREFIX, timezone.localdate().year)
        Recognition.objects.filter(pk=recognition.pk).update(revoked_at=revocation.decided_at)
        record("recognition.revoked", actor=actor, target=recognition,
               data={"revocation": revocation.pk, "number": revocation.number})
        notify(recognition.organization.users.filter(role=Role.APPLICANT), event="recognition.revoked",
               subject=f"示范平台认定已撤销：{recognition.platform_name}",
               body=f"根据{revocation.number}，撤销「{recognition.platform_name}」的南昌市中小企业公共服务示范平台认定。"
                    f"原因：{revocation.public_reason}", link="/applicant/")
    else:
        revocation.state = Approval.RETURNED
        record("recognition.revocation_returned", actor=actor, target=recognition,
               data={"revocation": revocation.pk, "comment": revocation.head_comment})
    revocation.save()
    return revocation
