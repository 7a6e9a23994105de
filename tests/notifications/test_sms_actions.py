"""SMS for messages that ask someone to act, to users who set a mobile (个人信息), retried like e-mail."""

import pytest
from django.core import mail
from django.test import override_settings

from shifan.accounts.mobile import set_own_mobile
from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Status
from shifan.notifications import sms
from shifan.notifications.domain import notify, send_pending
from shifan.notifications.models import Notification
from tests.factories import ApplicationFactory, make_submittable

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def mobiles(personas):
    for name, mobile in (("applicant_a", "13911110001"), ("officer_x", "13911110002")):
        set_own_mobile(personas[name], actor=personas[name], mobile=mobile)
    return personas


def test_a_submission_texts_the_district_officer_who_must_review_it(
    mobiles, org_a, batch, django_capture_on_commit_callbacks
):
    application = make_submittable(ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT))
    with django_capture_on_commit_callbacks(execute=True):
        transition(application, "submit", actor=mobiles["applicant_a"])

    notes = {n.recipient.username: n for n in Notification.objects.filter(event="application.submitted")}
    # The officer must act: texted. The applicants get a receipt: inbox and e-mail only
    # (applicant_a2 has no mobile anyway).
    assert {name: n.sms_status for name, n in notes.items()} == {
        "applicant_a": "none", "applicant_a2": "none", "officer_x": "sent"}
    assert sms.outbox == [("13911110002", f"【南昌市中小企业服务局】{notes['officer_x'].subject}。请登录系统查看。")]
    assert all(n.email_status == "sent" for n in notes.values())
    assert len(mail.outbox) == 3


def test_a_return_for_correction_texts_the_applicant(mobiles, org_a, batch, django_capture_on_commit_callbacks):
    application = make_submittable(ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT))
    transition(application, "submit", actor=mobiles["applicant_a"])
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(application, "return", actor=mobiles["officer_x"], reason="营业执照复印件不清晰。")
    assert [m for m, _ in sms.outbox] == ["13911110001"]
    texted = Notification.objects.get(event="application.returned", recipient=mobiles["applicant_a"])
    assert texted.sms_status == "sent"


@pytest.mark.parametrize(("event", "recipient", "expected"), [
    ("review.expert_invited", "expert_1", "sent"),  # asks the expert to accept: texted
    ("review.expert_invited", "applicant_a", "none"),  # not a role asked to act on it
    ("application.accepted", "officer_x", "none"),  # information only
    ("review.list_submitted", "bureau_head", "none"),  # asks to act, but no mobile set
])
def test_which_messages_are_texted(mobiles, event, recipient, expected, django_capture_on_commit_callbacks):
    user = mobiles[recipient]
    if recipient == "expert_1":
        set_own_mobile(user, actor=user, mobile="13911110003")
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], event=event, subject="请处理", body="内容")
    assert Notification.objects.get().sms_status == expected
    assert len(sms.outbox) == (1 if expected == "sent" else 0)


@override_settings(SHIFAN_SMS_BACKEND="shifan.notifications.sms.FailingBackend")
def test_a_failing_sms_gateway_queues_the_text_and_send_pending_delivers_it(
    mobiles, django_capture_on_commit_callbacks
):
    officer = mobiles["officer_x"]
    with django_capture_on_commit_callbacks(execute=True):
        notify([officer], event="application.submitted", subject="新的申报待初审", body="内容")
    note = Notification.objects.get()
    assert (note.email_status, note.sms_status, note.sms_attempts, note.sms_error) == (
        "sent", "retry", 1, "SMS gateway unreachable")
    assert sms.outbox == []
    with override_settings(SHIFAN_SMS_BACKEND="shifan.notifications.sms.LocMemBackend"):
        assert send_pending(now=note.sms_next_attempt_at) == {"sent": 1}
    note.refresh_from_db()
    assert (note.sms_status, note.sms_attempts, note.sms_error) == ("sent", 2, "")
    assert sms.outbox == [("13911110002", "【南昌市中小企业服务局】新的申报待初审。请登录系统查看。")]
