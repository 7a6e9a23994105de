"""Working days (工作日): counting them, and keeping the holiday table that defines them.

A working day is Monday to Friday, minus the statutory holidays, plus the 调休 Saturdays and
Sundays, as entered in the holiday table (models.py). Only years marked complete can be counted
in: a count that needs any other year raises CalendarNotPublished instead of guessing. Periods
are counted from the day after the starting date by default (民法典第二百零一条: 开始的当日不计入).

Each count reads the table once (one query for the years it may need, whatever N is).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction

from shifan.audit.recorder import record
from shifan.workdays.models import CalendarDay, CalendarYear
from shifan.workdays.rules import manages_calendar

NOT_PUBLISHED = (
    "{year} 年的节假日安排尚未录入，无法计算工作日。请系统管理员在“节假日管理”中录入国务院办公厅公布的安排。"
)
NOT_MANAGER = "只有市局经办人员或系统管理员可以维护节假日安排。"
WEEKDAYS = "一二三四五六日"
FIRST_YEAR, LAST_YEAR = 2000, 2100
ONE_DAY = dt.timedelta(days=1)


class CalendarNotPublished(ValidationError):
    """A count needed a date of a year whose arrangement has not been entered completely."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(NOT_PUBLISHED.format(year=year), code="calendar_not_published")


def weekday_label(date: dt.date) -> str:
    return "星期" + WEEKDAYS[date.weekday()]


class _Calendar:
    """The complete years and the CalendarDay kinds of a span of years, read in one query."""

    def __init__(self, first: int, last: int):
        self.first, self.last = first, last
        self.known: set[int] = set()
        self.kinds: dict[dt.date, str] = {}
        self._read(first, last)

    def _read(self, first: int, last: int) -> None:
        years = CalendarYear.objects.filter(year__range=(first, last), complete=True).order_by().values_list(
            "year", models.Value(None, output_field=models.DateField()),
            models.Value("", output_field=models.CharField()),
        )
        days = CalendarDay.objects.filter(
            date__range=(dt.date(first, 1, 1), dt.date(last, 12, 31)),
        ).order_by().values_list(models.Value(0, output_field=models.IntegerField()), "date", "kind")
        for year, date, kind in years.union(days, all=True):
            if kind:
                self.kinds[date] = kind
            else:
                self.known.add(year)

    def is_working(self, date: dt.date) -> bool:
        if date.year > self.last:  # ran past the span guessed at the start: read the following years too
            self._read(self.last + 1, date.year + 1)
            self.last = date.year + 1
        if date.year not in self.known:
            raise CalendarNotPublished(date.year)
        kind = self.kinds.get(date)
        if kind is not None:
            return kind == CalendarDay.Kind.WORKDAY
        return date.weekday() < 5


def _check_count(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValidationError("工作日天数应为不小于 1 的整数。", code="bad_count")


def is_working_day(date: dt.date) -> bool:
    """Whether ``date`` is a working day; CalendarNotPublished when its year is not entered completely.

    Side effects: none (one query).
    """
    return _Calendar(date.year, date.year).is_working(date)


def add_working_days(start: dt.date, n: int, *, from_next_day: bool = True) -> dt.date:
    """The date of the ``n``-th working day counted from the day after ``start``.

    With ``from_next_day=False`` the count starts at ``start`` itself, which counts only if it is
    a working day. Example: published on 2026-09-24 (Thursday), 5 working days from the next day
    end on 2026-10-09 (中秋 and 国庆 are skipped). Raises CalendarNotPublished naming the first
    year the count needs and the table lacks (e.g. a count from 2026-12-28 that runs into 2027),
    and ValidationError when ``n`` is not a positive integer. Side effects: none (one query,
    a second one only if the count runs past the span it first read).
    """
    _check_count(n)
    day = start + ONE_DAY if from_next_day else start
    # Generous: N working days never span more than 2N + 31 calendar days in any real arrangement.
    calendar = _Calendar(day.year, (day + dt.timedelta(days=2 * n + 31)).year)
    counted = 0
    while True:
        if calendar.is_working(day):
            counted += 1
            if counted == n:
                return day
        day += ONE_DAY


def working_days_between(a: dt.date, b: dt.date, *, from_next_day: bool = True) -> int:
    """How many working days lie after ``a`` up to and including ``b`` (from ``a`` itself with
    ``from_next_day=False``); 0 when ``b`` is earlier than the first counted day.

    The inverse of add_working_days: ``working_days_between(s, add_working_days(s, n)) == n``.
    Raises CalendarNotPublished when a year of the period is not entered completely.
    Side effects: none (one query).
    """
    day = a + ONE_DAY if from_next_day else a
    if b < day:
        return 0
    calendar = _Calendar(day.year, b.year)
    count = 0
    while day <= b:
        count += calendar.is_working(day)
        day += ONE_DAY
    return count


def missing_next_year(today: dt.date) -> int | None:
    """Next year, when it is 1 December or later and next year's arrangement is not complete.

    Side effects: none (one query from 1 December on).
    """
    if (today.month, today.day) < (12, 1):
        return None
    following = today.year + 1
    return None if CalendarYear.objects.filter(year=following, complete=True).exists() else following


# --- Keeping the table (bureau officers and the system administrator) ---------------------------


def require_manager(actor) -> None:
    if not manages_calendar.test(actor):
        raise PermissionDenied(NOT_MANAGER)


def _text(value) -> str:
    return str(value or "").strip()


def _check_year(year: int, field: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({field: f"年份应在 {FIRST_YEAR} 至 {LAST_YEAR} 之间。"})


def _summary(day: CalendarDay) -> dict:
    return {"date": day.date.isoformat(), "kind": day.kind, "name": day.name, "source": day.source}


@transaction.atomic
def add_day(*, actor, date: dt.date, kind: str, name: str, source: str) -> CalendarDay:
    """Enter one date of an arrangement: a statutory holiday, or a 调休 Saturday or Sunday worked.

    Refuses a make-up workday on Monday to Friday, a date already entered and blank name or source.
    A day may be added to a complete year (a correction or a supplementary notice); the counts use
    it at once. Side effects: inserts a CalendarDay; records ``workdays.day_added``.
    """
    require_manager(actor)
    problems: dict[str, str] = {}
    name, source = _text(name), _text(source)
    if kind not in CalendarDay.Kind.values:
        problems["kind"] = "请选择类型：法定节假日或调休上班。"
    if not name:
        problems["name"] = "请填写节日名称，如：国庆节。"
    elif len(name) > 50:
        problems["name"] = f"节日名称不能超过 50 个字（现有 {len(name)} 个）。"
    if not source:
        problems["source"] = "请填写来源通知，如：国办发明电〔2025〕7号。"
    elif len(source) > 200:
        problems["source"] = f"来源通知不能超过 200 个字（现有 {len(source)} 个）。"
    if not isinstance(date, dt.date):
        problems["date"] = "请填写日期。"
    elif not FIRST_YEAR <= date.year <= LAST_YEAR:
        problems["date"] = f"年份应在 {FIRST_YEAR} 至 {LAST_YEAR} 之间。"
    else:
        if kind == CalendarDay.Kind.WORKDAY and date.weekday() < 5:
            problems["date"] = "调休上班日应为周六或周日。"
        existing = CalendarDay.objects.filter(date=date).first()
        if existing is not None:
            problems["date"] = (f"{date:%Y-%m-%d} 已登记为{existing.get_kind_display()}（{existing.name}），"
                                "不能重复录入；如需更正，请先删除原记录。")
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            day = CalendarDay.objects.create(date=date, kind=kind, name=name, source=source, created_by=actor)
    except IntegrityError:  # entered by someone else at the same instant
        raise ValidationError({"date": f"{date:%Y-%m-%d} 已登记，不能重复录入。"}) from None
    record("workdays.day_added", actor=actor, target=day, data=_summary(day))
    return day


@transaction.atomic
def remove_day(day: CalendarDay, *, actor) -> None:
    """Remove one date from the table (a mistaken entry); the counts stop using it at once.

    Side effects: records ``workdays.day_removed`` with what the row said; deletes the CalendarDay.
    """
    require_manager(actor)
    record("workdays.day_removed", actor=actor, target=day, data=_summary(day))
    day.delete()


@transaction.atomic
def mark_year(year: int, *, actor, source: str = "", complete: bool = True) -> CalendarYear:
    """Mark a year's arrangement as entered completely (``complete=True``) or withdraw that mark.

    Marking complete needs the notice (e.g. 国务院办公厅关于2027年部分节假日安排的通知
    国办发明电〔2026〕X号) and at least one holiday entered in the year; from then on the year
    can be counted in. Withdrawing makes every count that needs the year refuse again.
    Side effects: inserts or updates the CalendarYear; records ``workdays.year_marked``.
    """
    require_manager(actor)
    _check_year(year, "year")
    source = _text(source)
    if complete:
        if not source:
            raise ValidationError({"source": "请填写来源通知（国务院办公厅关于该年部分节假日安排的通知及文号）。"})
        if len(source) > 200:
            raise ValidationError({"source": f"来源通知不能超过 200 个字（现有 {len(source)} 个）。"})
        holidays = CalendarDay.objects.filter(date__year=year, kind=CalendarDay.Kind.HOLIDAY)
        if not holidays.exists():
            raise ValidationError(f"{year} 年还没有录入任何法定节假日，不能标记为录入完整。")
    current = CalendarYear.objects.select_for_update().filter(year=year).first()
    if current is None:
        if not complete:
            raise ValidationError(f"{year} 年尚未标记为录入完整，无需撤销。")
        current = CalendarYear.objects.create(year=year, source=source, complete=True, created_by=actor)
    else:
        current.complete = complete
        current.source = source or current.source
        current.save(update_fields=["complete", "source"])
    days = CalendarDay.objects.filter(date__year=year)
    record("workdays.year_marked", actor=actor, target=current, data={
        "year": year, "complete": complete, "source": current.source,
        "holidays": days.filter(kind=CalendarDay.Kind.HOLIDAY).count(),
        "workdays": days.filter(kind=CalendarDay.Kind.WORKDAY).count(),
    })
    return current
