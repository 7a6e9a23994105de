"""动态跟踪 (第十三条): rounds, the platforms' yearly reports checked against 第五条, rectification.

Each report is checked with the policy version its recognition was granted under (the batch's
pinned policy), never the one active today, so a platform is held to the rules it was recognised by.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from shifan.accounts.models import User
from shifan.accounts.roles import Role
from shifan.accounts.rules import is_applicant, is_bureau_officer
from shifan.applications.dossier_io import facts_for_application
from shifan.audit.recorder import record
from shifan.notifications.domain import notify
from shifan.policies.engine import evaluate
from shifan.policies.facts import Activity, Facts, StaffMember, YearFigures
from shifan.policies.results import FAIL, Evaluation
from shifan.recognition.domain import prepare_revocation
from shifan.recognition.models import Recognition, Revocation
from shifan.tracking.models import Rectification, TrackingReport, TrackingRound

# The figures a platform files, in the order of the form.
FIGURES = (
    "total_assets", "site_area_owned", "site_area_rented", "staff_full_time", "staff_qualified", "smes_served",
    "smes_served_previous", "served_listed", "served_satisfied", "training_person_times", "service_volume",
    "public_welfare_volume", "partners",
)  # fmt: skip
QUALIFIED_EDUCATION = "bachelor"  # any code of policies.codes.QUALIFYING_EDUCATION would do
NOT_EDITABLE = "该年度报告已提交，不能再修改。"


def _officer(actor) -> None:
    if not is_bureau_officer.test(actor):
        raise PermissionDenied("只有市局经办人员可以办理动态跟踪。")


def _own(report: TrackingReport, actor) -> None:
    if not (is_applicant.test(actor) and actor.organization_id == report.recognition.organization_id):
        raise PermissionDenied("只有该示范平台运营单位的用户可以填报。")


def _applicants(recognition: Recognition):
    return recognition.organization.users.filter(role=Role.APPLICANT)


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
    listed = report.served_listed or 0
    satisfied = min(report.served_satisfied or 0, listed)
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
        served_satisfied=(True,) * satisfied + (False,) * (listed - satisfied),
        evidence=base.evidence,
    )


def evaluate_report(report: TrackingReport) -> Evaluation:
    """第五条 for the report under the policy the recognition was granted under. Pure read."""
    params = report.recognition.application.batch.policy.to_params()
    return evaluate(facts_for_report(report), params, as_of(report.round))


def is_late(report: TrackingReport, today: date | None = None) -> bool:
    """Not submitted after the due date, or submitted after it."""
    due = report.round.due_on
    if report.submitted_at is not None:
        return timezone.localdate(report.submitted_at) > due
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


def round_overview(tracking_round: TrackingRound, today: date | None = None) -> dict:
    """Who submitted, who is late, who passes, who failed which conditions. Pure read."""
    today = today or timezone.localdate()
    reports = list(tracking_round.reports.select_related("recognition", "recognition__organization",
                                                         "recognition__jurisdiction")
                   .prefetch_related("rectifications"))
    rows = []
    for report in reports:
        submitted = report.state == TrackingReport.State.SUBMITTED
        open_rectifications = [r for r in report.rectifications.all() if r.state == Rectification.State.OPEN]
        rows.append({
            "report": report, "submitted": submitted, "late": is_late(report, today),
            "eligible": report.eligible if submitted else None,
            "failed": report.failed_codes if submitted else [],
            "rectification": open_rectifications[0] if open_rectifications else None,
        })
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
