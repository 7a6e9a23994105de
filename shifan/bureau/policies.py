"""Policy versions (认定办法版本) in the bureau back office: read by staff, managed by admins."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.batches.domain import policy_in_use
from shifan.policies.domain import activate_policy, supersede_policy, update_policy
from shifan.policies.forms import PolicyForm, SuccessorForm
from shifan.policies.models import DESCRIPTIVE_FIELDS, PARAMETER_FIELDS, Policy
from shifan.workspace.errors import apply_form

policy_readers = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.BUREAU_ADMIN)


def _require_manage(request) -> None:
    if not request.user.has_perm("policies.manage_policy"):
        raise PermissionDenied("只有系统管理员可以维护认定办法版本。")


@require_GET
@policy_readers
def policy_list(request):
    return render(
        request,
        "bureau/policies.html",
        {
            "policies": Policy.objects.select_related("supersedes"),
            "can_manage": request.user.has_perm("policies.manage_policy"),
        },
    )


@require_GET
@policy_readers
def policy_detail(request, pk: int):
    policy = get_object_or_404(Policy, pk=pk)
    form = PolicyForm(instance=policy)
    return render(
        request,
        "bureau/policy_detail.html",
        {
            "policy": policy,
            "form": form,
            "batches": policy.batches.order_by("-year"),
            "in_use": policy_in_use(policy),
            "can_manage": request.user.has_perm("policies.manage_policy"),
        },
    )


def _form_page(request, form, title: str, policy: Policy | None):
    return render(
        request,
        "bureau/policy_form.html",
        {"form": form, "title": title, "policy": policy},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@policy_readers
def policy_edit(request, pk: int):
    _require_manage(request)
    policy = get_object_or_404(Policy, pk=pk)
    form = PolicyForm(request.POST or None, instance=Policy.objects.get(pk=pk))
    if request.method == "POST" and apply_form(
        form, lambda data: update_policy(policy, actor=request.user, changes=form.changes(), in_use=policy_in_use)
    ):
        messages.success(request, "已保存认定办法版本。")
        return redirect("bureau:policy", pk=pk)
    return _form_page(request, form, f"修改：{policy}", policy)


@require_http_methods(["GET", "POST"])
@policy_readers
def policy_successor(request, pk: int):
    _require_manage(request)
    policy = get_object_or_404(Policy, pk=pk)
    draft = Policy(**{name: getattr(policy, name) for name in (*DESCRIPTIVE_FIELDS, *PARAMETER_FIELDS)})
    form = SuccessorForm(request.POST or None, instance=draft)
    def supersede(data):
        return supersede_policy(policy, actor=request.user, code=data["code"], **form.changes())

    if request.method == "POST" and (done := apply_form(form, supersede)):
        messages.success(request, "已创建新版本草稿。核对无误后点击“启用”，原版本随之停止适用于新批次。")
        return redirect("bureau:policy", pk=done.value.pk)
    return _form_page(request, form, f"基于「{policy.name}」新建版本", policy)


@require_POST
@policy_readers
def policy_activate(request, pk: int):
    _require_manage(request)
    try:
        activate_policy(get_object_or_404(Policy, pk=pk), actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "已启用该版本。")
    return redirect("bureau:policy", pk=pk)
