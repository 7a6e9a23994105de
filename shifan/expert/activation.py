"""The page behind the activation link the bureau e-mails to an expert (signed out)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from shifan.accounts.forms import AccountForm
from shifan.experts.activation import activate_account, open_activation
from shifan.experts.contact import mask_email


class ActivationForm(AccountForm):
    """Username and password only: the name and e-mail come from the expert pool."""

    display_name = None
    email = None


@login_not_required
@require_http_methods(["GET", "POST"])
def activate(request, token: str):
    try:
        activation = open_activation(token)
    except ValidationError as error:
        return render(request, "expert/activate.html", {"problem": error.messages[0]}, status=404)
    expert = activation.expert
    context = {"expert": expert, "email": mask_email(expert.email)}
    if request.user.is_authenticated:
        context["signed_in_as"] = request.user
        return render(request, "expert/activate.html", context)
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activate_account(token=token, username=form.cleaned_data["username"],
                             password=form.cleaned_data["password1"])
        except ValidationError as error:
            if getattr(error, "code", None) == "unusable":
                return render(request, "expert/activate.html", {"problem": error.messages[0]}, status=404)
            form.add_domain_errors(error)
        else:
            messages.success(request, "专家账号已激活。请用刚才设置的用户名和密码登录。")
            return redirect("home:login")
    context["form"] = form
    return render(request, "expert/activate.html", context, status=400 if form.errors else 200)

