"""公示 and 异议 (第七条(四)): publish the approved proposed list, take objections, rule on them.

The window runs from the publication day to the end of the policy's working days, counted
from the day after publication unless the bureau chooses otherwise; objections are taken on
every day of the window, inclusive, and refused outside it with the reason.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from shifan.accounts.models import User
from shifan.accounts.roles import Role
from shifan.accounts.rules import is_bureau_officer
from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.audit.recorder import record
from shifan.city_review.models import ProposedList
from shifan.core.validators import validate_mobile
from shifan.documents.files import FileRefused, check_upload
from shifan.documents.numbers import issue_number
from shifan.notifications.domain import notify
from shifan.publicity.models import Objection, ObjectionEvidence, Publicity, PublicityEntry
from shifan.workdays.domain import CalendarNotPublished, add_working_days

NUMBER_PREFIX = "洪企服字"
EVIDENCE_KINDS = frozenset({"pdf", "jpg", "png"})
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_MAX_FILES = 5


def _officer(actor) -> None:
    if not is_bureau_officer.test(actor):
        raise PermissionDenied("只有市局经办人员可以办理公示和异议。")


def window(published_on: date, working_days: int, *, from_next_day: bool = True) -> tuple[date, date]:
    """(first day, last day) of the publicity; ValidationError when the holiday table lacks a year."""
    try:
        return published_on, add_working_days(published_on, working_days, from_next_day=from_next_day)
    except CalendarNotPublished as missing:
        raise ValidationError({"published_on": [str(missing)]}) from None


def default_texts(batch, contact: str) -> tuple[str, str]:
    title = f"{batch.year}年度南昌市中小企业公共服务示范平台拟认定名单公示"
    body = (
        "根据《南昌市中小企业公共服务示范平台认定管理办法》（洪企服规〔2022〕3号）第七条规定，经申报单位申请、"
        "县区推荐、市局形式审查和专家评审，拟认定以下平台为南昌市中小企业公共服务示范平台，现予以公示。\n"
        "公示期间，任何单位或个人对名单有异议的，可通过本网站“提出异议”实名提交，或与市中小企业服务局联系，"
        "并提供必要的证明材料。匿名异议不予受理。"
    )
    return title, body


@transaction.atomic
def publish(proposed_list: ProposedList, *, actor, published_on: date, contact: str, from_next_day: bool = True,
            title: str = "", body: str = "") -> Publicity:
    """Publish an approved proposed list: its selected applications go 公示中 with a numbered notice.

    Side effects: issues a document number; inserts the Publicity and its entries; moves each
    selected application ``publish`` through ``transition`` (timeline, audit, the applicant and
    district told); records ``publicity.published`` with the window.
    """
    _officer(actor)
    plist = ProposedList.objects.select_for_update().select_related("batch__policy").get(pk=proposed_list.pk)
    if plist.state != ProposedList.State.APPROVED:
        raise ValidationError("拟认定名单尚未经领导审批，不能公示。")
    if Publicity.objects.filter(proposed_list=plist).exists():
        raise ValidationError("该拟认定名单已经公示。")
    entries = list(plist.entries.filter(selected=True, application__status=Status.PROPOSED)
                   .select_related("application").order_by("rank", "id"))
    if not entries:
        raise ValidationError("名单中没有拟认定的申报。")
    if not contact.strip():
        raise ValidationError({"contact": ["请填写受理异议的联系方式。"]})
    days = plist.batch.policy.publicity_working_days
    starts_on, ends_on = window(published_on, days, from_next_day=from_next_day)
    default_title, default_body = default_texts(plist.batch, contact)
    publicity = Publicity.objects.create(
        batch=plist.batch, proposed_list=plist, title=title.strip() or default_title, body=body.strip() or default_body,
        contact=contact.strip(), notice_number=issue_number(NUMBER_PREFIX, published_on.year),
        published_on=published_on, from_next_day=from_next_day, working_days=days, starts_on=starts_on,
        ends_on=ends_on, published_by=actor,
    )
    for seq, entry in enumerate(entries, start=1):
        PublicityEntry.objects.create(publicity=publicity, application=entry.application, seq=seq)
        transition(entry.application, Action.PUBLISH, actor=actor, data={"publicity": publicity.pk})
    record("publicity.published", actor=actor, target=publicity, data={
        "number": publicity.notice_number, "starts_on": starts_on, "ends_on": ends_on, "working_days": days,
        "from_next_day": from_next_day, "applications": [e.application_id for e in entries],
    })
    return publicity


def objection_window_problem(publicity: Publicity, today: date) -> str:
    """Why objections are not taken today, or "" while the window is open (both ends inclusive)."""
    if today < publicity.starts_on:
        return f"公示将于 {publicity.starts_on:%Y年%m月%d日} 开始，届时方可提出异议。"
    if today > publicity.ends_on:
        return f"公示期已于 {publicity.ends_on:%Y年%m月%d日} 结束，不再受理异议。"
    return ""


def _check_objection(entry, name: str, mobile: str, content: str, files) -> tuple[str, list]:
    errors = {}
    if entry is None or entry.removed_at is not None:
        errors["entry"] = ["请选择公示名单中的平台。"]
    if not name.strip():
        errors["name"] = ["请填写真实姓名（匿名异议不予受理）。"]
    try:
        mobile = validate_mobile(mobile)
    except ValidationError as problem:
        errors["mobile"] = problem.messages
    if len(content.strip()) < 10:
        errors["content"] = ["请具体说明异议的事实和理由（至少 10 个字）。"]
    if len(files) > EVIDENCE_MAX_FILES:
        errors["evidence"] = [f"证明材料最多 {EVIDENCE_MAX_FILES} 个文件。"]
    checked = []
    for data, filename in files[:EVIDENCE_MAX_FILES]:
        try:
            checked.append(check_upload(data, filename, EVIDENCE_KINDS, EVIDENCE_MAX_BYTES))
        except FileRefused as refused:
            errors.setdefault("evidence", []).append(f"{filename}：{refused.message}")
    if errors:
        raise ValidationError(errors)
    return mobile, checked


def file_objection(publicity: Publicity, *, entry: PublicityEntry | None, name: str, mobile: str, content: str,
                   email: str = "", organization: str = "", files=(), today: date | None = None) -> Objection:
    """Take an objection during the window (anyone, real name and contact required, up to 5 evidence files).

    Side effects: writes the checked evidence to private storage; inserts the Objection and its
    evidence; records ``publicity.objection_filed`` (the reference and the entry, no personal
    data); notifies the bureau's officers. Nothing is stored when anything is refused.
    """
    today = today or timezone.localdate()
    closed = objection_window_problem(publicity, today)
    if closed:
        raise ValidationError(closed)
    if entry is not None and entry.publicity_id != publicity.pk:
        entry = None
    mobile, checked = _check_objection(entry, name, mobile, content, list(files))
    stored = []
    try:
        with transaction.atomic():
            objection = Objection.objects.create(
                publicity=publicity, entry=entry, name=name.strip(), mobile=mobile, email=email.strip(),
                organization=organization.strip(), content=content.strip(),
            )
            for item in checked:
                evidence = ObjectionEvidence(objection=objection, name=item.safe_name, extension=item.extension,
                                             content_type=item.content_type, size=item.size, sha256=item.sha256)
                evidence.file.save("upload", ContentFile(item.data))
                stored.append(evidence.file.name)
            record("publicity.objection_filed", actor=None, target=publicity, data={
                "objection": objection.pk, "reference": str(objection.reference), "entry": entry.pk,
                "evidence": len(checked),
            })
            notify(User.objects.filter(role=Role.BUREAU_OFFICER, is_active=True), event="publicity.objection_filed",
                   subject=f"收到异议：{entry.application.platform_name}",
                   body=f"{publicity.title}收到一件针对「{entry.application.platform_name}」的异议，请调查核实并处理。",
                   link=f"/bureau/publicity/objections/{objection.pk}/")
    except BaseException:
        for name_on_disk in stored:
            ObjectionEvidence.file.field.storage.delete(name_on_disk)
        raise
    return objection


@transaction.atomic
def rule_on_objection(objection: Objection, *, actor, upheld: bool, investigation: str) -> Objection:
    """Record the investigation and the ruling. Upheld: the platform leaves the list (移出名单).

    Side effects: updates the Objection; when upheld marks the entry removed and moves the
    application ``remove_from_list`` through ``transition``; records ``publicity.objection_upheld``
    or ``publicity.objection_dismissed``; e-mails the objector if an address was given.
    """
    _officer(actor)
    objection = Objection.objects.select_for_update().select_related("entry__application", "publicity").get(
        pk=objection.pk
    )
    if objection.state != Objection.State.RECEIVED:
        raise ValidationError("该异议已经处理。")
    if len(investigation.strip()) < 5:
        raise ValidationError({"investigation": ["请填写调查核实情况和处理意见。"]})
    objection.state = Objection.State.UPHELD if upheld else Objection.State.DISMISSED
    objection.investigation, objection.ruled_by, objection.ruled_at = investigation.strip(), actor, timezone.now()
    objection.save()
    entry = objection.entry
    if upheld and entry.removed_at is None:
        PublicityEntry.objects.filter(pk=entry.pk).update(removed_at=timezone.now(),
                                                          removed_reason=investigation.strip())
        transition(entry.application, Action.REMOVE_FROM_LIST, actor=actor,
                   reason=f"异议成立：{investigation.strip()}", data={"objection": objection.pk})
    record("publicity.objection_upheld" if upheld else "publicity.objection_dismissed", actor=actor,
           target=objection.publicity, data={"objection": objection.pk, "entry": entry.pk})
    if objection.email:
        verdict = objection.get_state_display()
        transaction.on_commit(lambda: send_mail(
            f"异议处理结果：{verdict}", f"您对「{entry.application.platform_name}」提出的异议"
            f"（受理编号 {objection.reference}）已处理：{verdict}。\n{objection.investigation}", None,
            [objection.email], fail_silently=True))
    return objection


def decision_blockers(publicity: Publicity, today: date | None = None) -> list[str]:
    """Why no recognition decision may be issued on this publicity yet; empty when it may."""
    today = today or timezone.localdate()
    problems = []
    if today <= publicity.ends_on:
        problems.append(f"公示期至 {publicity.ends_on:%Y年%m月%d日} 结束，公示期满后方可作出认定决定。")
    pending = publicity.objections.filter(state=Objection.State.RECEIVED).count()
    if pending:
        problems.append(f"尚有 {pending} 件异议未处理完毕。")
    return problems

