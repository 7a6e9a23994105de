"""The holiday table (节假日管理): bureau officers and the system administrator keep it, bureau heads read it.

Each year lists its statutory holidays and 调休 make-up workdays with their notices; a year is
counted in only once it is marked complete. The calculator shows the date N working days on, or
why it cannot be computed.
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.workdays.domain import (
    FIRST_YEAR,
    LAST_YEAR,
    NOT_MANAGER,
    add_day,
    add_working_days,
    mark_year,
    missing_next_year,
    remove_day,
    weekday_label,
)
from shifan.workdays.forms import CalculatorForm, DayForm, YearForm
from shifan.workdays.models import CalendarDay, CalendarYear
from shifan.workspace.errors import apply_form

calendar_readers = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.BUREAU_ADMIN)


def _can_manage(request) -> bool:
    return request.user.has_perm("workdays.manage_calendar")


def _require_manage(request) -> None:
    if not _can_manage(request):
        raise PermissionDenied(NOT_MANAGER)


def _checked_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("没有这一年度。")
    return year


def _common(request) -> dict:
    """What every page of the section shows: the way back home and next year's warning."""
    admin = request.user.role == Role.BUREAU_ADMIN
    return {
        "home_url": "bureau:system" if admin else "bureau:home",
        "home_label": "系统管理" if admin else "市局后台",
        "can_manage": _can_manage(request),
        "missing_year": missing_next_year(timezone.localdate()),
    }


@require_GET
@calendar_readers
def overview(request):
    counts: dict[int, dict[str, int]] = {}
    rows = (CalendarDay.objects.order_by().annotate(y=ExtractYear("date")).values("y", "kind")
            .annotate(n=Count("id")))
    for row in rows:
        counts.setdefault(row["y"], {})[row["kind"]] = row["n"]
    marked = {entry.year: entry for entry in CalendarYear.objects.all()}
    this_year = timezone.localdate().year
    years = sorted(set(counts) | set(marked) | {this_year, this_year + 1}, reverse=True)
    return render(request, "bureau/workdays/overview.html", {
        **_common(request),
        "years": [
            {"year": year, "entry": marked.get(year), "holidays": counts.get(year, {}).get("holiday", 0),
             "workdays": counts.get(year, {}).get("workday", 0)}
            for year in years
        ],
    })


def _year_page(request, year: int, *, day_form=None, year_form=None):
    entry = CalendarYear.objects.filter(year=year).select_related("created_by").first()
    days = CalendarDay.objects.filter(date__year=year).select_related("created_by")
    forms_failed = bool((day_form and day_form.errors) or (year_form and year_form.errors))
    return render(request, "bureau/workdays/year.html", {
        **_common(request),
        "year": year,
        "entry": entry,
        "days": [(day, weekday_label(day.date)) for day in days],
        "day_form": day_form or DayForm(initial={"kind": CalendarDay.Kind.HOLIDAY}),
        "year_form": year_form or YearForm(initial={"source": entry.source if entry else ""}),
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
    }, status=400 if forms_failed else 200)


@require_GET
@calendar_readers
def year_page(request, year: int):
    return _year_page(request, _checked_year(year))


@require_POST
@calendar_readers
def day_add(request, year: int):
    _require_manage(request)
    year = _checked_year(year)
    form = DayForm(request.POST)
    if done := apply_form(form, lambda data: add_day(actor=request.user, **data)):
        day = done.value
        messages.success(request, f"已录入 {day.date:%Y-%m-%d}（{weekday_label(day.date)}）："
                                  f"{day.name}，{day.get_kind_display()}。")
        return redirect("bureau:workdays-year", year=day.date.year)
    return _year_page(request, year, day_form=form)


@require_POST
@calendar_readers
def day_remove(request, pk: int):
    _require_manage(request)
    day = get_object_or_404(CalendarDay, pk=pk)
    year, label = day.date.year, f"{day.date:%Y-%m-%d}（{day.name}，{day.get_kind_display()}）"
    remove_day(day, actor=request.user)
    messages.success(request, f"已删除 {label}。")
    return redirect("bureau:workdays-year", year=year)


@require_POST
@calendar_readers
def year_mark(request, year: int):
    _require_manage(request)
    year = _checked_year(year)
    complete = request.POST.get("complete", "1") != "0"
    form = YearForm(request.POST)
    if apply_form(form, lambda data: mark_year(year, actor=request.user, source=data["source"], complete=complete)):
        if complete:
            messages.success(request, f"已将 {year} 年标记为录入完整，工作日计算将使用本页的安排。")
        else:
            messages.warning(request, f"已撤销 {year} 年的“录入完整”标记："
                                      f"需用到 {year} 年日期的工作日计算将被拒绝。")
        return redirect("bureau:workdays-year", year=year)
    return _year_page(request, year, year_form=form)


@require_GET
@calendar_readers
def calculator(request):
    form = CalculatorForm(request.GET if "start" in request.GET else None)

    def calculate(data) -> dict:
        start, n, from_next_day = data["start"], data["days"], data["from_next_day"]
        end = add_working_days(start, n, from_next_day=from_next_day)
        first = start + dt.timedelta(days=1) if from_next_day else start
        return {"start": start, "n": n, "from_next_day": from_next_day, "first": first, "end": end,
                "end_weekday": weekday_label(end), "start_weekday": weekday_label(start),
                "span": (end - first).days + 1}

    # An unbound form (no "start" yet) is not valid: no result.
    result = apply_form(form, calculate).value
    return render(request, "bureau/workdays/calculator.html", {**_common(request), "form": form, "result": result},
                  status=400 if form.errors else 200)
