import pytest
from django.core import mail
from django.test import override_settings

from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.applications.models import Application
from shifan.notifications.domain import notify
from shifan.notifications.models import Notification
from tests.factories import ApplicationFactory, make_recommendable

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED, platform_name="甲平台")


def test_a_transition_fills_inboxes_and_emails_after_commit(submitted, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        transition(submitted, Action.RETURN, actor=personas["officer_x"], reason="请补充附件5")
        assert len(mail.outbox) == 0  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()

    notes = Notification.objects.filter(event="application.returned").order_by("recipient__username")
    assert [n.recipient.username for n in notes] == ["applicant_a", "applicant_a2"]
    assert {n.email_status for n in notes} == {"sent"}
    assert sorted(m.to[0] for m in mail.outbox) == ["applicant_a2@example.test", "applicant_a@example.test"]
    assert mail.outbox[0].subject == "申报被退回修改：甲平台"
    assert "理由：请补充附件5" in mail.outbox[0].body
    assert f"/home/applications/{submitted.pk}/" in mail.outbox[0].body


@override_settings(EMAIL_BACKEND="tests.support.failing_email.UnreachableEmailBackend")
def test_a_mail_outage_never_undoes_the_transition(submitted, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_recommendable(submitted, personas["officer_x"])
        transition(submitted, Action.RECOMMEND, actor=personas["officer_x"])

    assert Application.objects.get(pk=submitted.pk).status == Status.RECOMMENDED
    notes = list(Notification.objects.filter(event="application.recommended"))
    assert {n.recipient.username for n in notes} == {"applicant_a", "applicant_a2", "bureau_officer"}
    assert {(n.email_status, n.email_attempts) for n in notes} == {("retry", 1)}  # 待重发: send_pending retries
    assert notes[0].email_error == "SMTP server 127.0.0.1:25 refused the connection"


def test_inactive_users_are_skipped_and_users_without_email_get_the_inbox_only(
    personas, django_capture_on_commit_callbacks
):
    personas["officer_x"].is_active = False
    personas["officer_x"].save()
    personas["officer_y"].email = ""
    personas["officer_y"].save()
    with django_capture_on_commit_callbacks(execute=True):
        recipients = [personas["officer_x"], personas["officer_y"], personas["officer_y"]]
        notify(recipients, event="x", subject="测试", body="内容")
    notes = list(Notification.objects.all())
    assert [(n.recipient.username, n.email_status) for n in notes] == [("officer_y", "skipped")]
    assert mail.outbox == []
