"""The signed-in user's own pages: sign in and out, the role dispatch, the inbox."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from shifan.accounts.roles import Role
from shifan.notifications.domain import inbox_for_user, mark_read

ROLE_HOMES = {
    Role.APPLICANT: "applicant:home",
    Role.DISTRICT_OFFICER: "district:home",
    Role.BUREAU_OFFICER: "bureau:home",
    Role.BUREAU_HEAD: "bureau:home",
    Role.BUREAU_ADMIN: "bureau:system",
    Role.EXPERT: "expert:home",
    Role.AGENCY: "agency:home",
    Role.AUDITOR: "oversight:home",
}
# Where a role reads one application; roles not listed here have no application pages yet.
ROLE_APPLICATION_PAGES = {
    Role.APPLICANT: "applicant:application",
    Role.DISTRICT_OFFICER: "district:application",
    Role.BUREAU_OFFICER: "bureau:application",
    Role.BUREAU_HEAD: "bureau:application",
}


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "home/login.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@require_GET
def dispatch_home(request):
    return redirect(ROLE_HOMES.get(request.user.role, "portal:index"))


@require_GET
def inbox(request):
    page = Paginator(inbox_for_user(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "home/inbox.html", {"page": page})


@require_GET
def open_notification(request, pk: int):
    note = get_object_or_404(inbox_for_user(request.user), pk=pk)
    mark_read(note)
    if note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts={request.get_host()}):
        return redirect(note.link)
    return redirect("home:inbox")


@require_GET
def open_application(request, pk: int):
    page = ROLE_APPLICATION_PAGES.get(request.user.role)
    if page is None:
        return redirect("home:dispatch")
    # The target page checks visibility itself through applications_for_user.
    return redirect(page, pk=pk)
