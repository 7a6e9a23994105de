"""The holiday table's pages (节假日管理) and the working-day calculator."""

import datetime as dt

import pytest
from django.utils import timezone

from shifan.audit.models import AuditEvent
from shifan.workdays.models import CalendarDay, CalendarYear
from tests.workdays.helpers import NOTICE_2027, seeded_calendar

pytestmark = pytest.mark.django_db

REFUSAL_2027 = (
    "2027 年的节假日安排尚未录入，无法计算工作日。请系统管理员在“节假日管理”中录入国务院办公厅公布的安排。"
)
NEW_YEAR = {"date": "2027-01-01", "kind": "holiday", "name": "元旦", "source": NOTICE_2027}


@pytest.fixture(autouse=True)
def _calendar(db):
    seeded_calendar()


def _page(response) -> str:
    return response.content.decode()


@pytest.fixture
def december_2026(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 12, 1))


def test_the_year_page_lists_holidays_and_make_up_days_with_their_notices(client_for):
    response = client_for("bureau_officer").get("/bureau/workdays/2026/")
    page = _page(response)
    assert response.status_code == 200
    assert "2026 年节假日安排" in page and "已录入完整" in page
    assert "2026-10-10" in page and "星期六" in page and "调休上班" in page and "国庆节" in page
    assert "国务院办公厅关于2026年部分节假日安排的通知（数据来自 chinese-calendar 1.11.0）" in page
    assert "录入一天" in page and "data-confirm=\"删除 2026-10-10（国庆节，调休上班）" in page
    assert "撤销标记" in page


def test_a_head_reads_without_forms_and_the_admin_manages_from_the_system_page(client_for):
    page = _page(client_for("bureau_head").get("/bureau/workdays/2026/"))
    assert "国庆节" in page and "录入一天" not in page and "data-confirm" not in page
    page = _page(client_for("bureau_admin").get("/bureau/workdays/2026/"))
    assert "录入一天" in page and '<a href="/bureau/system/">系统管理</a>' in page
    assert 'href="/bureau/workdays/"' in _page(client_for("bureau_admin").get("/bureau/system/"))
    assert 'href="/bureau/workdays/"' in _page(client_for("bureau_officer").get("/bureau/"))


def test_a_year_not_entered_says_that_counts_will_be_refused(client_for):
    page = _page(client_for("bureau_officer").get("/bureau/workdays/2027/"))
    assert "未录入完整" in page and "2027 年还没有录入节假日安排。" in page
    assert "凡需用到 2027 年日期的工作日计算都将被拒绝" in page


def test_the_overview_lists_years_and_warns_from_1_december(client_for, december_2026):
    page = _page(client_for("bureau_officer").get("/bureau/workdays/"))
    assert 'href="/bureau/workdays/2004/"' in page and 'href="/bureau/workdays/2027/"' in page
    assert "2027 年的节假日安排尚未录入。" in page and "录入 2027 年" in page


def test_an_officer_enters_a_day_and_it_is_audited(client_for):
    client = client_for("bureau_officer")
    response = client.post("/bureau/workdays/2027/days/add/", NEW_YEAR)
    assert response.status_code == 302 and response["Location"] == "/bureau/workdays/2027/"
    day = CalendarDay.objects.get(date=dt.date(2027, 1, 1))
    assert (day.kind, day.name, day.source) == ("holiday", "元旦", NOTICE_2027)
    assert AuditEvent.objects.filter(event="workdays.day_added", actor_label="bureau_officer").count() == 1
    page = _page(client.get("/bureau/workdays/2027/"))
    assert "已录入 2027-01-01（星期五）：元旦，法定节假日。" in page


def test_a_make_up_workday_on_a_weekday_is_refused_keeping_the_input(client_for):
    data = {**NEW_YEAR, "date": "2027-02-17", "kind": "workday", "name": "春节"}
    response = client_for("bureau_admin").post("/bureau/workdays/2027/days/add/", data)
    page = _page(response)
    assert response.status_code == 400
    assert "调休上班日应为周六或周日。" in page
    assert 'value="春节"' in page and 'value="2027-02-17"' in page
    assert not CalendarDay.objects.filter(date=dt.date(2027, 2, 17)).exists()


def test_a_duplicate_date_is_refused(client_for):
    response = client_for("bureau_officer").post("/bureau/workdays/2026/days/add/",
                                                 {**NEW_YEAR, "date": "2026-10-01", "name": "国庆节"})
    assert response.status_code == 400
    assert "2026-10-01 已登记为法定节假日（国庆节），不能重复录入；如需更正，请先删除原记录。" in _page(response)


@pytest.mark.parametrize(("data", "message"), [
    ({}, "请填写日期。"),
    ({}, "请选择类型：法定节假日或调休上班。"),
    ({}, "请填写节日名称，如：国庆节。"),
    ({}, "请填写来源通知，如：国办发明电〔2025〕7号。"),
    ({**NEW_YEAR, "date": "2027/13/01"}, "日期格式不正确，应如 2027-01-01。"),
    ({**NEW_YEAR, "kind": "rest"}, "请选择类型：法定节假日或调休上班。"),
])
def test_bad_input_gets_a_chinese_message(client_for, data, message):
    response = client_for("bureau_officer").post("/bureau/workdays/2027/days/add/", data)
    assert response.status_code == 400
    assert message in _page(response)


def test_a_head_may_not_change_the_table(client_for):
    client = client_for("bureau_head")
    assert client.post("/bureau/workdays/2027/days/add/", NEW_YEAR).status_code == 403
    day = CalendarDay.objects.get(date=dt.date(2026, 10, 10))
    assert client.post(f"/bureau/workdays/days/{day.pk}/remove/").status_code == 403
    assert client.post("/bureau/workdays/2026/mark/", {"complete": "0"}).status_code == 403
    assert CalendarDay.objects.filter(pk=day.pk).exists() and CalendarYear.objects.get(year=2026).complete


def test_removing_a_day(client_for):
    client = client_for("bureau_admin")
    day = CalendarDay.objects.get(date=dt.date(2026, 10, 10))
    response = client.post(f"/bureau/workdays/days/{day.pk}/remove/", follow=True)
    assert response.redirect_chain == [("/bureau/workdays/2026/", 302)]
    assert "已删除 2026-10-10（国庆节，调休上班）。" in _page(response)
    assert not CalendarDay.objects.filter(pk=day.pk).exists()
    assert AuditEvent.objects.filter(event="workdays.day_removed", actor_label="bureau_admin").count() == 1
    assert client.post(f"/bureau/workdays/days/{day.pk}/remove/").status_code == 404


def test_marking_a_year_complete_and_withdrawing_the_mark(client_for):
    client = client_for("bureau_officer")
    response = client.post("/bureau/workdays/2027/mark/", {"complete": "1", "source": NOTICE_2027})
    assert response.status_code == 400
    assert "2027 年还没有录入任何法定节假日，不能标记为录入完整。" in _page(response)
    client.post("/bureau/workdays/2027/days/add/", NEW_YEAR)
    response = client.post("/bureau/workdays/2027/mark/", {"complete": "1", "source": ""})
    assert response.status_code == 400
    assert "请填写来源通知（国务院办公厅关于该年部分节假日安排的通知及文号）。" in _page(response)
    response = client.post("/bureau/workdays/2027/mark/", {"complete": "1", "source": NOTICE_2027}, follow=True)
    assert "已将 2027 年标记为录入完整，工作日计算将使用本页的安排。" in _page(response)
    assert CalendarYear.objects.get(year=2027).complete
    response = client.post("/bureau/workdays/2027/mark/", {"complete": "0"}, follow=True)
    assert "已撤销 2027 年的“录入完整”标记：需用到 2027 年日期的工作日计算将被拒绝。" in _page(response)
    assert not CalendarYear.objects.get(year=2027).complete
    assert AuditEvent.objects.filter(event="workdays.year_marked").count() == 2


def test_a_year_outside_2000_to_2100_is_not_found(client_for):
    assert client_for("bureau_officer").get("/bureau/workdays/1999/").status_code == 404
    assert client_for("bureau_officer").post("/bureau/workdays/2101/days/add/", NEW_YEAR).status_code == 404


def test_the_calculator_counts_from_the_next_day(client_for):
    client = client_for("bureau_head")
    page = _page(client.get("/bureau/workdays/calculator/"))
    assert 'name="from_next_day" id="id_from_next_day" checked' in page and 'value="5"' in page
    response = client.get("/bureau/workdays/calculator/", {"start": "2026-09-24", "days": "5", "from_next_day": "on"})
    page = _page(response)
    assert response.status_code == 200
    assert "自 2026年9月24日（星期四）的次日起算，第 5 个工作日为 <strong>2026年10月9日（星期五）</strong>。" in page
    assert "期间 2026-09-25 至 2026-10-09，共 15 个自然日。" in page
    page = _page(client.get("/bureau/workdays/calculator/", {"start": "2026-02-12", "days": "5"}))
    assert "自 2026年2月12日（星期四）起算，第 5 个工作日为 <strong>2026年2月25日（星期三）</strong>。" in page


def test_the_calculator_refuses_a_year_without_data(client_for):
    response = client_for("bureau_officer").get(
        "/bureau/workdays/calculator/", {"start": "2026-12-28", "days": "5", "from_next_day": "on"})
    assert response.status_code == 400
    assert REFUSAL_2027 in _page(response)
    assert "计算结果" not in _page(response)


@pytest.mark.parametrize(("query", "message"), [
    ({"start": "2026-09-24", "days": "0"}, "工作日天数至少为 1 天。"),
    ({"start": "2026-09-24", "days": "400"}, "工作日天数不能超过 365 天。"),
    ({"start": "2026-09-24", "days": "五"}, "工作日天数应为整数。"),
    ({"start": "明天", "days": "5"}, "日期格式不正确，应如 2027-01-01。"),
    ({"start": "", "days": ""}, "请填写日期。"),
])
def test_the_calculator_explains_bad_input(client_for, query, message):
    response = client_for("bureau_admin").get("/bureau/workdays/calculator/", query)
    assert response.status_code == 400
    assert message in _page(response)
