"""An expert's account by invitation: a one-time link, 7 days, the latest one only."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shifan.accounts.roles import Role
from shifan.audit.models import AuditEvent
from shifan.experts.activation import (
    EXPIRED,
    INVALID,
    REPLACED,
    USED,
    activate_account,
    open_activation,
    send_activation,
    token_hash,
)
from shifan.experts.models import Activation, Expert
from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Expert-Passw0rd!"


@pytest.fixture
def expert(db):
    return ExpertFactory(name="王磊", email="wanglei@example.test")


def _send(expert, personas, capture):
    with capture(execute=True):
        return send_activation(expert, actor=personas["bureau_officer"])


def test_the_link_is_emailed_after_commit_and_only_its_hash_is_kept(expert, personas,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        activation, token = send_activation(expert, actor=personas["bureau_officer"])
        assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert activation.token_hash == token_hash(token) != token
    assert activation.expires_at - activation.created_at == pytest.approx(timedelta(days=7), abs=timedelta(seconds=5))
    message = mail.outbox[0]
    assert message.to == ["wanglei@example.test"]
    assert re.search(r"http://[^/]+/expert/activate/([\w-]+)/", message.body).group(1) == token
    event = AuditEvent.objects.get(event="experts.activation_sent")
    assert "wanglei@example.test" not in str(event.data) and event.data["revoked"] == 0


def test_activating_creates_an_active_expert_account_linked_to_the_pool(expert, personas,
                                                                         django_capture_on_commit_callbacks):
    _, token = _send(expert, personas, django_capture_on_commit_callbacks)
    user = activate_account(token=token, username="wanglei", password=PASSWORD)
    expert.refresh_from_db()
    assert expert.user == user
    assert (user.role, user.is_active, user.display_name, user.email) == (Role.EXPERT, True, "王磊",
                                                                           "wanglei@example.test")
    assert user.check_password(PASSWORD)
    assert Activation.objects.get().used_at is not None
    assert AuditEvent.objects.get(event="experts.account_activated").actor_label == "wanglei"


def test_a_link_works_once(expert, personas, django_capture_on_commit_callbacks):
    _, token = _send(expert, personas, django_capture_on_commit_callbacks)
    activate_account(token=token, username="wanglei", password=PASSWORD)
    with pytest.raises(ValidationError) as excinfo:
        activate_account(token=token, username="wanglei2", password=PASSWORD)
    assert excinfo.value.messages == [USED]
    assert Expert.objects.get().user.username == "wanglei"


def test_an_expired_link_is_refused(expert, personas, django_capture_on_commit_callbacks):
    activation, token = _send(expert, personas, django_capture_on_commit_callbacks)
    Activation.objects.filter(pk=activation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError) as excinfo:
        open_activation(token)
    assert excinfo.value.messages == [EXPIRED] == ["激活链接已过期（有效期 7 天）。请联系市中小企业服务局重新发送。"]
    with pytest.raises(ValidationError):
        activate_account(token=token, username="wanglei", password=PASSWORD)
    assert Expert.objects.get().user is None


@pytest.mark.parametrize("token", ["", "not-a-real-token", "x" * 200])
def test_a_wrong_token_is_invalid(expert, personas, token, django_capture_on_commit_callbacks):
    _send(expert, personas, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as excinfo:
        activate_account(token=token, username="wanglei", password=PASSWORD)
    assert excinfo.value.messages == [INVALID]


def test_resending_revokes_the_earlier_link(expert, personas, django_capture_on_commit_callbacks):
    _, old = _send(expert, personas, django_capture_on_commit_callbacks)
    _, new = _send(expert, personas, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as excinfo:
        open_activation(old)
    assert excinfo.value.messages == [REPLACED]
    assert open_activation(new).expert == expert
    assert AuditEvent.objects.filter(event="experts.activation_sent").last().data["revoked"] == 1


def test_the_account_is_checked_like_any_other(expert, personas, django_capture_on_commit_callbacks):
    _, token = _send(expert, personas, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as excinfo:
        activate_account(token=token, username="BUREAU_OFFICER", password="password")
    errors = excinfo.value.message_dict
    assert errors["username"] == ["该用户名已被使用，请换一个。"]
    assert "密码须至少包含小写字母、大写字母、数字、符号中的三类。" in errors["password"]
    assert Expert.objects.get().user is None and Activation.objects.get().used_at is None  # the link still works


def test_no_link_for_an_expert_with_an_account_or_without_email(personas):
    with_account = ExpertFactory(user=personas["expert_1"])
    with pytest.raises(ValidationError) as excinfo:
        send_activation(with_account, actor=personas["bureau_officer"])
    assert excinfo.value.messages == ["该专家已经激活账号（用户名 expert_1），无需再发送激活链接。"]
    without_email = ExpertFactory(email="")
    with pytest.raises(ValidationError) as excinfo:
        send_activation(without_email, actor=personas["bureau_officer"])
    assert excinfo.value.messages == ["该专家没有登记电子邮箱。请先在“修改信息”中补充电子邮箱，再发送激活链接。"]
    assert not Activation.objects.exists()


@pytest.mark.parametrize("persona", ["bureau_head", "expert_1", "bureau_admin", "applicant_a"])
def test_only_officers_send_links(expert, personas, persona):
    with pytest.raises(PermissionDenied):
        send_activation(expert, actor=personas[persona])
    assert not Activation.objects.exists()
