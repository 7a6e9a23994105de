"""The bureau enters next year's holiday arrangement, marks it complete and counts working days into it."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from shifan.workdays.domain import add_working_days
from shifan.workdays.models import CalendarDay, CalendarYear
from tests.conftest import PASSWORD
from tests.workdays.helpers import seeded_calendar

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTICE = "国务院办公厅关于2027年部分节假日安排的通知（测试用，国办发明电〔2026〕99号）"
REFUSAL = "2027 年的节假日安排尚未录入，无法计算工作日。请系统管理员在“节假日管理”中录入国务院办公厅公布的安排。"


def _calculate(page, start: str, days: str) -> None:
    page.get_by_role("textbox", name="起算日期", exact=True).fill(start)
    page.get_by_label("工作日天数").fill(days)
    expect(page.get_by_label("从次日起算（起算日期当天不计）")).to_be_checked()
    page.get_by_role("button", name="计算").click()


def _enter_day(page, date: str, kind: str, name: str) -> None:
    page.get_by_role("textbox", name="日期", exact=True).fill(date)
    page.get_by_label("类型").select_option(label=kind)
    page.get_by_label("节日名称").fill(name)
    page.get_by_label("来源通知").fill(NOTICE)
    page.get_by_role("button", name="录入", exact=True).click()


def test_the_admin_enters_2027_marks_it_complete_and_counts_into_it(page, live_server, sign_in, screenshot, personas):
    seeded_calendar()  # a transactional test before this one may have flushed the seeded years
    sign_in("bureau_admin", PASSWORD)
    page.get_by_role("link", name="节假日管理").click()
    expect(page.get_by_role("heading", name="节假日管理")).to_be_visible()

    # Before 2027 is entered, a count running into it is refused with the reason.
    page.get_by_role("link", name="计算工作日").click()
    _calculate(page, "2026-12-28", "5")
    expect(page.locator(".errors")).to_have_text(REFUSAL)
    screenshot("workdays-refused")

    page.get_by_role("link", name="节假日管理").click()
    page.get_by_role("link", name="2027 年", exact=True).click()
    expect(page.get_by_role("heading", name="2027 年节假日安排")).to_be_visible()
    _enter_day(page, "2027-01-01", "法定节假日", "元旦")
    expect(page.locator(".message.success")).to_have_text("已录入 2027-01-01（星期五）：元旦，法定节假日。")
    _enter_day(page, "2027-02-17", "调休上班", "春节")  # a Wednesday: refused
    expect(page.locator(".field-error")).to_have_text("调休上班日应为周六或周日。")
    page.get_by_role("textbox", name="日期", exact=True).fill("2027-02-20")
    page.get_by_role("button", name="录入", exact=True).click()
    expect(page.locator(".message.success")).to_have_text("已录入 2027-02-20（星期六）：春节，调休上班。")
    expect(page.get_by_role("row", name="2027-02-20")).to_contain_text("调休上班")

    page.get_by_label("通知名称及文号").fill(NOTICE)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="标记为录入完整").click()
    expect(page.locator(".message.success")).to_have_text("已将 2027 年标记为录入完整，工作日计算将使用本页的安排。")
    screenshot("workdays-2027-complete")
    assert CalendarYear.objects.get(year=2027).complete
    assert CalendarDay.objects.filter(date__year=2027).count() == 2

    # 12/29, 12/30, 12/31; 1/1 元旦 and the weekend off; 1/4, 1/5.
    page.get_by_role("link", name="计算工作日").click()
    _calculate(page, "2026-12-28", "5")
    expect(page.locator(".result")).to_have_text(
        "自 2026年12月28日（星期一）的次日起算，第 5 个工作日为 2027年1月5日（星期二）。")
    screenshot("workdays-calculated")
    assert add_working_days(dt.date(2026, 12, 28), 5) == dt.date(2027, 1, 5)
