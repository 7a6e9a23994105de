"""The signed-in user's own contact details: the mobile used for SMS notifications."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from shifan.accounts.mobile import set_own_mobile
from shifan.core.fields import mask_mobile


class MobileForm(forms.Form):
    mobile = forms.CharField(
        label="手机号码", max_length=30, required=False,
        help_text="用于接收待办事项的短信提醒；可带 +86、空格或短横线。留空并保存表示删除手机号码。",
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )


@require_http_methods(["GET", "POST"])
def profile(request):
    """Shows the user's mobile masked; a POST sets, changes or removes it (audited by the domain)."""
    user = request.user
    form = MobileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = set_own_mobile(user, actor=user, mobile=form.cleaned_data["mobile"])
        except ValidationError as error:
            for message in error.message_dict.get("mobile", error.messages):
                form.add_error("mobile", message)
        else:
            messages.success(request, f"手机号码已保存为 {mask_mobile(saved)}。" if saved else "手机号码已删除。")
            return redirect("home:profile")
    current = mask_mobile(user.mobile) if user.mobile else ""
    return render(request, "home/profile.html", {"form": form, "current": current})
