"""The expert pool (专家库) in the bureau back office: list, create and edit, relationships, activation.

Bureau officers and heads read; only officers write (the domain refuses anyone else too).
Excel import and export are in expert_pool_excel.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.bureau.expert_pool_forms import AvailabilityForm, ExpertFilterForm, ExpertForm
from shifan.experts.activation import send_activation
from shifan.experts.contact import mask_email, mask_mobile
from shifan.experts.domain import (
    add_relationship,
    create_expert,
    remove_relationship,
    reveal_contact,
    set_availability,
    update_expert,
)
from shifan.experts.forms import RelationshipForm
from shifan.experts.queries import experts_for_user, relationships_for_user
from shifan.policies.codes import FUNCTION_LABELS
from shifan.workspace.errors import apply_form

bureau_staff = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
officers_only = role_required(Role.BUREAU_OFFICER)
PAGE_SIZE = 30


def specialty_labels(expert) -> str:
    return "、".join(FUNCTION_LABELS.get(code, code) for code in expert.specialties)


def _expert(request, pk: int):
    return get_object_or_404(experts_for_user(request.user), pk=pk)


@require_GET
@bureau_staff
def expert_list(request):
    form = ExpertFilterForm(request.GET or None)
    experts = experts_for_user(request.user)
    if form.is_bound:
        experts = form.filter(experts)
    page = Paginator(experts, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"expert": e, "mobile": mask_mobile(e.mobile), "specialties": specialty_labels(e)} for e in page]
    return render(request, "bureau/experts/list.html", {
        "form": form, "page": page, "rows": rows, "can_manage": request.user.has_perm("experts.manage_pool"),
    })


def _render_form(request, form, title: str, expert=None):
    return render(request, "bureau/experts/form.html", {"form": form, "title": title, "expert": expert},
                  status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@officers_only
def expert_create(request):
    form = ExpertForm(request.POST or None)
    if request.method == "POST" and (
        done := apply_form(form, lambda data: create_expert(actor=request.user, **form.values()))
    ):
        expert = done.value
        messages.success(request, f"已将「{expert.name}」加入专家库。可以向其发送账号激活链接。")
        return redirect("bureau:expert", pk=expert.pk)
    return _render_form(request, form, "新增专家")


@require_http_methods(["GET", "POST"])
@officers_only
def expert_edit(request, pk: int):
    expert = _expert(request, pk)
    form = ExpertForm(request.POST or None, expert=expert)
    if request.method == "POST" and (
        done := apply_form(form, lambda data: update_expert(expert, actor=request.user, **form.values()))
    ):
        messages.success(request, "已保存修改。" if done.value else "没有需要保存的修改。")
        return redirect("bureau:expert", pk=pk)
    return _render_form(request, form, f"修改：{expert.name}", expert)


def _latest_activation(expert):
    """The last link sent, and whether it can still be used (shown while the account is not set up)."""
    latest = None if expert.user is not None else expert.activations.first()
    return latest, latest is not None and latest.used_at is None and latest.expires_at > timezone.now()


def render_detail(request, expert, *, status: int = 200, contact=None, availability_form=None,
                  relationship_form=None):
    activation, live = _latest_activation(expert)
    return render(request, "bureau/experts/detail.html", {
        "expert": expert,
        "specialties": specialty_labels(expert),
        "mobile": mask_mobile(expert.mobile), "email": mask_email(expert.email),
        "contact": contact,
        "relationships": relationships_for_user(request.user, expert),
        "activation": activation, "activation_live": live,
        "can_manage": request.user.has_perm("experts.manage_pool"),
        "availability_form": availability_form or AvailabilityForm(
            initial={"available": "1" if expert.available else "0", "availability_note": expert.availability_note}),
        "relationship_form": relationship_form or RelationshipForm(),
    }, status=status)


@require_GET
@bureau_staff
def expert_detail(request, pk: int):
    return render_detail(request, _expert(request, pk))


@never_cache  # the answer holds the contact data in clear
@require_POST
@officers_only
def expert_contact(request, pk: int):
    expert = _expert(request, pk)
    return render_detail(request, expert, contact=reveal_contact(expert, actor=request.user))


@require_POST
@officers_only
def expert_availability(request, pk: int):
    expert = _expert(request, pk)
    form = AvailabilityForm(request.POST)
    if apply_form(form, lambda data: set_availability(expert, actor=request.user, available=data["available"],
                                                      note=data["availability_note"])):
        messages.success(request, "已更新评审状态。")
        return redirect("bureau:expert", pk=pk)
    return render_detail(request, expert, status=400, availability_form=form)


@require_POST
@officers_only
def relationship_add(request, pk: int):
    expert = _expert(request, pk)
    form = RelationshipForm(request.POST)
    if apply_form(form, lambda data: add_relationship(expert, actor=request.user, **data)):
        messages.success(request, "已登记该利害关系，随机抽取时将自动回避该单位。")
        return redirect("bureau:expert", pk=pk)
    return render_detail(request, expert, status=400, relationship_form=form)


@require_POST
@officers_only
def relationship_remove(request, pk: int, relationship_id: int):
    expert = _expert(request, pk)
    relationship = get_object_or_404(relationships_for_user(request.user, expert), pk=relationship_id)
    try:
        remove_relationship(relationship, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已撤回与「{relationship.organization_name}」的利害关系申报。")
    return redirect("bureau:expert", pk=pk)


@require_POST
@officers_only
def activation_send(request, pk: int):
    expert = _expert(request, pk)
    try:
        send_activation(expert, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已向 {mask_email(expert.email)} 发送激活链接（7 天内有效）；此前发送的链接已作废。")
    return redirect("bureau:expert", pk=pk)
