"""Registering organisations, asking to join, inviting colleagues."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from shifan.accounts.models import Invitation, JoinRequest, Organization, User
from shifan.accounts.onboarding import (
    NewAccount,
    accept_invitation,
    decide_join_request,
    invite_colleague,
    register_organization,
    request_to_join,
)
from shifan.audit.models import AuditEvent
from shifan.notifications.models import Notification

pytestmark = pytest.mark.django_db

USCC = "91110108551385082Q"


def account(username="newuser", password="Good-Passw0rd!") -> NewAccount:
    return NewAccount(username, "新用户", f"{username}@example.test", password)


def test_registration_creates_the_organisation_and_its_first_user(district_x):
    user = register_organization(name="新服务机构有限公司", uscc=" 9111 0108 5513 8508 2q ",
                                 jurisdiction=district_x, account=account())
    assert (user.role, user.organization.uscc, user.organization.jurisdiction) == ("applicant", USCC, district_x)
    assert user.check_password("Good-Passw0rd!")
    assert list(AuditEvent.objects.values_list("event", flat=True)) == ["organization.created", "user.created"]


def test_a_registered_uscc_is_refused(district_x, org_a):
    with pytest.raises(ValidationError) as error:
        register_organization(name="重复", uscc=org_a.uscc.lower(), jurisdiction=district_x, account=account())
    assert error.value.message_dict == {"uscc": ["该统一社会信用代码已经注册。"]}


def test_a_weak_password_and_a_taken_username_are_refused_together(district_x, personas):
    with pytest.raises(ValidationError) as error:
        register_organization(name="新", uscc=USCC, jurisdiction=district_x,
                              account=account(username="APPLICANT_A", password="password123"))
    assert error.value.message_dict["username"] == ["该用户名已被使用，请换一个。"]
    assert "密码须至少包含小写字母、大写字母、数字、符号中的三类。" in error.value.message_dict["password"]
    assert not Organization.objects.filter(uscc=USCC).exists()


def test_a_join_request_waits_for_a_colleague_and_approval_activates_it(org_a, personas):
    request = request_to_join(organization=org_a, account=account(), message="技术部")
    user = User.objects.get(username="newuser")
    assert (user.is_active, request.status) == (False, "pending")
    told = set(Notification.objects.filter(event="organization.join_requested")
               .values_list("recipient__username", flat=True))
    assert told == {"applicant_a", "applicant_a2"}

    decide_join_request(request, actor=personas["applicant_a2"], approve=True)
    assert User.objects.get(pk=user.pk).is_active
    assert JoinRequest.objects.get(pk=request.pk).decided_by == personas["applicant_a2"]


def test_only_the_organisations_own_users_decide_join_requests(org_a, personas):
    request = request_to_join(organization=org_a, account=account(), message="")
    for outsider in ("applicant_b", "officer_x", "bureau_officer"):
        with pytest.raises(ValidationError) as error:
            decide_join_request(request, actor=personas[outsider], approve=True)
        assert error.value.messages == ["只有本单位的用户可以审核加入申请。"]
    assert not User.objects.get(username="newuser").is_active


def test_an_invitation_link_creates_a_colleague_once(org_a, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invite_colleague(organization=org_a, email="colleague@example.test",
                                             actor=personas["applicant_a"])
    assert mail.outbox[0].to == ["colleague@example.test"]
    assert f"/invite/{token}/" in mail.outbox[0].body
    assert token not in invitation.token_hash

    user = accept_invitation(token=token, account=account(username="colleague"))
    assert (user.organization, user.email, user.is_active) == (org_a, "colleague@example.test", True)
    with pytest.raises(ValidationError) as error:
        accept_invitation(token=token, account=account(username="again"))
    assert error.value.messages == ["该邀请已经使用过了。请直接登录。"]


def test_an_expired_or_unknown_invitation_is_refused(org_a, personas):
    _, token = invite_colleague(organization=org_a, email="late@example.test", actor=personas["applicant_a"])
    Invitation.objects.update(expires_at="2000-01-01T00:00:00Z")
    with pytest.raises(ValidationError) as expired:
        accept_invitation(token=token, account=account())
    assert expired.value.messages == ["邀请链接已过期。请向邀请您的同事索取新的邀请。"]
    with pytest.raises(ValidationError) as unknown:
        accept_invitation(token=re.sub(r".$", "x", token) + "y", account=account())
    assert unknown.value.messages == ["邀请链接无效。请向邀请您的同事索取新的邀请。"]


def test_nobody_invites_into_another_organisation(org_a, personas):
    with pytest.raises(ValidationError):
        invite_colleague(organization=org_a, email="x@example.test", actor=personas["applicant_b"])
    assert not Invitation.objects.exists()
