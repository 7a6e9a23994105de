"""Seeding the holiday table from chinese-calendar, for the years that library knows (2004–2026 in 1.11.0).

Only the seed reads chinese-calendar: at run time the table is the one authority, so what the bureau
enters or removes always wins, and a year the table lacks is refused, never guessed.

What is stored for a seeded year: every holiday date chinese-calendar lists (weekend ones included,
so each holiday shows its whole span) and every make-up workday (all of them Saturdays or Sundays),
plus a complete CalendarYear. Years that already have a CalendarYear are left alone; a date the
bureau has already entered keeps the bureau's row.
"""

import datetime as dt

import chinese_calendar

LIBRARY = f"chinese-calendar {chinese_calendar.__version__}"
NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def notice_source(year: int) -> str:
    return f"国务院办公厅关于{year}年部分节假日安排的通知（数据来自 {LIBRARY}）"


def known_years() -> list[int]:
    """The years chinese-calendar has an arrangement for."""
    dates = [*chinese_calendar.holidays, *chinese_calendar.workdays]
    return list(range(min(dates).year, max(dates).year + 1))


def _notice_year(date: dt.date, english_name: str) -> int:
    # A December day off or make-up workday for New Year's Day belongs to the next year's notice.
    return date.year + 1 if date.month == 12 and english_name == "New Year's Day" else date.year


def arrangement(year: int) -> list[tuple[dt.date, str, str, str]]:
    """(date, kind, Chinese name, source) of every stored date of ``year``, in date order."""
    rows = []
    for kind, table in (("holiday", chinese_calendar.holidays), ("workday", chinese_calendar.workdays)):
        for date, english in table.items():
            if date.year == year:
                rows.append((date, kind, NAMES.get(english, english), notice_source(_notice_year(date, english))))
    return sorted(rows)


def seed_calendar(CalendarYear, CalendarDay, years=None) -> list[int]:
    """Seed ``years`` (default: every year chinese-calendar knows) that have no CalendarYear yet.

    Takes the model classes so that a migration can pass its historical models. Returns the
    years seeded. Side effects: bulk-inserts CalendarDay rows (skipping dates already entered)
    and one complete CalendarYear per seeded year. Not audited: it runs from migrations and
    from ``manage.py seed_workdays``, which reports what it did.
    """
    wanted = set(known_years() if years is None else years)
    todo = sorted(wanted - set(CalendarYear.objects.filter(year__in=wanted).values_list("year", flat=True)))
    days = [
        CalendarDay(date=date, kind=kind, name=name, source=source)
        for year in todo for date, kind, name, source in arrangement(year)
    ]
    CalendarDay.objects.bulk_create(days, ignore_conflicts=True, batch_size=500)
    CalendarYear.objects.bulk_create(
        [CalendarYear(year=year, source=notice_source(year), complete=True) for year in todo],
        ignore_conflicts=True,
    )
    return todo
