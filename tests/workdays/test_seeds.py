"""The table seeded from chinese-calendar: the years it knows, the 2026 notice, and re-seeding."""

import datetime as dt
from io import StringIO

import chinese_calendar
import pytest
from django.core.management import CommandError, call_command

from shifan.workdays.domain import add_day, is_working_day, working_days_between
from shifan.workdays.models import CalendarDay, CalendarYear
from shifan.workdays.seeds import known_years, seed_calendar

pytestmark = pytest.mark.django_db

D = dt.date
SOURCE_2026 = "国务院办公厅关于2026年部分节假日安排的通知（数据来自 chinese-calendar 1.11.0）"


def _span(first: dt.date, last: dt.date) -> set[dt.date]:
    return {first + dt.timedelta(days=i) for i in range((last - first).days + 1)}


def test_the_years_chinese_calendar_knows_are_seeded_complete():
    assert known_years() == list(range(2004, 2027))
    years = CalendarYear.objects.order_by("year")
    assert [y.year for y in years] == list(range(2004, 2027))
    assert all(y.complete and y.created_by is None for y in years)
    assert years.get(year=2026).source == SOURCE_2026


def test_2026_matches_the_state_council_notice():
    holidays = set(CalendarDay.objects.filter(date__year=2026, kind="holiday").values_list("date", flat=True))
    assert holidays == (
        _span(D(2026, 1, 1), D(2026, 1, 3)) | _span(D(2026, 2, 15), D(2026, 2, 23))
        | _span(D(2026, 4, 4), D(2026, 4, 6)) | _span(D(2026, 5, 1), D(2026, 5, 5))
        | _span(D(2026, 6, 19), D(2026, 6, 21))
        | _span(D(2026, 9, 25), D(2026, 9, 27)) | _span(D(2026, 10, 1), D(2026, 10, 7))
    )
    workdays = dict(CalendarDay.objects.filter(date__year=2026, kind="workday").values_list("date", "name"))
    assert workdays == {D(2026, 1, 4): "元旦", D(2026, 2, 14): "春节", D(2026, 2, 28): "春节",
                        D(2026, 5, 9): "劳动节", D(2026, 9, 20): "国庆节", D(2026, 10, 10): "国庆节"}
    assert CalendarDay.objects.get(date=D(2026, 9, 25)).name == "中秋节"
    assert set(CalendarDay.objects.filter(date__year=2026).values_list("source", flat=True)) == {SOURCE_2026}


def test_every_make_up_workday_is_a_weekend_day_and_names_are_chinese():
    assert all(d.weekday() >= 5 for d in CalendarDay.objects.filter(kind="workday").values_list("date", flat=True))
    assert set(CalendarDay.objects.values_list("name", flat=True)) == {
        "元旦", "春节", "清明节", "劳动节", "端午节", "国庆节", "中秋节",
        "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
    }


def test_a_december_new_year_day_belongs_to_the_next_years_notice():
    assert CalendarDay.objects.get(date=D(2018, 12, 29)).source.startswith("国务院办公厅关于2019年")
    assert CalendarDay.objects.get(date=D(2018, 12, 31)).source.startswith("国务院办公厅关于2019年")


def test_the_table_agrees_with_chinese_calendar_on_every_day_it_knows():
    for year in known_years():
        first, last = D(year, 1, 1), D(year, 12, 31)
        assert working_days_between(first, last, from_next_day=False) == len(chinese_calendar.get_workdays(first, last))
    for day in _span(D(2026, 1, 1), D(2026, 12, 31)):
        assert is_working_day(day) is chinese_calendar.is_workday(day), day


def test_seeding_again_changes_nothing_and_keeps_the_bureaus_rows(personas):
    count = CalendarDay.objects.count()
    assert seed_calendar(CalendarYear, CalendarDay) == []
    assert CalendarDay.objects.count() == count
    CalendarYear.objects.filter(year=2025).delete()
    CalendarDay.objects.filter(date=D(2025, 10, 8)).delete()
    add_day(actor=personas["bureau_officer"], date=D(2025, 10, 8), kind="holiday", name="中秋节", source="市局录入")
    assert seed_calendar(CalendarYear, CalendarDay) == [2025]
    assert CalendarDay.objects.get(date=D(2025, 10, 8)).source == "市局录入"
    assert CalendarDay.objects.count() == count


def test_the_command_seeds_known_years_and_refuses_others():
    out = StringIO()
    call_command("seed_workdays", "--year", "2026", stdout=out)
    assert out.getvalue() == "已登记，未改动：2026 年。\n"
    with pytest.raises(CommandError) as excinfo:
        call_command("seed_workdays", "--year", "2027")
    assert str(excinfo.value).startswith("chinese-calendar 1.11.0 没有 2027 年的节假日安排（已知 2004–2026 年）")
    CalendarYear.objects.filter(year=2010).delete()
    out = StringIO()
    call_command("seed_workdays", stdout=out)
    assert out.getvalue().startswith("已补录：2010 年。\n已登记，未改动：2004、2005")
