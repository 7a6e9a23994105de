"""The score sheet page shared by the expert and the agency workspaces (评分表).

The application comes through ``applications_for_user`` (404 when not visible, so an expert
who has not declared sees nothing), the right to score through ``scorer_context``; an expert's
both at once through ``expert_scoring``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from shifan.accounts.roles import Role
from shifan.applications.enums import Status
from shifan.applications.queries import applications_for_user
from shifan.city_review.domain.scoring import expert_scoring, save_sheet, scorer_context, sheet_of
from shifan.city_review.domain.setup import indicators_for, sheet_maximum
from shifan.city_review.forms import ScoreSheetForm
from shifan.city_review.models import Score
from shifan.workspace.errors import apply_form


def _scored_application(request, pk: int):
    """``visible_application`` (404, never 403, when this user may not see it), with the application's
    review group read in the same query: ``scorer_context`` takes it from there instead of again."""
    return get_object_or_404(applications_for_user(request.user).select_related("review_membership__group"), pk=pk)


def _scoring_target(request, pk: int):
    """(application, group, seat id or None): what the sheet is for, 404 when this user may not see
    the application and 403 when they may see but not score it."""
    if request.user.role == Role.EXPERT:
        target = expert_scoring(request.user, pk)
        if target is None:
            raise Http404
        return target
    application = _scored_application(request, pk)
    group, seat = scorer_context(application, request.user)
    return application, group, seat.pk if seat else None


def score_page(request, pk: int, *, namespace: str):
    """GET shows the sheet (read-only once submitted); POST saves it, or submits it with ``submit=1``."""
    application, group, seat_id = _scoring_target(request, pk)
    indicators = indicators_for(group.batch)
    sheet = sheet_of(application, group, seat_id)
    readonly = (sheet is not None and sheet.state == Score.State.SUBMITTED) or application.status != Status.IN_REVIEW
    form = ScoreSheetForm(request.POST if request.method == "POST" else None, indicators=indicators, sheet=sheet,
                          readonly=readonly)
    if request.method == "POST":
        if readonly:
            raise PermissionDenied("评分表已提交或申报已结束评审，不能再修改。")
        submit = request.POST.get("submit") == "1"
        if apply_form(form, lambda data: save_sheet(application, actor=request.user, entries=form.entries(),
                                                    comment=data["comment"], submit=submit)):
            messages.success(request, "评分表已提交，不能再修改。" if submit else "评分已暂存。")
            return redirect(f"{namespace}:score", pk=pk)
    return render(request, "components/score_page.html", {
        "application": application, "group": group, "form": form, "readonly": readonly, "sheet": sheet,
        "maximum": sheet_maximum(indicators), "namespace": namespace,
    }, status=400 if form.errors else 200)
