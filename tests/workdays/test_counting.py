"""Counting working days around the real 2026 holidays, and refusing a year that is not entered."""

import datetime as dt

import chinese_calendar
import pytest
from django.core.exceptions import ValidationError

from shifan.workdays.domain import (
    CalendarNotPublished,
    _Calendar,
    add_day,
    add_working_days,
    is_working_day,
    mark_year,
    remove_day,
    working_days_between,
)
from shifan.workdays.models import CalendarDay, CalendarYear
from tests.workdays.helpers import NOTICE_2027, enter_2027

pytestmark = pytest.mark.django_db

D = dt.date
REFUSAL_2027 = (
    "2027 年的节假日安排尚未录入，无法计算工作日。请系统管理员在“节假日管理”中录入国务院办公厅公布的安排。"
)


def test_publication_on_24_september_2026_ends_on_9_october_after_mid_autumn_and_national_day():
    # 9/25–9/27 中秋 off; 9/28, 9/29, 9/30 count; 10/1–10/7 国庆 off; 10/8, 10/9 count.
    assert add_working_days(D(2026, 9, 24), 5) == D(2026, 10, 9)
    assert add_working_days(D(2026, 9, 24), 5, from_next_day=True) == D(2026, 10, 9)


def test_spring_festival_2026_counts_the_make_up_saturday():
    # 2/12 Thu, 2/13 Fri, 2/14 Sat (调休上班), then 2/15–2/23 off, 2/24 Tue, 2/25 Wed.
    assert add_working_days(D(2026, 2, 12), 5, from_next_day=False) == D(2026, 2, 25)
    assert add_working_days(D(2026, 2, 11), 5) == D(2026, 2, 25)


def test_labour_day_2026_from_30_april_ends_on_11_may():
    # 5/1–5/5 off; 5/6, 5/7, 5/8, 5/9 (Sat, 调休上班) count; 5/10 Sunday off; 5/11.
    assert add_working_days(D(2026, 4, 30), 5) == D(2026, 5, 11)


def test_a_plain_week_skips_only_the_weekend():
    monday = D(2026, 3, 9)
    assert add_working_days(monday, 5) == D(2026, 3, 16)
    assert add_working_days(monday, 5, from_next_day=False) == D(2026, 3, 13)
    assert add_working_days(D(2026, 3, 13), 1) == D(2026, 3, 16)  # Friday → Monday
    assert working_days_between(monday, D(2026, 3, 15)) == 4


def test_a_start_that_is_not_a_working_day_does_not_count_itself():
    assert add_working_days(D(2026, 10, 1), 1, from_next_day=False) == D(2026, 10, 8)
    assert add_working_days(D(2026, 3, 14), 1, from_next_day=False) == D(2026, 3, 16)  # Saturday


@pytest.mark.parametrize(("day", "working"), [
    (D(2026, 1, 4), True),    # Sunday, 元旦调休上班
    (D(2026, 2, 14), True),   # Saturday, 春节调休上班
    (D(2026, 2, 16), False),  # Monday, 春节
    (D(2026, 9, 20), True),   # Sunday, 国庆调休上班
    (D(2026, 10, 10), True),  # Saturday, 国庆调休上班
    (D(2026, 10, 5), False),  # Monday, 国庆
    (D(2026, 3, 14), False),  # a plain Saturday
    (D(2026, 3, 16), True),   # a plain Monday
])
def test_is_working_day_follows_the_2026_notice(day, working):
    assert is_working_day(day) is working


def test_working_days_between_is_the_inverse_of_adding():
    assert working_days_between(D(2026, 9, 24), D(2026, 10, 9)) == 5
    assert working_days_between(D(2026, 2, 12), D(2026, 2, 25), from_next_day=False) == 5
    assert working_days_between(D(2026, 5, 1), D(2026, 4, 1)) == 0
    start = D(2026, 1, 1)
    while start < D(2026, 11, 30):
        for n in (1, 5, 20):
            assert working_days_between(start, add_working_days(start, n)) == n
        start += dt.timedelta(days=3)


def test_the_whole_of_2026_has_the_expected_number_of_working_days():
    # 261 weekdays, minus 19 holidays falling on weekdays, plus 6 调休 weekend days.
    assert working_days_between(D(2026, 1, 1), D(2026, 12, 31), from_next_day=False) == 248
    assert len(chinese_calendar.get_workdays(D(2026, 1, 1), D(2026, 12, 31))) == 248


def test_a_count_that_runs_into_2027_is_refused_with_the_exact_message():
    with pytest.raises(CalendarNotPublished) as excinfo:
        add_working_days(D(2026, 12, 28), 5)
    assert excinfo.value.year == 2027
    assert excinfo.value.messages == [REFUSAL_2027]
    assert isinstance(excinfo.value, ValidationError)


def test_a_count_ending_on_31_december_does_not_need_the_next_year():
    assert add_working_days(D(2026, 12, 24), 5) == D(2026, 12, 31)


@pytest.mark.parametrize("call", [
    lambda: is_working_day(D(2027, 1, 4)),
    lambda: add_working_days(D(2027, 3, 1), 1),
    lambda: add_working_days(D(2026, 12, 31), 1),
    lambda: working_days_between(D(2026, 12, 1), D(2027, 1, 10)),
    lambda: add_working_days(D(2003, 12, 1), 1),
])
def test_every_function_refuses_a_year_without_data(call):
    with pytest.raises(CalendarNotPublished):
        call()


def test_a_year_being_entered_but_not_marked_complete_is_still_refused(personas):
    add_day(actor=personas["bureau_officer"], date=D(2027, 1, 1), kind="holiday", name="元旦", source=NOTICE_2027)
    with pytest.raises(CalendarNotPublished):
        add_working_days(D(2026, 12, 28), 5)
    CalendarYear.objects.create(year=2027, source=NOTICE_2027, complete=False)
    with pytest.raises(CalendarNotPublished):
        add_working_days(D(2026, 12, 28), 5)


def test_a_year_the_bureau_entered_and_marked_complete_can_be_counted_in(personas):
    enter_2027(personas["bureau_officer"])
    # 12/29, 12/30, 12/31 count; 1/1 元旦 and the weekend are off; 1/4, 1/5.
    assert add_working_days(D(2026, 12, 28), 5) == D(2027, 1, 5)
    assert is_working_day(D(2027, 2, 20)) is True  # the entered 调休 Saturday
    assert is_working_day(D(2027, 2, 27)) is False


def test_withdrawing_the_complete_mark_refuses_again(personas):
    enter_2027(personas["bureau_admin"])
    mark_year(2027, actor=personas["bureau_admin"], complete=False)
    with pytest.raises(CalendarNotPublished):
        add_working_days(D(2026, 12, 28), 5)


def test_the_table_wins_over_chinese_calendar(personas):
    officer = personas["bureau_officer"]
    assert chinese_calendar.is_workday(D(2026, 10, 9)) is True
    add_day(actor=officer, date=D(2026, 10, 9), kind="holiday", name="国庆节", source="假设的补充通知")
    # 10/9 is now off and the 10/10 调休 Saturday becomes the fifth working day.
    assert add_working_days(D(2026, 9, 24), 5) == D(2026, 10, 10)
    remove_day(CalendarDay.objects.get(date=D(2026, 2, 14)), actor=officer)
    assert chinese_calendar.is_workday(D(2026, 2, 14)) is True
    assert add_working_days(D(2026, 2, 12), 5, from_next_day=False) == D(2026, 2, 26)


def test_each_count_reads_the_table_once_whatever_n_is(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert add_working_days(D(2026, 9, 24), 5) == D(2026, 10, 9)
    with django_assert_num_queries(1):
        assert add_working_days(D(2005, 1, 1), 2000) > D(2012, 1, 1)
    with django_assert_num_queries(1):
        assert working_days_between(D(2024, 1, 1), D(2026, 12, 31)) > 700
    with django_assert_num_queries(1):
        is_working_day(D(2026, 2, 14))


def test_a_count_past_the_span_first_read_reads_the_following_years(personas, django_assert_num_queries):
    enter_2027(personas["bureau_officer"])
    calendar = _Calendar(2026, 2026)
    with django_assert_num_queries(1):
        assert calendar.is_working(D(2027, 1, 4)) is True
    with django_assert_num_queries(0), pytest.raises(CalendarNotPublished):
        calendar.is_working(D(2028, 1, 3))


@pytest.mark.parametrize("n", [0, -1, True, 2.5])
def test_a_count_that_is_not_a_positive_integer_is_refused(n):
    with pytest.raises(ValidationError) as excinfo:
        add_working_days(D(2026, 3, 9), n)
    assert excinfo.value.messages == ["工作日天数应为不小于 1 的整数。"]
