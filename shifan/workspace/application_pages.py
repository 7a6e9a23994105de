"""View helpers shared by the audience apps' application pages (read, timeline, act, dossier).

Not an app: audience apps call these so that reading and acting on an application works
the same way for the applicant, the district and the bureau.
"""

import json
import re

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.http import content_disposition_header

from shifan.applications.documents import DOCUMENTS
from shifan.applications.domain.returns import latest_section_returns
from shifan.applications.dossier_io import dossier_label, export_dossier_for
from shifan.applications.enums import Status
from shifan.applications.evaluation_cache import cached_evaluation
from shifan.applications.forms import TransitionForm
from shifan.applications.queries import applications_for_user
from shifan.applications.sections import SECTIONS
from shifan.city_review.queries import expert_application
from shifan.core.reversing import url_filler
from shifan.policies.codes import FUNCTION_LABELS
from shifan.policies.results import FAIL, PASS, REVIEW, ConditionResult
from shifan.policies.templatetags.regulation_tags import article_link, regulation_url


def visible_application(request, pk: int, *, with_policy: bool = False):
    """The application if this user may see it, else 404 (never 403: do not confirm it exists).

    ``with_policy`` reads the batch's policy in the same query, for pages that show the eligibility
    panel (it cites the policy, and the evaluation's cache key names its version)."""
    applications = applications_for_user(request.user)
    if with_policy:
        applications = applications.select_related("batch__policy")
    return get_object_or_404(applications, pk=pk)


def application_read_by_expert(request, pk: int):
    """``visible_application`` for an expert, with ``reading_seat_id``, the expert's seat on its group
    (``expert_application``: one flat join instead of the scope's subquery and the seat again)."""
    application = expert_application(request.user, pk)
    if application is None:
        raise Http404
    return application


def section_links(application, namespace: str, returns=None) -> list[dict]:
    """What templates/components/section_links.html lists: each section's title, URL and whether the
    latest return asked to revise it (``returns``, by section code). Pure."""
    url_of = url_filler(f"{namespace}:section", application.pk)
    returns = returns or {}
    return [{"code": s.code, "title": s.title, "url": url_of(s.code), "returned": s.code in returns}
            for s in SECTIONS]


def document_links(application, namespace: str) -> dict:
    """The URLs templates/components/documents.html links: each Word document's by code, and the ZIP's. Pure."""
    url_of = url_filler(f"{namespace}:document", application.pk)
    links = {code: url_of(code) for code in DOCUMENTS}
    links["zip"] = reverse(f"{namespace}:documents-zip", args=[application.pk])
    return links


def timeline_of(application):
    """The application's status changes with their actors, for templates/components/timeline.html.

    A draft has none without a query: no move of the workflow table leads into DRAFT (a test in
    tests/performance keeps it so), and an application is created as a draft."""
    if application.status == Status.DRAFT:
        return ()
    return application.status_changes.select_related("actor")


def render_application(request, application, *, namespace: str, form=None, status: int = 200, extra=None):
    returns = latest_section_returns(application) if application.status == Status.RETURNED else {}
    return render(
        request,
        f"{namespace}/application.html",
        {
            "application": application,
            "changes": timeline_of(application),
            "form": form,
            "action_url": reverse(f"{namespace}:act", args=[application.pk]),
            "dossier_url": reverse(f"{namespace}:dossier", args=[application.pk]),
            "editable": application.status in Status.applicant_editable,
            "eligibility": eligibility_panel(application),
            "returns": returns,
            "section_links": section_links(application, namespace, returns),
            "document_links": document_links(application, namespace),
            **(extra or {}),
        },
        status=status,
    )


def act_on_application(request, pk: int, *, namespace: str, extra_of=None):
    """POST handler: run the chosen workflow move, or show the page again with the reasons (and what
    ``extra_of(application)`` adds to the page's context, as its GET view does)."""
    application = visible_application(request, pk)
    form = TransitionForm(request.POST, application=application, actor=request.user)
    if form.apply():
        application.refresh_from_db()
        messages.success(request, f"办理成功，申报当前状态：{application.get_status_display()}。")
        return redirect(f"{namespace}:application", pk=pk)
    return render_application(request, application, namespace=namespace, form=form, status=400,
                              extra=extra_of(application) if extra_of else None)


# --- the dossier download ----------------------------------------------------------------

_UNSAFE_IN_FILENAME = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|]+')


def safe_platform_name(application) -> str:
    """The platform's name without characters that are unsafe in a file name."""
    return _UNSAFE_IN_FILENAME.sub("_", application.platform_name).strip(" .") or "申报"


def dossier_filename(application) -> str:
    """申报材料-<platform>-<year>.json, without characters that are unsafe in a file name."""
    return f"申报材料-{safe_platform_name(application)}-{application.batch.year}.json"


def download_dossier(request, pk: int):
    """GET handler: the visible application as a dossier JSON attachment (the export is audited)."""
    application = visible_application(request, pk)
    dossier = export_dossier_for(application, actor=request.user)
    response = HttpResponse(
        json.dumps(dossier, ensure_ascii=False, indent=2) + "\n", content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, dossier_filename(application))
    add_never_cache_headers(response)  # personal data: no copy in shared or browser caches
    return response


# --- the eligibility panel ---------------------------------------------------------------

# Title and unit of each condition code of DESIGN.md §5, for people.
CONDITIONS = {
    "legal_entity": ("独立法人资格", ""),
    "operating_years": ("运营年限", "年"),
    "total_assets": ("资产总额", "万元"),
    "site_area": ("固定服务场所面积", "平方米"),
    "staff_count": ("专职从业人员", "人"),
    "staff_qualified_ratio": ("大专以上学历或中级以上职称人员占比", "%"),
    "smes_served": ("年服务中小企业户数", "户"),
    "served_growth": ("近两年服务企业数稳定增长", "户"),
    "satisfaction": ("服务满意度", "%"),
    "activities": ("年度大型服务活动", "次"),
    "training_volume": ("年培训人次", "人次"),
    "partners": ("集聚社会服务机构", "家"),
    "public_welfare_share": ("公益性或低收费服务占比", "%"),
    "served_list_size": ("服务企业名单（附件5）", "家"),
    "management": ("服务管理制度", ""),
    "fees": ("收费标准与小微企业优惠", ""),
    "reputation": ("声誉和品牌影响力", ""),
    "demonstration": ("特色优势和示范性", ""),
}
STATUS_LABELS = {PASS: ("通过", "success"), FAIL: ("未通过", "danger"), REVIEW: ("待评审", "info")}


def _amount(value, unit: str, minimum: bool) -> str:
    text = f"{value}%" if unit == "%" else f"{value} {unit}".strip()
    numeric = isinstance(value, int | float) or (isinstance(value, str) and value.replace(".", "", 1).isdigit())
    return f"≥ {text}" if minimum and numeric else text  # 以上 includes the number


def _shown(value, unit: str, *, minimum: bool = False) -> str:
    """An engine value for people: dicts by function or year, lists of evidence keys, units."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        parts = [
            f"{FUNCTION_LABELS.get(key, f'{key} 年' if key.isdigit() else key)} {_amount(amount, unit, minimum)}"
            for key, amount in value.items()
        ]
        return "、".join(parts) or "—"
    if isinstance(value, list):
        return "、".join(dossier_label(key) for key in value) or "尚未填写"
    return _amount(value, unit, minimum)


def _evidence(result: ConditionResult) -> str:
    """A judgement item's actual value: which of the texts the reviewer reads are still empty."""
    empty = [key for key in result.required if key not in result.actual]
    return f"尚未填写：{_shown(empty, '')}" if empty else "均已填写"


def _article(article: str) -> str:
    """五(一) → 第五条（一）; 附件5 and 第六条 stay as they are."""
    match = re.fullmatch(r"([一二三四五六七八九十]+)\((.+)\)", article)
    return f"第{match[1]}条（{match[2]}）" if match else article


# One row of templates/components/eligibility_table.html, with the whitespace its loop had.
_ROW_HTML = (
    '\n    <tr data-condition="{}">\n      <th scope="row">{}</th>\n      <td class="nowrap">{}</td>\n'
    '      <td><span class="badge badge-{}" data-status="{}">{}</span></td>\n      <td>{}</td>\n'
    '      <td>{}</td>\n      <td class="message-cell">{}</td>\n    </tr>\n    '
)


def _row(result: ConditionResult) -> dict:
    """A condition's row for people; ``html`` is its table row, built here because a template loop
    over ~18 rows and their citation links cost more than the rest of the page's content."""
    title, unit = CONDITIONS.get(result.code, (result.code, ""))
    label, tone = STATUS_LABELS[result.status]
    row = {
        "code": result.code,
        "title": title,
        "article": _article(result.article),
        "status": result.status,
        "label": label,
        "tone": tone,
        "actual": _evidence(result) if isinstance(result.required, list) else _shown(result.actual, unit),
        "required": _shown(result.required, unit, minimum=True),
        "message": result.message,
    }
    row["html"] = format_html(
        _ROW_HTML, row["code"], row["title"], article_link(row["article"]), row["tone"],
        row["status"], row["label"], row["actual"], row["required"], row["message"])
    return row


def evaluation_of(application):
    """The evaluation once per loaded application object (so once per request): the page's eligibility
    panel and the bureau's formal check share it. It comes through the cache keyed by the application's
    version (``evaluation_cache``); the result is also kept on the instance, which a request loads fresh.

    Side effects: a cache miss stores the evaluation in the cache."""
    evaluation = getattr(application, "_shifan_evaluation", None)
    if evaluation is None:
        evaluation = cached_evaluation(application)
        application._shifan_evaluation = evaluation
    return evaluation


# The panel's rows built once per process for each evaluation's conditions (by their repr, which names
# every value the rows show) and regulation URL: an entry cannot go stale. Emptied when full.
_ROWS: dict[tuple[str, str], tuple[dict, ...]] = {}
_ROWS_KEPT = 512


def _panel_rows(evaluation) -> list[dict]:
    """The evaluation's rows, as fresh dicts (a caller may change its copy).

    Side effects: keeps the rows in this process's ``_ROWS``."""
    key = (repr(evaluation.conditions), regulation_url(""))
    rows = _ROWS.get(key)
    if rows is None:
        rows = tuple(_row(result) for result in evaluation.conditions)
        if len(_ROWS) >= _ROWS_KEPT:
            _ROWS.clear()
        _ROWS[key] = rows
    return [dict(row) for row in rows]


def eligibility_panel(application) -> dict:
    """What templates/components/eligibility.html shows; a constant number of queries.

    Side effects: those of ``evaluation_of`` and ``_panel_rows`` (caches only)."""
    evaluation = evaluation_of(application)
    rows = _panel_rows(evaluation)
    return {
        "policy": application.batch.policy,
        "as_of": evaluation.as_of,
        "reference_year": evaluation.reference_year,
        "eligible": evaluation.eligible,
        "rows": rows,
        "failed": sum(row["status"] == FAIL for row in rows),
        "review": sum(row["status"] == REVIEW for row in rows),
    }
