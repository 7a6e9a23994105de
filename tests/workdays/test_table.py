"""Keeping the holiday table: who may, what is refused with which message, what is audited."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shifan.audit.models import AuditEvent
from shifan.audit.verify import verify_chain
from shifan.workdays.domain import add_day, mark_year, remove_day
from shifan.workdays.models import CalendarDay, CalendarYear
from tests.workdays.helpers import NOTICE_2027

pytestmark = pytest.mark.django_db

D = dt.date
NEW_YEAR_2027 = {"date": D(2027, 1, 1), "kind": "holiday", "name": "元旦", "source": NOTICE_2027}


@pytest.mark.parametrize("persona", ["bureau_officer", "bureau_admin"])
def test_officers_and_the_admin_add_a_day_which_is_audited(personas, persona):
    day = add_day(actor=personas[persona], **NEW_YEAR_2027 | {"name": " 元旦 "})
    assert (day.date, day.kind, day.name, day.source, day.created_by) == (
        D(2027, 1, 1), "holiday", "元旦", NOTICE_2027, personas[persona])
    event = AuditEvent.objects.get(event="workdays.day_added")
    assert (event.actor_label, event.target_type, event.target_id) == (persona, "workdays.calendarday", str(day.pk))
    assert event.data == {"date": "2027-01-01", "kind": "holiday", "name": "元旦", "source": NOTICE_2027}
    assert verify_chain().ok


@pytest.mark.parametrize("persona", ["bureau_head", "officer_x", "applicant_a", "expert_1", "agency", "auditor"])
def test_nobody_else_may_change_the_table(personas, persona):
    actor = personas[persona]
    with pytest.raises(PermissionDenied, match="只有市局经办人员或系统管理员可以维护节假日安排。"):
        add_day(actor=actor, **NEW_YEAR_2027)
    with pytest.raises(PermissionDenied):
        remove_day(CalendarDay.objects.get(date=D(2026, 10, 1)), actor=actor)
    with pytest.raises(PermissionDenied):
        mark_year(2026, actor=actor, complete=False)
    assert not AuditEvent.objects.filter(event__startswith="workdays.").exists()
    assert CalendarDay.objects.filter(date=D(2026, 10, 1)).exists()


def test_a_make_up_workday_on_a_weekday_is_refused(personas):
    with pytest.raises(ValidationError) as excinfo:
        add_day(actor=personas["bureau_officer"], date=D(2027, 2, 17), kind="workday", name="春节", source=NOTICE_2027)
    assert excinfo.value.message_dict == {"date": ["调休上班日应为周六或周日。"]}
    add_day(actor=personas["bureau_officer"], date=D(2027, 2, 20), kind="workday", name="春节", source=NOTICE_2027)


def test_a_date_already_entered_is_refused_naming_what_it_is(personas):
    with pytest.raises(ValidationError) as excinfo:
        add_day(actor=personas["bureau_officer"], date=D(2026, 10, 1), kind="holiday", name="国庆节", source="x")
    assert excinfo.value.message_dict == {
        "date": ["2026-10-01 已登记为法定节假日（国庆节），不能重复录入；如需更正，请先删除原记录。"]}
    assert CalendarDay.objects.filter(date=D(2026, 10, 1)).count() == 1


def test_blank_fields_and_an_unknown_kind_are_refused_field_by_field(personas):
    with pytest.raises(ValidationError) as excinfo:
        add_day(actor=personas["bureau_officer"], date=D(2027, 1, 1), kind="rest", name=" ", source="")
    assert excinfo.value.message_dict == {
        "kind": ["请选择类型：法定节假日或调休上班。"],
        "name": ["请填写节日名称，如：国庆节。"],
        "source": ["请填写来源通知，如：国办发明电〔2025〕7号。"],
    }
    with pytest.raises(ValidationError) as excinfo:
        add_day(actor=personas["bureau_officer"], **NEW_YEAR_2027 | {"date": D(2101, 1, 1)})
    assert excinfo.value.message_dict == {"date": ["年份应在 2000 至 2100 之间。"]}


def test_removing_a_day_records_what_it_said(personas):
    day = CalendarDay.objects.get(date=D(2026, 10, 10))
    pk = day.pk
    remove_day(day, actor=personas["bureau_admin"])
    assert not CalendarDay.objects.filter(date=D(2026, 10, 10)).exists()
    event = AuditEvent.objects.get(event="workdays.day_removed")
    assert (event.actor_label, event.target_id) == ("bureau_admin", str(pk))
    assert event.data == {"date": "2026-10-10", "kind": "workday", "name": "国庆节",
                          "source": "国务院办公厅关于2026年部分节假日安排的通知（数据来自 chinese-calendar 1.11.0）"}


def test_marking_a_year_complete_needs_its_notice_and_a_holiday(personas):
    officer = personas["bureau_officer"]
    with pytest.raises(ValidationError) as excinfo:
        mark_year(2027, actor=officer, source=" ")
    assert excinfo.value.message_dict == {
        "source": ["请填写来源通知（国务院办公厅关于该年部分节假日安排的通知及文号）。"]}
    with pytest.raises(ValidationError) as excinfo:
        mark_year(2027, actor=officer, source=NOTICE_2027)
    assert excinfo.value.messages == ["2027 年还没有录入任何法定节假日，不能标记为录入完整。"]
    with pytest.raises(ValidationError) as excinfo:
        mark_year(2027, actor=officer, complete=False)
    assert excinfo.value.messages == ["2027 年尚未标记为录入完整，无需撤销。"]
    with pytest.raises(ValidationError) as excinfo:
        mark_year(1999, actor=officer, source=NOTICE_2027)
    assert excinfo.value.message_dict == {"year": ["年份应在 2000 至 2100 之间。"]}
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not AuditEvent.objects.filter(event="workdays.year_marked").exists()


def test_marking_and_withdrawing_are_audited_with_the_counts(personas):
    admin = personas["bureau_admin"]
    add_day(actor=admin, **NEW_YEAR_2027)
    add_day(actor=admin, date=D(2027, 2, 20), kind="workday", name="春节", source=NOTICE_2027)
    entry = mark_year(2027, actor=admin, source=f" {NOTICE_2027} ")
    assert (entry.complete, entry.source, entry.created_by) == (True, NOTICE_2027, admin)
    mark_year(2027, actor=personas["bureau_officer"], complete=False)
    entry.refresh_from_db()
    assert (entry.complete, entry.source) == (False, NOTICE_2027)
    events = list(AuditEvent.objects.filter(event="workdays.year_marked").order_by("seq"))
    assert [(e.actor_label, e.target_id, e.data) for e in events] == [
        ("bureau_admin", str(entry.pk),
         {"year": 2027, "complete": True, "source": NOTICE_2027, "holidays": 1, "workdays": 1}),
        ("bureau_officer", str(entry.pk),
         {"year": 2027, "complete": False, "source": NOTICE_2027, "holidays": 1, "workdays": 1}),
    ]
    assert verify_chain().ok
