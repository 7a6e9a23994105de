"""System check: warn from 1 December when next year's holiday arrangement is not entered.

The State Council General Office usually publishes next year's arrangement in October or November;
without it, every working-day count that runs into next year (a publicity period in late December)
is refused.
"""

import datetime as dt

from django.core.checks import Warning
from django.db import DatabaseError
from django.utils import timezone

from shifan.workdays.domain import missing_next_year


def next_year_entered(app_configs=None, databases=None, *, today: dt.date | None = None, **kwargs) -> list:
    """``workdays.W001`` from 1 December when next year has no complete CalendarYear.

    ``today`` lets tests pick the date. Registered as a database check (apps.py), so it runs when
    a command touches the database (``migrate``, ``check --database default``); before the first
    migration the table does not exist yet and nothing is reported.
    """
    if not databases:
        return []
    try:
        year = missing_next_year(today or timezone.localdate())
    except DatabaseError:
        return []
    if year is None:
        return []
    return [Warning(
        f"{year} 年的节假日安排尚未录入。",
        hint=(f"国务院办公厅通常在 10–11 月公布下一年的节假日安排。请在“节假日管理”中录入 {year} 年的法定节假日"
              f"和调休上班日并标记为录入完整；否则凡需用到 {year} 年日期的工作日计算（如公示期）都将被拒绝。"),
        id="workdays.W001",
    )]
