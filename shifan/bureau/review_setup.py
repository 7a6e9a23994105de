"""A batch's review settings and score sheet, from the bureau back office."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from shifan.accounts.roles import Role
from shifan.bureau.review import bureau_staff, review_batch
from shifan.city_review.domain.setup import (
    IndicatorRow,
    indicators_for,
    replace_indicators,
    save_settings,
    scoring_started,
    settings_for,
    sheet_maximum,
)
from shifan.city_review.forms import IndicatorFormSet, SettingsForm
from shifan.workspace.errors import apply_form


def _forbid_heads(request) -> None:
    if request.method == "POST" and request.user.role != Role.BUREAU_OFFICER:
        raise PermissionDenied("只有市局经办人员可以修改评审设置。")


@require_http_methods(["GET", "POST"])
@bureau_staff
def review_settings(request):
    _forbid_heads(request)
    batch = review_batch(request)
    current = settings_for(batch)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and apply_form(
        form, lambda data: save_settings(batch, actor=request.user, **{name: data[name] for name in form.fields})
    ):
        messages.success(request, "评审设置已保存。")
        return redirect(f"{request.path}?batch={batch.pk}")
    return render(request, "bureau/review/settings.html", {
        "batch": batch, "form": form, "can_manage": request.user.role == Role.BUREAU_OFFICER,
    }, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@bureau_staff
def score_sheet(request):
    _forbid_heads(request)
    batch = review_batch(request)
    indicators = indicators_for(batch)
    initial = [{"category": i.category, "name": i.name, "max_points": i.max_points, "guidance": i.guidance}
               for i in indicators]
    formset = IndicatorFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        rows = [
            IndicatorRow(f.cleaned_data["category"], f.cleaned_data["name"], f.cleaned_data["max_points"],
                         f.cleaned_data.get("guidance", ""))
            for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            replace_indicators(batch, rows, actor=request.user)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, f"评分表已保存，共 {len(rows)} 项指标。")
            return redirect(f"{request.path}?batch={batch.pk}")
    status = 400 if request.method == "POST" else 200
    return render(request, "bureau/review/sheet.html", {
        "batch": batch, "formset": formset, "maximum": sheet_maximum(indicators),
        "locked": scoring_started(batch), "can_manage": request.user.role == Role.BUREAU_OFFICER,
    }, status=status)
