"""The third-party agency workspace (第三方评审机构工作台): the applications handed over, scores, the report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applications.sections import SECTIONS
from shifan.city_review.domain.agency import REPORT_MAX_BYTES, upload_report
from shifan.city_review.models import GroupMember, Score
from shifan.city_review.queries import groups_of_agency
from shifan.workspace.application_pages import eligibility_panel, section_links, visible_application
from shifan.workspace.review_files import serve_report
from shifan.workspace.score_pages import score_page
from shifan.workspace.section_pages import render_section_readonly
from shifan.workspace.timelines import reviewer_timeline
from shifan.workspace.uploads import too_large_message, with_upload_cap

agency_only = role_required(Role.AGENCY)


@require_GET
@agency_only
def home(request):
    groups = list(groups_of_agency(request.user).select_related("batch").prefetch_related("reports"))
    members = GroupMember.objects.filter(group__in=groups).select_related("application__organization")
    sheets = {s.application_id: s for s in Score.objects.filter(group__in=groups, seat__isnull=True)}
    for group in groups:
        group.rows = [(m.application, sheets.get(m.application_id)) for m in members if m.group_id == group.pk]
    return render(request, "agency/home.html", {"groups": groups, "max_mb": REPORT_MAX_BYTES // (1024 * 1024)})


@with_upload_cap(REPORT_MAX_BYTES)
@require_POST
@agency_only
def report_upload(request, pk: int):
    group = get_object_or_404(groups_of_agency(request.user), pk=pk)
    upload = request.FILES.get("file")  # the body is read here, through the cap
    if request.upload_cap.exceeded:
        messages.error(request, too_large_message(REPORT_MAX_BYTES))
        return redirect("agency:home")
    if upload is None:
        messages.error(request, "请选择要上传的评审报告文件。")
        return redirect("agency:home")
    try:
        upload_report(group, upload.read(), upload.name, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "评审报告已上传。")
    return redirect("agency:home")


@require_GET
@agency_only
def report_download(request, pk: int, report_id: int):
    group = get_object_or_404(groups_of_agency(request.user), pk=pk)
    return serve_report(request, group, report_id)


@require_GET
@agency_only
def application(request, pk: int):
    application = visible_application(request, pk)
    return render(request, "agency/application.html", {
        "application": application, "sections": SECTIONS, "eligibility": eligibility_panel(application),
        "section_links": section_links(application, "agency"),
        "sheet": Score.objects.filter(application=application, seat__isnull=True).first(),
        # What and when only: no actor, no reason (see workspace/timelines.py).
        "steps": reviewer_timeline(application),
    })


@require_GET
@agency_only
def section(request, pk: int, code: str):
    return render_section_readonly(request, pk, code, namespace="agency")


@require_http_methods(["GET", "POST"])
@agency_only
def score(request, pk: int):
    return score_page(request, pk, namespace="agency")
