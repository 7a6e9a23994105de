"""View helpers shared by the audience apps' application pages (read, timeline, act).

Not an app: audience apps call these so that reading and acting on an application works
the same way for the applicant, the district and the bureau.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from shifan.applications.forms import TransitionForm
from shifan.applications.queries import applications_for_user


def visible_application(request, pk: int):
    """The application if this user may see it, else 404 (never 403: do not confirm it exists)."""
    return get_object_or_404(applications_for_user(request.user), pk=pk)


def render_application(request, application, *, namespace: str, form=None, status: int = 200):
    return render(
        request,
        f"{namespace}/application.html",
        {
            "application": application,
            "changes": application.status_changes.select_related("actor"),
            "form": form,
            "action_url": reverse(f"{namespace}:act", args=[application.pk]),
        },
        status=status,
    )


def act_on_application(request, pk: int, *, namespace: str):
    """POST handler: run the chosen workflow move, or show the page again with the reasons."""
    application = visible_application(request, pk)
    form = TransitionForm(request.POST, application=application, actor=request.user)
    if form.apply():
        application.refresh_from_db()
        messages.success(request, f"办理成功，申报当前状态：{application.get_status_display()}。")
        return redirect(f"{namespace}:application", pk=pk)
    return render_application(request, application, namespace=namespace, form=form, status=400)
