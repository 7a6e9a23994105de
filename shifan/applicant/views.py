"""The applicant's workspace (申报单位工作台)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applicant.forms import StartApplicationForm
from shifan.applications.domain.drafts import start_application
from shifan.applications.queries import applications_for_user
from shifan.batches.domain import current_batch
from shifan.workspace.application_pages import act_on_application, render_application, visible_application

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
            "applications": applications,
            "current_application": in_batch,
            "start_form": start_form,
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


@require_GET
@applicant_only
def application(request, pk: int):
    return render_application(request, visible_application(request, pk), namespace="applicant")


@require_POST
@applicant_only
def act(request, pk: int):
    return act_on_application(request, pk, namespace="applicant")
