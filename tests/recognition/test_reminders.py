"""Expiry reminders on the right days (explicit ``today`` values stand in for time passing)."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from shifan.audit.models import AuditEvent
from shifan.notifications.models import Notification
from shifan.recognition.models import ExpiryReminder
from shifan.recognition.reminders import send_expiry_reminders
from tests.factories import ApplicationFactory, BatchFactory
from tests.recognition_factories import make_recognition

pytestmark = pytest.mark.django_db

EXPIRES = date(2029, 6, 30)


@pytest.fixture
def recognition(personas, org_a):
    old_batch = BatchFactory(year=2026)
    application = ApplicationFactory(organization=org_a, batch=old_batch, platform_name="甲科技服务平台")
    return make_recognition(application, officer=personas["bureau_officer"], head=personas["bureau_head"],
                            starts_on=date(2026, 6, 30), expires_on=EXPIRES)


def _sent():
    return [(n.recipient.username, n.subject) for n in Notification.objects.order_by("recipient__username", "pk")]


def test_reminders_go_out_90_and_30_days_before_and_only_once(recognition, personas):
    assert send_expiry_reminders(EXPIRES - timedelta(days=91)) == 0
    assert Notification.objects.count() == 0

    assert send_expiry_reminders(EXPIRES - timedelta(days=90)) == 1
    subject = "示范平台认定将于90天后到期：甲科技服务平台"
    assert _sent() == [("applicant_a", subject), ("applicant_a2", subject), ("bureau_officer", subject)]
    note = Notification.objects.get(recipient=personas["applicant_a"])
    assert note.body == ("「甲科技服务平台」的南昌市中小企业公共服务示范平台认定有效期至2029年6月30日，还有90天到期。"
                         "有效期满后如需继续保持称号，请在申报批次开放时重新申报，可基于本次认定材料开始新申报。")
    assert (note.event, note.link) == ("recognition.expiry_reminder", "/applicant/")
    officer_note = Notification.objects.get(recipient=personas["bureau_officer"])
    assert officer_note.link == f"/bureau/recognitions/{recognition.pk}/"

    assert send_expiry_reminders(EXPIRES - timedelta(days=89)) == 0
    assert send_expiry_reminders(EXPIRES - timedelta(days=31)) == 0
    assert Notification.objects.count() == 3

    assert send_expiry_reminders(EXPIRES - timedelta(days=30)) == 1
    assert send_expiry_reminders(EXPIRES - timedelta(days=30)) == 0  # running twice sends once
    assert send_expiry_reminders(EXPIRES - timedelta(days=10)) == 0
    assert send_expiry_reminders(EXPIRES + timedelta(days=1)) == 0
    assert Notification.objects.filter(subject="示范平台认定将于30天后到期：甲科技服务平台").count() == 3
    assert list(ExpiryReminder.objects.order_by("days_before").values_list("days_before", "sent_on")) == [
        (30, EXPIRES - timedelta(days=30)), (90, EXPIRES - timedelta(days=90))]
    events = AuditEvent.objects.filter(event="recognition.expiry_reminder_sent").order_by("seq")
    assert [e.data for e in events] == [
        {"days_before": 90, "days_left": 90, "expires_on": "2029-06-30"},
        {"days_before": 30, "days_left": 30, "expires_on": "2029-06-30"},
    ]
    assert all(e.target_id == str(recognition.pk) for e in events)


def test_a_late_run_sends_only_the_most_urgent_reminder(recognition):
    assert send_expiry_reminders(EXPIRES - timedelta(days=20)) == 1
    assert set(Notification.objects.values_list("subject", flat=True)) == {"示范平台认定将于20天后到期：甲科技服务平台"}
    assert sorted(ExpiryReminder.objects.values_list("days_before", flat=True)) == [30, 90]
    assert send_expiry_reminders(EXPIRES - timedelta(days=19)) == 0


def test_revoked_and_expired_recognitions_get_no_reminder(personas, org_a, org_b):
    officer, head = personas["bureau_officer"], personas["bureau_head"]
    make_recognition(ApplicationFactory(organization=org_a, batch=BatchFactory(year=2026)), officer=officer,
                     head=head, starts_on=date(2026, 6, 30), expires_on=EXPIRES, revoked=True)
    make_recognition(ApplicationFactory(organization=org_b, batch=BatchFactory(year=2025)), officer=officer,
                     head=head, starts_on=date(2025, 6, 30), expires_on=EXPIRES - timedelta(days=100))
    assert send_expiry_reminders(EXPIRES - timedelta(days=90)) == 0
    assert send_expiry_reminders(EXPIRES - timedelta(days=30)) == 0
    assert Notification.objects.count() == 0
    assert ExpiryReminder.objects.count() == 0


def test_the_command_takes_a_date(recognition, capsys):
    call_command("send_expiry_reminders", "--today", "2029-04-01")
    assert capsys.readouterr().out == "2029-04-01：发送到期提醒 1 条。\n"
    call_command("send_expiry_reminders", "--today", "2029-04-01")
    assert capsys.readouterr().out == "2029-04-01：发送到期提醒 0 条。\n"
