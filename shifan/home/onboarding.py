"""Signed-out pages that create accounts: registering an organisation, asking to join, invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from shifan.accounts.forms import AccountForm, JoinForm, RegistrationForm
from shifan.accounts.models import Organization
from shifan.accounts.onboarding import (
    accept_invitation,
    find_registered,
    open_invitation,
    register_organization,
    request_to_join,
)


def _signed_out(view):
    return login_not_required(require_http_methods(["GET", "POST"])(view))


@_signed_out
def register(request):
    form = RegistrationForm(request.POST or None)
    existing = None
    if request.method == "POST" and form.is_valid():
        existing = find_registered(form.cleaned_data["uscc"])
        if existing is None:
            try:
                register_organization(
                    name=form.cleaned_data["name"].strip(), uscc=form.cleaned_data["uscc"],
                    jurisdiction=form.cleaned_data["jurisdiction"], account=form.account(),
                )
            except ValidationError as error:
                form.add_domain_errors(error)
            else:
                messages.success(request, f"注册成功。{form.registrant_note()}。请登录后开始申报。")
                return redirect("home:login")
    join_form = None
    if existing is not None:
        join_form = JoinForm(initial={k: form.cleaned_data.get(k) for k in ("display_name", "username", "email")})
    status = 400 if request.method == "POST" else 200
    return render(request, "home/register.html", {"form": form, "existing": existing, "join_form": join_form},
                  status=status)


@_signed_out
def join(request, organization_id: int):
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        return redirect("home:register")
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            request_to_join(organization=organization, account=form.account(), message=form.cleaned_data["message"])
        except ValidationError as error:
            form.add_domain_errors(error)
        else:
            messages.success(request, f"已提交加入「{organization.name}」的申请。该单位的同事同意后，您即可登录。")
            return redirect("portal:index")
    status = 400 if form.errors else 200
    return render(request, "home/join.html", {"form": form, "organization": organization}, status=status)


@_signed_out
def invitation(request, token: str):
    try:
        invite = open_invitation(token)
    except ValidationError as error:
        return render(request, "home/invitation.html", {"problem": error.messages[0]}, status=404)
    form = AccountForm(request.POST or None, initial={"email": invite.email})
    form.fields["email"].disabled = True  # the invitation was sent to this address
    if request.method == "POST" and form.is_valid():
        try:
            accept_invitation(token=token, account=form.account())
        except ValidationError as error:
            form.add_domain_errors(error)
        else:
            messages.success(request, f"账号已创建，您已加入「{invite.organization.name}」。请登录。")
            return redirect("home:login")
    status = 400 if form.errors else 200
    return render(request, "home/invitation.html", {"form": form, "invite": invite}, status=status)
