"""Queue and retry: a channel that is down never blocks the caller; send_pending retries with backoff."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from shifan.notifications import sms
from shifan.notifications.domain import MAX_ATTEMPTS, notify, send_pending
from shifan.notifications.models import Notification

pytestmark = pytest.mark.django_db

FAILING = "tests.support.failing_email.UnreachableEmailBackend"
WORKING = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def mobile_for_applicant_a(user) -> str:
    return "13912345678" if user.username == "applicant_a" else ""


def _notify_in_a_business_transaction(personas, django_capture_on_commit_callbacks, **kwargs):
    user = personas["applicant_a"]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        user.display_name = "甲用户（已改）"  # the caller's own change
        user.save()
        notify([user], event="x", subject="请补正材料", body="内容", link="/applicant/", **kwargs)
    return Notification.objects.get()


@override_settings(EMAIL_BACKEND=FAILING)
def test_a_failing_mail_backend_keeps_the_inbox_row_and_the_callers_change(
    personas, client_for, django_capture_on_commit_callbacks
):
    before = timezone.now()
    note = _notify_in_a_business_transaction(personas, django_capture_on_commit_callbacks)

    personas["applicant_a"].refresh_from_db()
    assert personas["applicant_a"].display_name == "甲用户（已改）"
    assert (note.email_status, note.email_attempts) == ("retry", 1)
    assert note.email_error == "SMTP server 127.0.0.1:25 refused the connection"
    assert before + timedelta(minutes=1) <= note.email_next_attempt_at <= timezone.now() + timedelta(minutes=1)
    page = client_for("applicant_a").get("/home/inbox/").content.decode()
    assert "请补正材料" in page
    assert "邮件：待重发" in page


def test_send_pending_retries_after_the_backoff_and_succeeds(personas, client_for, django_capture_on_commit_callbacks):
    with override_settings(EMAIL_BACKEND=FAILING):
        note = _notify_in_a_business_transaction(personas, django_capture_on_commit_callbacks)
    first_try = note.email_next_attempt_at - timedelta(minutes=1)

    assert send_pending(now=first_try + timedelta(seconds=30)) == {}  # not due yet
    assert mail.outbox == []
    assert send_pending(now=first_try + timedelta(minutes=1)) == {"sent": 1}

    note.refresh_from_db()
    assert (note.email_status, note.email_attempts, note.email_error, note.email_next_attempt_at) == (
        "sent", 2, "", None)
    assert [m.to for m in mail.outbox] == [["applicant_a@example.test"]]
    assert mail.outbox[0].subject == "请补正材料"
    assert "邮件：已发送" in client_for("applicant_a").get("/home/inbox/").content.decode()
    assert send_pending(now=first_try + timedelta(hours=5)) == {}  # sent once only


@override_settings(EMAIL_BACKEND=FAILING)
def test_it_backs_off_1_5_30_120_minutes_then_gives_up(personas, client_for, django_capture_on_commit_callbacks):
    note = _notify_in_a_business_transaction(personas, django_capture_on_commit_callbacks)
    now = note.email_next_attempt_at
    for wait in (5, 30, 120):
        assert send_pending(now=now) == {"retry": 1}
        note.refresh_from_db()
        assert note.email_next_attempt_at == now + timedelta(minutes=wait)
        now = note.email_next_attempt_at
    assert send_pending(now=now) == {"failed": 1}

    note.refresh_from_db()
    assert (note.email_status, note.email_attempts, note.email_next_attempt_at) == ("failed", MAX_ATTEMPTS, None)
    assert send_pending(now=now + timedelta(days=1)) == {}
    page = client_for("applicant_a").get("/home/inbox/").content.decode()
    assert "请补正材料" in page
    assert "邮件：发送失败" in page


@override_settings(SHIFAN_SMS_RECIPIENT_MOBILE="tests.notifications.test_retry.mobile_for_applicant_a")
def test_sms_goes_to_users_with_a_mobile_when_asked(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas["applicant_a"], personas["applicant_b"]], event="x", subject="请补正材料", body="内容",
               sms=True)
        notify([personas["applicant_a"]], event="y", subject="不发短信的消息", body="内容")
    statuses = {(n.recipient.username, n.event): n.sms_status for n in Notification.objects.all()}
    assert statuses == {("applicant_a", "x"): "sent", ("applicant_b", "x"): "skipped", ("applicant_a", "y"): "none"}
    assert sms.outbox == [("13912345678", "【南昌市中小企业服务局】请补正材料。请登录系统查看。")]


def test_without_a_mobile_source_sms_is_skipped_and_mail_still_goes(personas, django_capture_on_commit_callbacks):
    """The default source reads User.mobile: a user who has not set one is 无联系方式 for SMS."""
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas["applicant_a"]], event="x", subject="请补正材料", body="内容", sms=True)
    note = Notification.objects.get()
    assert (note.email_status, note.sms_status) == ("sent", "skipped")
    assert sms.outbox == []


@override_settings(SHIFAN_SMS_RECIPIENT_MOBILE="tests.notifications.test_retry.mobile_for_applicant_a",
                   SHIFAN_SMS_BACKEND="shifan.notifications.sms.FailingBackend")
def test_a_failing_sms_gateway_is_retried_like_mail(personas, django_capture_on_commit_callbacks):
    note = _notify_in_a_business_transaction(personas, django_capture_on_commit_callbacks, sms=True)
    assert (note.email_status, note.sms_status, note.sms_attempts, note.sms_error) == (
        "sent", "retry", 1, "SMS gateway unreachable")
    with override_settings(SHIFAN_SMS_BACKEND="shifan.notifications.sms.LocMemBackend"):
        assert send_pending(now=note.sms_next_attempt_at) == {"sent": 1}
    note.refresh_from_db()
    assert (note.sms_status, note.sms_attempts) == ("sent", 2)
    assert sms.outbox == [("13912345678", "【南昌市中小企业服务局】请补正材料。请登录系统查看。")]


@override_settings(SHIFAN_SMS_RECIPIENT_MOBILE="tests.notifications.test_retry.mobile_for_applicant_a",
                   SHIFAN_SMS_BACKEND="shifan.notifications.sms.ConsoleBackend")
def test_the_console_backend_prints_a_masked_number(personas, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas["applicant_a"]], event="x", subject="请补正材料", body="内容", sms=True)
    assert capsys.readouterr().out == "[短信] 139****5678: 【南昌市中小企业服务局】请补正材料。请登录系统查看。\n"
    assert Notification.objects.get().sms_status == "sent"


@override_settings(EMAIL_BACKEND=FAILING)
def test_the_command_runs_send_pending(personas, django_capture_on_commit_callbacks, capsys):
    note = _notify_in_a_business_transaction(personas, django_capture_on_commit_callbacks)
    Notification.objects.filter(pk=note.pk).update(email_next_attempt_at=timezone.now() - timedelta(seconds=1))
    with override_settings(EMAIL_BACKEND=WORKING):
        call_command("send_notifications")
    assert capsys.readouterr().out == "已发送 1\n"
    assert Notification.objects.get().email_status == "sent"
