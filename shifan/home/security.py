"""Account security pages: the lockout page, the second factor, changing the password, staying signed in.

The rules live in shifan/accounts (lockout, twofactor, expiry, session_policy); these views only ask and show.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts import expiry, lockout, session_policy, twofactor
from shifan.accounts.access import role_required
from shifan.accounts.roles import Role

NEW_CODES_KEY = "shifan_new_recovery_codes"


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Chinese lockout page (429 with Retry-After), saying when to try again."""
    retry_at = lockout.retry_at(request, credentials)
    seconds = max(60, int((retry_at - timezone.now()).total_seconds()))
    scope = getattr(request, "shifan_lock_scope", lockout.PAIR)
    response = render(request, "home/locked_out.html", {
        "retry_at": timezone.localtime(retry_at), "minutes": (seconds + 59) // 60, "ip_scope": scope == lockout.IP,
    }, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _next_url(request, default: str = "home:dispatch"):
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return nxt
    return default


class CodeForm(forms.Form):
    code = forms.CharField(label="验证码", max_length=20, strip=True,
                           error_messages={"required": "请输入身份验证器上的 6 位验证码或一个恢复码。"})


@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of signing in: a 6-digit code from the authenticator, or a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not twofactor.has_second_factor(user):
        return redirect("home:2fa-enrol" if twofactor.requires_two_factor(user) else "home:dispatch")
    form = CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        wait = twofactor.throttle_wait(user)
        if wait:
            form.add_error("code", f"验证失败次数过多，请 {wait} 秒后再试。")
            status = 429
        elif form.is_valid():
            device = twofactor.verify_second_factor(user, form.cleaned_data["code"])
            if device is not None:
                twofactor.mark_verified(request, device)
                if twofactor.is_recovery_device(device):
                    left = twofactor.remaining_recovery_codes(user)
                    messages.warning(request, f"您使用了一个恢复码，还剩 {left} 个。"
                                              "如手机丢失，请联系系统管理员重置身份验证器。")
                return redirect(_next_url(request))
            form.add_error("code", "验证码不正确或已使用，"
                                   "请输入身份验证器上当前显示的 6 位数字，或一个未用过的恢复码。")
            status = 400
        else:
            status = 400
    return render(request, "home/2fa_verify.html", {"form": form, "next": _next_url(request, "")}, status=status)


@require_http_methods(["GET", "POST"])
def enrol(request):
    """Bind an authenticator app: QR code and secret, confirmed with a code it shows."""
    user = request.user
    if twofactor.has_second_factor(user):
        messages.info(request, "您已绑定身份验证器。")
        return redirect("home:security")
    device = twofactor.begin_enrolment(user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            codes = twofactor.confirm_enrolment(device, form.cleaned_data["code"], actor=user)
            if codes is not None:
                twofactor.mark_verified(request, device)
                request.session[NEW_CODES_KEY] = codes
                return redirect("home:2fa-recovery-codes")
            form.add_error("code", "验证码不正确，请确认手机时间准确，并输入身份验证器上当前显示的 6 位数字。")
    return render(request, "home/2fa_enrol.html", {
        "form": form, "qr_svg": twofactor.qr_svg(device), "secret": twofactor.secret_text(device),
        "required": twofactor.requires_two_factor(user), "next": _next_url(request, ""),
    }, status=status)


@require_GET
def recovery_codes(request):
    """The 10 new recovery codes, shown once right after enrolment."""
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes:
        return redirect("home:security")
    return render(request, "home/2fa_recovery_codes.html", {
        "codes": [f"{c[:4]}-{c[4:]}" for c in codes],
    })


@require_GET
def security(request):
    """The user's own account security: password age and the second factor."""
    user = request.user
    return render(request, "home/security.html", {
        "has_second_factor": twofactor.has_second_factor(user),
        "required": twofactor.requires_two_factor(user),
        "recovery_left": twofactor.remaining_recovery_codes(user),
        "password_expires_at": expiry.password_expires_at(user),
    })


class ChangePasswordForm(PasswordChangeForm):
    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("new_password1")
        if password and "new_password2" not in self.errors and self.user.check_password(password):
            self.add_error("new_password2", ValidationError("新密码不能与当前密码相同。", code="password_unchanged"))
        return cleaned


@require_http_methods(["GET", "POST"])
def password_change(request):
    """Change one's own password (the current one is required); an expired password ends up here."""
    form = ChangePasswordForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        expiry.change_password(request.user, form.cleaned_data["new_password1"], actor=request.user)
        update_session_auth_hash(request, request.user)
        messages.success(request, "密码已修改。")
        return redirect("home:dispatch")
    context = {"form": form, "expired": expiry.is_password_expired(request.user),
               "expired_message": expiry.EXPIRED_MESSAGE}
    return render(request, "home/password_change.html", context, status=400 if form.is_bound else 200)


@require_POST
def keepalive(request):
    """「继续使用」: counts as activity; answers the seconds left before the session ends."""
    session_policy.touch(request.session)
    return JsonResponse({"remaining": session_policy.remaining(request.session, request.user)})


class ResetForm(forms.Form):
    reason = forms.CharField(label="重置原因", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写重置原因，例如：用户手机丢失，经电话核实本人身份。"})


@role_required(Role.BUREAU_ADMIN)
@require_http_methods(["GET", "POST"])
def reset_two_factor(request, user_id: int):
    """The admin removes a user's authenticator and recovery codes (lost phone); the user enrols again."""
    target = get_object_or_404(get_user_model(), pk=user_id)
    form = ResetForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            twofactor.reset_second_factor(target, actor=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, f"已重置「{target}」的双因素认证，该用户下次登录时须重新绑定身份验证器。")
            return redirect("home:2fa-reset", user_id=target.pk)
        status = 400
    else:
        status = 200
    return render(request, "home/2fa_reset.html", {
        "form": form, "target": target, "has_second_factor": twofactor.has_second_factor(target),
    }, status=status)
