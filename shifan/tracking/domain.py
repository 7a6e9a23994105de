"""动态跟踪 (第十三条): rounds, the platforms' yearly reports checked against 第五条, rectification.

Each report is checked with the policy version its recognition was granted under (the batch's
pinned policy), never the one active today, so a platform is held to the rules it was recognised by.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from shifan.accounts.models import User
from shifan.accounts.roles import Role
from shifan.accounts.rules import is_applicant, is_bureau_officer, is_bureau_staff
from shifan.applications.attachments import ACTIVITY_KINDS
from shifan.applications.dossier_io import facts_for_application
from shifan.applications.list_excel import check_rows
from shifan.audit.recorder import record
from shifan.documents.files import FileRefused, check_upload
from shifan.documents.sizes import MB
from shifan.notifications.domain import notify
from shifan.policies.engine import evaluate
from shifan.policies.facts import Activity, Facts, StaffMember, YearFigures
from shifan.policies.results import FAIL, Evaluation
from shifan.recognition.domain import prepare_revocation
from shifan.recognition.models import Recognition, Revocation
from shifan.tracking.models import (
    Rectification,
    RectificationReply,
    RectificationReplyFile,
    TrackingReport,
    TrackingRound,
    TrackingServedEnterprise,
)

# The figures a platform files, in the order of the form.
FIGURES = (
    "total_assets", "site_area_owned", "site_area_rented", "staff_full_time", "staff_qualified", "smes_served",
    "smes_served_previous", "served_listed", "served_satisfied", "training_person_times", "service_volume",
    "public_welfare_volume", "partners",
)  # fmt: skip
QUALIFIED_EDUCATION = "bachelor"  # any code of policies.codes.QUALIFYING_EDUCATION would do
NOT_EDITABLE = "该年度报告已提交，不能再修改。"
# 附件5 of the yearly report: the application's list (same template, same row checks, same columns).
SERVED_LIST = "served_smes"
SERVED_COLUMNS = ("name", "uscc", "contact", "position", "mobile", "service", "satisfied")
# The figures an imported 附件5 list decides (the list is authoritative once imported).
LIST_FIGURES = ("served_listed", "served_satisfied")
# A rectification reply: the application's activity-material kinds (notices, photos, summaries).
REPLY_KINDS = ACTIVITY_KINDS
REPLY_MAX_BYTES = 20 * MB
REPLY_MAX_FILES = 3


class ServedListRejected(ValidationError):
    """An 附件5 file with problems: nothing was imported; ``messages`` are "第 N 行「列」：…"."""

    def __init__(self, problems: list[str], *, total_rows: int, bad_rows: int):
        super().__init__(problems)
        self.problems, self.total_rows, self.bad_rows = problems, total_rows, bad_rows


def _officer(actor) -> None:
    if not is_bureau_officer.test(actor):
        raise PermissionDenied("只有市局经办人员可以办理动态跟踪。")


def _own(report: TrackingReport, actor) -> None:
    if not (is_applicant.test(actor) and actor.organization_id == report.recognition.organization_id):
        raise PermissionDenied("只有该示范平台运营单位的用户可以填报。")


def _applicants(recognition: Recognition):
    return recognition.organization.users.filter(role=Role.APPLICANT)


def _bureau_officers():
    return User.objects.filter(role=Role.BUREAU_OFFICER, is_active=True)


# --- reading ------------------------------------------------------------------------------


def as_of(tracking_round: TrackingRound) -> date:
    """The engine's reference date: 1 January after the tracking year, whose 上一年度 is that year."""
    return date(tracking_round.year + 1, 1, 1)


def recognitions_in_scope(day: date):
    """Recognitions valid on ``day`` (recognised by then, not expired, not revoked)."""
    return Recognition.objects.filter(revoked_at__isnull=True, starts_on__lte=day, expires_on__gte=day)


def facts_for_report(report: TrackingReport) -> Facts:
    """The engine's facts: the report's figures for the year, the rest (USCC, registration date,
    service functions, the report texts) from the recognition and its application. Pure read."""
    recognition = report.recognition
    base = facts_for_application(recognition.application)
    year = report.round.year
    full_time = report.staff_full_time or 0
    qualified = min(report.staff_qualified or 0, full_time)
    staff = tuple(StaffMember(full_time=True, education=QUALIFIED_EDUCATION) for _ in range(qualified)) + tuple(
        StaffMember(full_time=True) for _ in range(full_time - qualified)
    )
    if report.has_served_list:
        # The imported 附件5 list is authoritative: one fact per row, in the list's order.
        served = tuple(report.served_smes.order_by("seq", "id").values_list("satisfied", flat=True))
    else:
        listed = report.served_listed or 0
        satisfied = min(report.served_satisfied or 0, listed)
        served = (True,) * satisfied + (False,) * (listed - satisfied)
    on = date(year, 6, 30)
    activities = tuple(
        Activity(on=on, function=function)
        for function, times in sorted((report.activities or {}).items())
        if isinstance(times, int)
        for _ in range(max(times, 0))
    )
    return Facts(
        uscc=recognition.organization.uscc,
        registered_on=base.registered_on,
        total_assets=report.total_assets,
        site_area_owned=report.site_area_owned,
        site_area_rented=report.site_area_rented,
        service_functions=tuple(recognition.service_functions or base.service_functions),
        years={
            year: YearFigures(year=year, smes_served=report.smes_served,
                              training_person_times=report.training_person_times,
                              service_volume=report.service_volume,
                              public_welfare_volume=report.public_welfare_volume),
            year - 1: YearFigures(year=year - 1, smes_served=report.smes_served_previous),
        },
        partners=report.partners or 0,
        activities=activities,
        staff=staff,
        served_satisfied=served,
        evidence=base.evidence,
    )


def evaluate_report(report: TrackingReport) -> Evaluation:
    """第五条 for the report under the policy the recognition was granted under. Pure read."""
    params = report.recognition.application.batch.policy.to_params()
    return evaluate(facts_for_report(report), params, as_of(report.round))


def is_late(report: TrackingReport, today: date | None = None) -> bool:
    """Not submitted after the due date, or first submitted after it (a report returned for
    correction and submitted again is judged by its first submission)."""
    due = report.round.due_on
    submitted = report.first_submitted_at or report.submitted_at
    if submitted is not None:
        return timezone.localdate(submitted) > due
    return (today or timezone.localdate()) > due


def _prefill(recognition: Recognition, year: int) -> dict:
    """A draft's starting figures: last year's report if there is one, else the application's facts."""
    previous = (TrackingReport.objects.filter(recognition=recognition, state=TrackingReport.State.SUBMITTED,
                                              round__year__lt=year).order_by("-round__year").first())
    if previous is not None:
        values = {name: getattr(previous, name) for name in FIGURES}
        values["smes_served_previous"] = previous.smes_served if previous.round.year == year - 1 else None
        values["smes_served"] = None
        return {**values, "activities": {}}
    facts = facts_for_application(recognition.application)
    staff = [s for s in facts.staff if s.full_time]
    this, before = facts.years.get(year), facts.years.get(year - 1)
    return {
        "total_assets": facts.total_assets, "site_area_owned": facts.site_area_owned,
        "site_area_rented": facts.site_area_rented, "staff_full_time": len(staff) if staff else None,
        "staff_qualified": sum(1 for s in staff if s.education in ("doctorate", "master", "bachelor", "associate")
                               or s.title_level in ("senior", "deputy_senior", "intermediate")) if staff else None,
        "smes_served": this.smes_served if this else None,
        "smes_served_previous": before.smes_served if before else None,
        "partners": facts.partners or None,
    }  # fmt: skip


# --- the round ----------------------------------------------------------------------------


@transaction.atomic
def open_round(*, actor, year: int, title: str, opens_on: date, due_on: date, note: str = "") -> TrackingRound:
    """Open the yearly round.

    Side effects: inserts the TrackingRound and a draft TrackingReport (prefilled) for every
    recognition valid on ``opens_on``; records ``tracking.round_opened``; notifies the applicant
    users of those organisations.
    """
    _officer(actor)
    errors = {}
    if not title.strip():
        errors["title"] = ["请填写标题。"]
    if TrackingRound.objects.filter(year=year).exists():
        errors["year"] = [f"{year}年度的动态跟踪已经开启。"]
    if due_on <= opens_on:
        errors["due_on"] = ["报送截止日期须晚于开始日期。"]
    if errors:
        raise ValidationError(errors)
    tracking_round = TrackingRound.objects.create(year=year, title=title.strip(), opens_on=opens_on, due_on=due_on,
                                                  note=note.strip(), opened_by=actor)
    recognitions = list(recognitions_in_scope(opens_on).select_related("organization", "application"))
    TrackingReport.objects.bulk_create(
        TrackingReport(round=tracking_round, recognition=r, **_prefill(r, year)) for r in recognitions
    )
    record("tracking.round_opened", actor=actor, target=tracking_round,
           data={"year": year, "reports": len(recognitions), "due_on": due_on.isoformat()})
    users = User.objects.filter(role=Role.APPLICANT, organization__in={r.organization_id for r in recognitions})
    notify(users, event="tracking.round_opened", subject=f"请报送{year}年度示范平台动态跟踪报告",
           body=f"市中小企业服务局已开启「{tracking_round.title}」，请于{due_on:%Y年%m月%d日}前报送年度数据和工作总结（第十三条）。",
           link="/applicant/tracking/")
    return tracking_round


def _clean_figures(figures: dict, activities: dict) -> dict:
    errors = {}
    for name in FIGURES:
        value = figures.get(name)
        if value is not None and value < 0:
            errors[name] = ["不能为负数。"]
    pairs = (("staff_qualified", "staff_full_time", "人数不能多于专职从业人员。"),
             ("served_satisfied", "served_listed", "满意企业数不能多于名单中的企业数。"),
             ("public_welfare_volume", "service_volume", "公益性或低收费服务不能多于服务总量。"))
    for part, whole, message in pairs:
        if figures.get(part) is not None and figures.get(whole) is not None and figures[part] > figures[whole]:
            errors.setdefault(part, []).append(message)
    for times in activities.values():
        if not isinstance(times, int) or isinstance(times, bool) or times < 0:
            errors["activities"] = ["活动次数须为非负整数。"]
    if errors:
        raise ValidationError(errors)
    return {name: figures.get(name) for name in FIGURES}


def _store_evaluation(report: TrackingReport) -> Evaluation:
    evaluation = evaluate_report(report)
    report.evaluation, report.eligible = evaluation.as_dict(), evaluation.eligible
    return evaluation


@transaction.atomic
def save_report(report: TrackingReport, *, actor, figures: dict, activities: dict, summary: str) -> TrackingReport:
    """Save a draft's figures and summary and check them.

    Side effects: updates the draft with the figures, the summary and the stored check;
    records ``tracking.report_saved``.
    """
    report = TrackingReport.objects.select_for_update().select_related("round", "recognition").get(pk=report.pk)
    _own(report, actor)
    if report.state != TrackingReport.State.DRAFT:
        raise ValidationError(NOT_EDITABLE)
    if report.has_served_list:  # the imported list decides these two, whatever the form posted
        figures = {**figures, **_list_counts(report)}
    values = _clean_figures(figures, activities)
    functions = set(report.recognition.service_functions)
    for name, value in values.items():
        setattr(report, name, value)
    report.activities = {f: n for f, n in activities.items() if f in functions and n}
    report.summary = summary.strip()
    evaluation = _store_evaluation(report)
    report.save()
    record("tracking.report_saved", actor=actor, target=report, data={"eligible": evaluation.eligible})
    return report


@transaction.atomic
def submit_report(report: TrackingReport, *, actor) -> TrackingReport:
    """Submit the report (late submissions are accepted and flagged late).

    Side effects: checks it again under the recognition's policy and stores the result; marks it
    submitted; records ``tracking.report_submitted`` (eligible, failed codes, late); notifies the
    bureau officers.
    """
    report = TrackingReport.objects.select_for_update().select_related("round", "recognition").get(pk=report.pk)
    _own(report, actor)
    if report.state != TrackingReport.State.DRAFT:
        raise ValidationError("该年度报告已经提交。")
    missing = [str(TrackingReport._meta.get_field(name).verbose_name) for name in FIGURES
               if name not in ("training_person_times", "site_area_owned", "site_area_rented")
               and getattr(report, name) is None]
    if missing:
        raise ValidationError(f"请先填写并保存：{'、'.join(missing)}。")
    if not report.summary:
        raise ValidationError({"summary": ["请填写年度工作总结。"]})
    evaluation = _store_evaluation(report)
    report.state, report.submitted_at, report.submitted_by = TrackingReport.State.SUBMITTED, timezone.now(), actor
    report.first_submitted_at = report.first_submitted_at or report.submitted_at
    report.save()
    late = is_late(report)
    failed = [c.code for c in evaluation.conditions if c.status == FAIL]
    record("tracking.report_submitted", actor=actor, target=report,
           data={"eligible": evaluation.eligible, "failed": failed, "late": late})
    notify(User.objects.filter(role=Role.BUREAU_OFFICER), event="tracking.report_submitted",
           subject=f"动态跟踪报告已提交：{report.recognition.platform_name}",
           body=f"「{report.recognition.platform_name}」提交了{report.round.year}年度动态跟踪报告"
                f"{'（逾期）' if late else ''}，{'符合' if evaluation.eligible else '不符合'}基本条件。",
           link=f"/bureau/tracking/reports/{report.pk}/")
    return report


# --- 附件5: the served-enterprise list -------------------------------------------------------


def _list_counts(report: TrackingReport) -> dict:
    rows = report.served_smes.all()
    return {"served_listed": rows.count(), "served_satisfied": rows.filter(satisfied=True).count()}


@transaction.atomic
def import_served_list(report: TrackingReport, *, actor, data: bytes, file_name: str) -> int:
    """Replace the report's 附件5 list with an Excel file in the application's 附件5 template; returns
    the number of rows. All or nothing: a file with any problem changes nothing.

    Raises ImportRefused (documents.xlsx) for a file refused as a whole, ServedListRejected with every
    problem as "第 N 行「列」：…" for rows that fail the application's own row checks.
    Side effects: deletes the report's rows and inserts the file's (``seq`` 1…n, mobiles encrypted);
    sets served_listed / served_satisfied from the rows and the import's file name and time; checks the
    report again and stores the result (the draft's other figures and summary stay as they were);
    records ``tracking.served_list_imported``.
    """
    report = TrackingReport.objects.select_for_update().select_related("round", "recognition").get(pk=report.pk)
    _own(report, actor)
    if report.state != TrackingReport.State.DRAFT:
        raise ValidationError(NOT_EDITABLE)
    checked = check_rows(SERVED_LIST, data)
    if checked.errors:
        raise ServedListRejected([str(error) for error in checked.errors], total_rows=checked.total_rows,
                                 bad_rows=checked.bad_rows)
    if not checked.rows:
        raise ValidationError("文件中没有服务企业数据行，名单未改动。")
    previous = report.served_smes.count()
    report.served_smes.all().delete()
    TrackingServedEnterprise.objects.bulk_create(
        [TrackingServedEnterprise(report=report, seq=seq, **{name: row[name] for name in SERVED_COLUMNS})
         for seq, row in enumerate(checked.rows, 1)], batch_size=1000)
    satisfied = sum(1 for row in checked.rows if row["satisfied"])
    report.served_listed, report.served_satisfied = len(checked.rows), satisfied
    report.served_list_file_name, report.served_list_imported_at = file_name[:200], timezone.now()
    evaluation = _store_evaluation(report)
    report.save()
    record("tracking.served_list_imported", actor=actor, target=report,
           data={"rows": len(checked.rows), "satisfied": satisfied, "previous": previous,
                 "eligible": evaluation.eligible})
    return len(checked.rows)


# --- returning a submitted report -----------------------------------------------------------


@transaction.atomic
def return_report(report: TrackingReport, *, actor, reason: str) -> TrackingReport:
    """Send a submitted report back to the platform for correction (a reason is required).

    Side effects: puts the report back to draft (submission cleared, the first submission kept for
    lateness) with the reason, time and officer; records ``tracking.report_returned`` with the reason;
    notifies the organisation's applicant users.
    """
    _officer(actor)
    report = TrackingReport.objects.select_for_update().select_related("round", "recognition").get(pk=report.pk)
    if not reason.strip():
        raise ValidationError({"reason": ["请写明退回修改的理由。"]})
    if report.state != TrackingReport.State.SUBMITTED:
        raise ValidationError("只有已提交的年度报告可以退回修改。")
    report.state, report.submitted_at, report.submitted_by = TrackingReport.State.DRAFT, None, None
    report.returned_reason, report.returned_at, report.returned_by = reason.strip(), timezone.now(), actor
    report.save()
    record("tracking.report_returned", actor=actor, target=report, data={"reason": report.returned_reason})
    notify(_applicants(report.recognition), event="tracking.report_returned",
           subject=f"动态跟踪报告被退回修改：{report.recognition.platform_name}",
           body=f"市中小企业服务局将「{report.recognition.platform_name}」{report.round.year}年度动态跟踪报告退回修改，"
                f"理由：{report.returned_reason}。请修改后重新提交。",
           link=f"/applicant/tracking/{report.pk}/")
    return report


def overview_row(report: TrackingReport, today: date) -> dict:
    """One report as the overviews show it: submitted, late, eligible, failed codes, open rectification.
    Pure read (prefetch ``rectifications`` for a list)."""
    submitted = report.state == TrackingReport.State.SUBMITTED
    open_rectifications = [r for r in report.rectifications.all() if r.state == Rectification.State.OPEN]
    return {
        "report": report, "submitted": submitted, "late": is_late(report, today),
        "eligible": report.eligible if submitted else None,
        "failed": report.failed_codes if submitted else [],
        "rectification": open_rectifications[0] if open_rectifications else None,
    }


def round_overview(tracking_round: TrackingRound, today: date | None = None) -> dict:
    """Who submitted, who is late, who passes, who failed which conditions. Pure read."""
    today = today or timezone.localdate()
    reports = list(tracking_round.reports.select_related("recognition", "recognition__organization",
                                                         "recognition__jurisdiction")
                   .prefetch_related("rectifications"))
    rows = [overview_row(report, today) for report in reports]
    return {
        "rows": rows,
        "total": len(rows),
        "submitted": sum(r["submitted"] for r in rows),
        "late": sum(r["late"] and not r["submitted"] for r in rows),
        "passed": sum(r["eligible"] is True for r in rows),
        "failed": sum(r["eligible"] is False for r in rows),
    }


# --- after the check ----------------------------------------------------------------------


@transaction.atomic
def issue_rectification(report: TrackingReport, *, actor, due_on: date | None, requirements: str) -> Rectification:
    """Send a 整改通知.

    Side effects: inserts an open Rectification; records ``tracking.rectification_issued``;
    notifies the organisation's applicant users.
    """
    _officer(actor)
    report = TrackingReport.objects.select_for_update().select_related("round", "recognition").get(pk=report.pk)
    errors = {}
    if due_on is None:
        errors["due_on"] = ["请填写整改期限。"]
    elif due_on <= timezone.localdate():
        errors["due_on"] = ["整改期限须晚于今天。"]
    if not requirements.strip():
        errors["requirements"] = ["请写明整改要求。"]
    if errors:
        raise ValidationError(errors)
    if report.rectifications.filter(state=Rectification.State.OPEN).exists():
        raise ValidationError("该平台已有未结束的整改通知。")
    rectification = Rectification.objects.create(report=report, requirements=requirements.strip(), due_on=due_on,
                                                 issued_by=actor)
    record("tracking.rectification_issued", actor=actor, target=report,
           data={"rectification": rectification.pk, "due_on": due_on.isoformat()})
    notify(_applicants(report.recognition), event="tracking.rectification_issued",
           subject=f"整改通知：{report.recognition.platform_name}",
           body=f"根据{report.round.year}年度动态跟踪结果，请于{due_on:%Y年%m月%d日}前完成整改：{rectification.requirements}",
           link=f"/applicant/tracking/{report.pk}/")
    return rectification


@transaction.atomic
def close_rectification(rectification: Rectification, *, actor, note: str) -> Rectification:
    """End a rectification with a note on how it went.

    Side effects: marks it closed; records ``tracking.rectification_closed``.
    """
    _officer(actor)
    rectification = Rectification.objects.select_for_update().get(pk=rectification.pk)
    if rectification.state != Rectification.State.OPEN:
        raise ValidationError("该整改通知已经结束。")
    if not note.strip():
        raise ValidationError({"note": ["请写明整改情况。"]})
    rectification.state, rectification.closed_by = Rectification.State.CLOSED, actor
    rectification.closed_at, rectification.closing_note = timezone.now(), note.strip()
    rectification.save()
    record("tracking.rectification_closed", actor=actor, target=rectification.report,
           data={"rectification": rectification.pk})
    return rectification


@transaction.atomic
def start_revocation(report: TrackingReport, *, actor, reason: str, public_reason: str) -> Revocation:
    """Hand a platform that no longer meets the conditions to the revocation flow (第十条).

    Side effects: those of ``recognition.domain.prepare_revocation`` (a submitted Revocation for
    the heads to approve); records ``tracking.revocation_started``.
    """
    _officer(actor)
    revocation = prepare_revocation(report.recognition, actor=actor, reason=reason, public_reason=public_reason)
    record("tracking.revocation_started", actor=actor, target=report, data={"revocation": revocation.pk})
    return revocation


def _check_reply(text: str, files: list) -> list:
    errors = {}
    if len(text.strip()) < 10:
        errors["text"] = ["请具体说明整改情况（至少 10 个字）。"]
    if len(files) > REPLY_MAX_FILES:
        errors["files"] = [f"附件最多 {REPLY_MAX_FILES} 个文件。"]
    checked = []
    for data, filename in files[:REPLY_MAX_FILES]:
        try:
            checked.append(check_upload(data, filename, REPLY_KINDS, REPLY_MAX_BYTES))
        except FileRefused as refused:
            errors.setdefault("files", []).append(f"{filename}：{refused.message}")
    if errors:
        raise ValidationError(errors)
    return checked


def file_rectification_reply(rectification: Rectification, *, actor, text: str, files=()) -> RectificationReply:
    """The platform answers an open 整改通知: a text and up to three files (PDF, images, Word, Excel).

    Side effects: writes the checked files to private storage; inserts the RectificationReply and its
    files; records ``tracking.rectification_replied``; notifies the bureau officers. Nothing is stored
    when anything is refused (files written before a failure are deleted).
    """
    checked = _check_reply(text, list(files))
    stored = []
    try:
        with transaction.atomic():
            rectification = (Rectification.objects.select_for_update()
                             .select_related("report__round", "report__recognition").get(pk=rectification.pk))
            report = rectification.report
            _own(report, actor)
            if rectification.state != Rectification.State.OPEN:
                raise ValidationError("该整改通知已经结束，不能再回复。")
            reply = RectificationReply.objects.create(rectification=rectification, text=text.strip(), filed_by=actor)
            for item in checked:
                saved = RectificationReplyFile(reply=reply, name=item.safe_name, extension=item.extension,
                                               content_type=item.content_type, size=item.size, sha256=item.sha256)
                saved.file.save("upload", ContentFile(item.data))
                stored.append(saved.file.name)
            record("tracking.rectification_replied", actor=actor, target=report,
                   data={"rectification": rectification.pk, "reply": reply.pk, "files": len(checked)})
            notify(_bureau_officers(), event="tracking.rectification_replied",
                   subject=f"整改回复：{report.recognition.platform_name}",
                   body=f"「{report.recognition.platform_name}」回复了{report.round.year}年度动态跟踪的整改通知，"
                        "请查看整改情况后结束整改。",
                   link=f"/bureau/tracking/reports/{report.pk}/")
    except BaseException:
        for name_on_disk in stored:
            RectificationReplyFile.file.field.storage.delete(name_on_disk)
        raise
    return reply


@transaction.atomic
def record_reply_file_read(item: RectificationReplyFile, *, actor) -> None:
    """Note that a person downloaded a reply's file (bureau staff, or the platform's own users).

    Side effects: records ``tracking.reply_file_downloaded``.
    """
    report = item.reply.rectification.report
    own = is_applicant.test(actor) and actor.organization_id == report.recognition.organization_id
    if not (own or is_bureau_staff.test(actor)):
        raise PermissionDenied("无权下载该附件。")
    record("tracking.reply_file_downloaded", actor=actor, target=report,
           data={"rectification": item.reply.rectification_id, "reply": item.reply_id, "file": item.pk})
