"""The holiday table's object for the authorization matrix: one entered day of a year no one counts in."""

import datetime as dt

from shifan.workdays.models import CalendarDay


def add(*, personas, world) -> dict:
    day = CalendarDay.objects.create(date=dt.date(2031, 1, 1), kind="holiday", name="元旦", source="矩阵测试用通知",
                                     created_by=personas["bureau_officer"])
    return {"workdays_day": day}
