"""The district's documents: 附件1 推荐表 for one application, and the 推荐汇总表 of a batch.

附件1 is the official form the district stamps and sends to the bureau, so the surveyed
enterprises' mobiles appear in clear; the caller fetched the application through
``applications_for_user`` and every download is audited. The summary lists only what
``applications_for_user`` gives the officer, so a district never sees another's applications.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from shifan.applications.documents import VIEW_PERMISSION, OfficeFile
from shifan.applications.documents.formats import blank_date, chinese_date, joined
from shifan.applications.enums import Status
from shifan.applications.models import Application, ApplicationProfile, StatusChange
from shifan.applications.queries import applications_for_user
from shifan.audit.recorder import record
from shifan.batches.models import Batch
from shifan.district_review.domain import current_draw, review_of, survey_summary
from shifan.documents.docx import DOCX_CONTENT_TYPE, render_docx
from shifan.documents.xlsx import Column, Kind, Sheet, export_rows
from shifan.policies.codes import FUNCTION_LABELS

RECOMMENDATION_TEMPLATE = "recommendation.docx"
RECOMMENDATION_FILE = "附件1 南昌市中小企业公共服务示范平台推荐表.docx"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECOMMENDATION_DOWNLOADED = "district.recommendation_downloaded"
SUMMARY_DOWNLOADED = "district.summary_downloaded"
# Recommended by the district: ``recommended`` and every later bureau stage (sent_back included:
# the district did recommend it once).
NOT_RECOMMENDED = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.DISTRICT_DECLINED, Status.WITHDRAWN)
RECOMMENDED_STATUSES = tuple(status for status in Status.values if status not in NOT_RECOMMENDED)
SATISFACTION = {True: "满意", False: "不满意"}

SUMMARY_SHEET = Sheet("推荐汇总表", [
    Column("seq", "序号", Kind.INTEGER, width=6),
    Column("applicant", "申报单位", Kind.TEXT, width=30),
    Column("uscc", "统一社会信用代码", Kind.DIGITS_TEXT),
    Column("platform", "平台名称", Kind.TEXT, width=30),
    Column("functions", "申报服务功能", Kind.TEXT, width=36),
    Column("surveyed", "测评企业数", Kind.INTEGER),
    Column("satisfaction", "抽样满意度(%)", Kind.DECIMAL),
    Column("recommended_on", "推荐时间", Kind.DATE),
], ["本表由系统导出：本辖区在该批次已推荐（含市局后续各环节）的申报，每件一行。",
    "抽样满意度为本次有效抽样中回答“满意”的企业所占百分比。"])  # fmt: skip


def department_of(application: Application) -> str:
    """The recommending authority: the jurisdiction's own name for it, or “X区中小企业服务主管部门”."""
    jurisdiction = application.jurisdiction
    return jurisdiction.authority_name or f"{jurisdiction.name}中小企业服务主管部门"


def recommended_on(application: Application) -> date | None:
    """The day the district last recommended the application, if it stands recommended."""
    if application.status not in RECOMMENDED_STATUSES:
        return None
    change = StatusChange.objects.filter(application=application, to_status=Status.RECOMMENDED).order_by("-at").first()
    return timezone.localdate(change.at) if change else None


def _survey_rows(application: Application) -> list[dict]:
    survey_draw = current_draw(application)
    if survey_draw is None:
        return []
    order = {enterprise_id: index for index, enterprise_id in enumerate(survey_draw.sample_ids)}
    responses = sorted(survey_draw.responses.all(), key=lambda r: (order.get(r.enterprise_id, len(order)), r.pk))
    return [
        {"name": response.enterprise_name, "method": str(response.method), "interviewee": response.interviewee,
         "position": response.position, "mobile": response.mobile, "service": response.service,
         "satisfied": SATISFACTION[response.satisfied]}
        for response in responses
    ]  # fmt: skip


def recommendation_context(application: Application) -> dict:
    """附件1's context: cover, one row per surveyed enterprise of the current draw, the texts.

    填报日期 is the day of the recommendation once recommended, else today; the date under the
    opinion is the recommendation's, or blanks to date by hand with the stamp. Pure read.
    """
    review = review_of(application)
    recommended = recommended_on(application)
    return {
        "applicant": application.organization.name,
        "department": department_of(application),
        "filled_on": chinese_date(recommended or timezone.localdate()),
        "sample_minimum": str(application.batch.policy.survey_sample_size),
        "rows": _survey_rows(application),
        "impact": review.impact,
        "exemplarity": review.exemplarity,
        "opinion": review.opinion,
        "opinion_date": blank_date(recommended),
    }


def render_recommendation(application: Application) -> bytes:
    """The .docx of 附件1 for one application. Pure read, no audit."""
    return render_docx(RECOMMENDATION_TEMPLATE, recommendation_context(application))


@transaction.atomic
def recommendation_for(application: Application, *, actor) -> OfficeFile:
    """附件1 for a person who may see the application; PermissionDenied otherwise.

    Side effects: records ``district.recommendation_downloaded``.
    """
    if not actor.has_perm(VIEW_PERMISSION, application):
        raise PermissionDenied("您无权下载该申报的推荐表。")
    data = render_recommendation(application)
    record(RECOMMENDATION_DOWNLOADED, actor=actor, target=application, data={"format": "docx"})
    return OfficeFile(RECOMMENDATION_FILE, DOCX_CONTENT_TYPE, data)


def recommended_applications(user, batch: Batch) -> QuerySet[Application]:
    """The applications of ``batch`` the user may see that the district has recommended."""
    return (applications_for_user(user).filter(batch=batch, status__in=RECOMMENDED_STATUSES)
            .order_by("organization__name", "pk"))


def summary_rows(applications) -> list[dict]:
    """One row per application, numbered 1…n. A few queries per application (a district's batch is small)."""
    applications = list(applications)
    profiles = ApplicationProfile.objects.filter(application__in=applications).only("application", "service_functions")
    profiles = {profile.application_id: profile for profile in profiles}
    rows = []
    for number, application in enumerate(applications, start=1):
        profile = profiles.get(application.pk)
        codes = profile.service_functions if profile else ()
        summary = survey_summary(application)
        rows.append({
            "seq": number,
            "applicant": application.organization.name,
            "uscc": application.organization.uscc,
            "platform": application.platform_name,
            "functions": joined(FUNCTION_LABELS.get(code, code) for code in codes or ()),
            "surveyed": summary.recorded,
            "satisfaction": summary.sample_satisfaction,
            "recommended_on": recommended_on(application),
        })
    return rows


@transaction.atomic
def summary_for(user, batch: Batch) -> OfficeFile:
    """The 推荐汇总表 of ``batch`` as the user may see it (a district: its own jurisdiction).

    Side effects: records ``district.summary_downloaded`` with the batch and the applications listed.
    """
    applications = list(recommended_applications(user, batch))
    data = export_rows(SUMMARY_SHEET, summary_rows(applications))
    record(SUMMARY_DOWNLOADED, actor=user, target=batch,
           data={"format": "xlsx", "applications": [application.pk for application in applications]})
    return OfficeFile(f"推荐汇总表-{batch.year}.xlsx", XLSX_CONTENT_TYPE, data)
