"""Shared by the working-day tests here and the view tests."""

import datetime as dt

from shifan.workdays.domain import add_day, mark_year
from shifan.workdays.models import CalendarDay, CalendarYear
from shifan.workdays.seeds import seed_calendar

NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知（测试用，国办发明电〔2026〕99号）"


def seeded_calendar() -> None:
    """The seeded 2004–2026 arrangement, re-seeded if a transactional test flushed the tables."""
    seed_calendar(CalendarYear, CalendarDay)


def enter_2027(actor) -> CalendarYear:
    """A made-up 2027 arrangement as the bureau would enter it: 元旦 on Friday 1 January, a 调休
    Saturday on 20 February, then the year marked complete."""
    add_day(actor=actor, date=dt.date(2027, 1, 1), kind="holiday", name="元旦", source=NOTICE_2027)
    add_day(actor=actor, date=dt.date(2027, 2, 20), kind="workday", name="春节", source=NOTICE_2027)
    return mark_year(2027, actor=actor, source=NOTICE_2027)
