"""The expert's own entry in the pool: profile (contact masked) and declared relationships (回避)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.experts.contact import mask_email, mask_mobile
from shifan.experts.domain import add_relationship, remove_relationship
from shifan.experts.forms import RelationshipForm
from shifan.experts.queries import experts_for_user, relationships_for_user
from shifan.policies.codes import FUNCTION_LABELS
from shifan.workspace.errors import apply_form

expert_only = role_required(Role.EXPERT)


def _own(request):
    """The signed-in expert's pool entry, or None when the account is not linked to one."""
    return experts_for_user(request.user).first()


def _render(request, expert, *, form=None, status: int = 200):
    context = {"expert": expert, "form": form or RelationshipForm()}
    if expert is not None:
        context |= {
            "mobile": mask_mobile(expert.mobile), "email": mask_email(expert.email),
            "specialties": "、".join(FUNCTION_LABELS.get(code, code) for code in expert.specialties),
            "relationships": relationships_for_user(request.user, expert),
        }
    return render(request, "expert/profile.html", context, status=status)


@require_GET
@expert_only
def profile(request):
    return _render(request, _own(request))


@require_POST
@expert_only
def relationship_add(request):
    expert = _own(request)
    if expert is None:
        return redirect("expert:profile")
    form = RelationshipForm(request.POST)
    if apply_form(form, lambda data: add_relationship(expert, actor=request.user, **data)):
        messages.success(request, "已申报该利害关系。评审专家随机抽取时，将回避该单位的申报。")
        return redirect("expert:profile")
    return _render(request, expert, form=form, status=400)


@require_POST
@expert_only
def relationship_remove(request, pk: int):
    expert = _own(request)
    if expert is None:
        return redirect("expert:profile")
    # Another expert's relationship is not in this query: 404, never a hint that it exists.
    relationship = get_object_or_404(relationships_for_user(request.user, expert), pk=pk)
    try:
        remove_relationship(relationship, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已撤回与「{relationship.organization_name}」的利害关系申报。")
    return redirect("expert:profile")
