"""The applicant's workspace (申报单位工作台)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applicant.forms import DossierUploadForm, StartApplicationForm
from shifan.applications.domain.drafts import start_application
from shifan.applications.dossier_io import MAX_DOSSIER_BYTES, DossierRejected, import_dossier
from shifan.applications.enums import Status
from shifan.applications.evaluation_cache import cached_completeness
from shifan.applications.queries import applications_for_user, listing_row
from shifan.batches.domain import current_batch
from shifan.core.reversing import url_filler
from shifan.recognition.queries import recognitions_of_organization
from shifan.tracking.queries import open_tracking_reports
from shifan.workspace.application_pages import (
    act_on_application,
    download_dossier,
    render_application,
    visible_application,
)
from shifan.workspace.uploads import with_upload_cap

applicant_only = role_required(Role.APPLICANT)


@require_GET
@applicant_only
def home(request):
    return _render_home(request, StartApplicationForm())


def _render_home(request, start_form, status=200):
    batch = current_batch()
    applications = list(applications_for_user(request.user))
    in_batch = next((a for a in applications if batch and a.batch_id == batch.pk), None)
    return render(
        request,
        "applicant/home.html",
        {
            "organization": request.user.organization,
            "batch": batch,
            "applications": [listing_row(application) for application in applications],
            "current_application": in_batch,
            "start_form": start_form,
            "recognitions": recognitions_of_organization(request.user.organization_id),
            "today": timezone.localdate(),
            "tracking_reports": open_tracking_reports(request.user),
        },
        status=status,
    )


@require_POST
@applicant_only
def start(request):
    form = StartApplicationForm(request.POST)
    batch = current_batch()
    if form.is_valid():
        if batch is None:
            form.add_error(None, "目前没有正在受理的申报批次。")
        else:
            try:
                application = start_application(
                    organization=request.user.organization,
                    batch=batch,
                    platform_name=form.cleaned_data["platform_name"],
                    actor=request.user,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, "已创建申报草稿。")
                return redirect("applicant:application", pk=application.pk)
    return _render_home(request, form, status=400)


def _still_missing(application) -> dict:
    """What the submission guard would refuse, shown before the applicant tries: (message, section URL)
    pairs, on every rendering of the page (a refused submission or import too, or it would say that
    nothing is missing). Side effects: none."""
    if application.status not in Status.applicant_editable:
        return {"missing": []}
    section_url = url_filler("applicant:section", application.pk)
    return {"missing": [(message, section_url(code)) for message, code in cached_completeness(application)]}


@require_GET
@applicant_only
def application(request, pk: int):
    application = visible_application(request, pk, with_policy=True)
    return render_application(request, application, namespace="applicant", extra=_still_missing(application))


@require_POST
@applicant_only
def act(request, pk: int):
    return act_on_application(request, pk, namespace="applicant", extra_of=_still_missing)


@require_GET
@applicant_only
def dossier(request, pk: int):
    return download_dossier(request, pk)


# The row counts an import reports, in the order of the forms.
IMPORTED_LISTS = (
    ("organization.investors", "主要投资方", "个"),
    ("operations", "年度运营情况", "年"),
    ("service_products", "主要服务产品", "项"),
    ("partners", "合作资源", "家"),
    ("activities", "大型服务活动", "次"),
    ("equipment", "附件3 设施设备", "项"),
    ("staff", "附件4 从业人员", "人"),
    ("served_smes", "附件5 服务企业", "家"),
)


@with_upload_cap(MAX_DOSSIER_BYTES)
@require_POST
@applicant_only
def dossier_import(request, pk: int):
    application = visible_application(request, pk)
    files = request.FILES  # the body is read here, through the cap
    form = DossierUploadForm(request.POST, files, too_large=request.upload_cap.exceeded)
    try:
        if not form.is_valid():
            raise DossierRejected(form.problems())
        result = import_dossier(application, form.cleaned_data["dossier"], actor=request.user)
    except DossierRejected as error:
        return render_application(request, application, namespace="applicant", status=400,
                                  extra={**_still_missing(application), "import_errors": error.problems})
    counts = "、".join(f"{label} {result.counts[key]} {unit}" for key, label, unit in IMPORTED_LISTS)
    messages.success(request, f"导入成功，申报内容已按文件更新：{counts}。")
    for warning in result.warnings:
        messages.warning(request, warning)
    return redirect("applicant:application", pk=pk)
