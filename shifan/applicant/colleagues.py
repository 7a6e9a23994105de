"""Colleagues of the applicant organisation: invitations and join requests."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.forms import InviteForm
from shifan.accounts.onboarding import colleagues_of, decide_join_request, invite_colleague
from shifan.accounts.roles import Role

applicant_only = role_required(Role.APPLICANT)


def _render(request, invite_form, status=200):
    return render(
        request, "applicant/colleagues.html", {"invite_form": invite_form, **colleagues_of(request.user)},
        status=status,
    )


@require_GET
@applicant_only
def colleagues(request):
    return _render(request, InviteForm())


@require_POST
@applicant_only
def invite(request):
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invite_colleague(organization=request.user.organization, email=form.cleaned_data["email"],
                             actor=request.user)
        except ValidationError as error:
            for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(field, errors)
        else:
            messages.success(request, f"已向 {form.cleaned_data['email']} 发送邀请，链接 7 天内有效。")
            return redirect("applicant:colleagues")
    return _render(request, form, status=400)


@require_POST
@applicant_only
def decide(request, pk: int):
    join_request = get_object_or_404(colleagues_of(request.user)["requests"], pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        decide_join_request(join_request, actor=request.user, approve=approve)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已{'同意' if approve else '拒绝'} {join_request.user.display_name} 的加入申请。")
    return redirect("applicant:colleagues")
