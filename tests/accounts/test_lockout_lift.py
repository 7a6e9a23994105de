"""The locks in force (current_locks) and the system administrator lifting one (lift_lock).

Failures are made through the real login view, so the locks listed are the ones the login applies.
Addresses are from the documentation ranges (RFC 5737).
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from shifan.accounts.lockout import IP, PAIR, Lock, current_locks, lift_lock
from shifan.audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

IP_A = "203.0.113.10"
IP_B = "198.51.100.20"
WRONG = "Wrong-Passw0rd!"
THIRTY_MINUTES = timedelta(minutes=30)


def attempt(username: str, password: str, ip: str, **extra) -> int:
    return Client().post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip, **extra).status_code


def fail(username: str, ip: str, times: int = 5, **extra) -> None:
    for _ in range(times):
        attempt(username, WRONG, ip, **extra)


def last_failure(**filters):
    return AccessAttempt.objects.filter(**filters).latest("attempt_time").attempt_time


def shift(minutes: int, **filters) -> None:
    """Time travel: these failures happened ``minutes`` earlier."""
    for row in AccessAttempt.objects.filter(**filters):
        AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=row.attempt_time - timedelta(minutes=minutes))


def test_five_failures_of_a_pair_are_a_lock_until_thirty_minutes_after_the_fifth(personas):
    fail("officer_x", IP_A, times=4)
    assert current_locks() == []
    fail("officer_x", IP_A, times=1)
    fail("officer_y", IP_B)
    assert attempt("officer_x", PASSWORD, IP_A) == 429  # the login applies it, and the refusal is not counted
    assert current_locks() == [
        Lock(PAIR, "officer_y", IP_B, 5, last_failure(username="officer_y") + THIRTY_MINUTES),
        Lock(PAIR, "officer_x", IP_A, 5, last_failure(username="officer_x") + THIRTY_MINUTES),
    ]


@pytest.mark.parametrize(("minutes_ago", "locked"), [(29, True), (31, False)])
def test_the_list_and_the_login_agree_on_when_a_lock_ends(personas, minutes_ago, locked):
    fail("officer_x", IP_A)
    shift(minutes_ago)
    assert bool(current_locks()) is locked
    assert (attempt("officer_x", PASSWORD, IP_A) == 429) is locked


def test_with_failures_from_two_browsers_the_lock_ends_when_the_older_ones_leave_the_window(personas):
    fail("officer_x", IP_A, times=3, HTTP_USER_AGENT="browser-1")
    shift(20, user_agent="browser-1")
    fail("officer_x", IP_A, times=2, HTTP_USER_AGENT="browser-2")
    older = last_failure(user_agent="browser-1")
    [lock] = current_locks()
    assert (lock.kind, lock.failures, lock.locked_until) == (PAIR, 5, older + THIRTY_MINUTES)
    assert current_locks(now=older + THIRTY_MINUTES) == [lock]
    assert current_locks(now=older + THIRTY_MINUTES + timedelta(seconds=1)) == []
    # The login agrees: once the three older failures are 30 minutes old, the two newer ones do not lock.
    shift(11, user_agent="browser-1")
    assert current_locks() == []
    assert attempt("officer_x", PASSWORD, IP_A) == 302


def test_thirty_failures_from_one_address_lock_the_address_until_enough_of_them_are_old(personas):
    for n in range(25):
        attempt(f"guess{n}", WRONG, IP_A)
    shift(10)
    fail("officer_x", IP_A)  # the 26th to 30th failures from the address
    assert attempt("officer_y", PASSWORD, IP_A) == 429
    # The address stays locked until its oldest failure leaves the window: then only 29 count.
    oldest = AccessAttempt.objects.filter(ip_address=IP_A).earliest("attempt_time").attempt_time
    assert current_locks() == [
        Lock(PAIR, "officer_x", IP_A, 5, last_failure(username="officer_x") + THIRTY_MINUTES),
        Lock(IP, "", IP_A, 30, oldest + THIRTY_MINUTES),
    ]
    assert [lock.kind for lock in current_locks(now=oldest + THIRTY_MINUTES + timedelta(seconds=1))] == [PAIR]


def test_a_pair_and_its_address_locked_at_the_same_moment_list_the_address_first(personas):
    fail("officer_x", IP_A)
    for n in range(25):
        attempt(f"guess{n}", WRONG, IP_A)
    until = last_failure(username="officer_x") + THIRTY_MINUTES  # the failures that make both locks end together
    assert current_locks() == [Lock(IP, "", IP_A, 30, until), Lock(PAIR, "officer_x", IP_A, 5, until)]


def test_lifting_a_pair_lets_that_user_in_at_once_and_keeps_the_other_lock(personas):
    fail("officer_x", IP_A)
    fail("officer_y", IP_A)
    fail("officer_x", IP_B, times=2)  # another address: not part of the lock, not lifted
    assert lift_lock(actor=personas["bureau_admin"], username="officer_x", ip=IP_A) == 1
    assert [(lock.username, lock.ip) for lock in current_locks()] == [("officer_y", IP_A)]
    assert AccessAttempt.objects.filter(username="officer_x", ip_address=IP_B).get().failures_since_start == 2
    assert attempt("officer_x", PASSWORD, IP_A) == 302
    assert attempt("officer_y", PASSWORD, IP_A) == 429


def test_lifting_an_address_removes_every_failure_from_it(personas):
    for n in range(30):
        attempt(f"guess{n}", WRONG, IP_A)
    fail("officer_y", IP_B, times=1)
    assert attempt("officer_x", PASSWORD, IP_A) == 429
    assert lift_lock(actor=personas["bureau_admin"], ip=IP_A) == 30
    assert current_locks() == []
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("officer_y", IP_B)]
    assert attempt("officer_x", PASSWORD, IP_A) == 302


def test_the_lift_is_audited_with_what_the_lock_was(personas):
    fail("officer_x", IP_A)
    lift_lock(actor=personas["bureau_admin"], username=" officer_x ", ip=f" {IP_A} ")
    event = AuditEvent.objects.get(event="accounts.lockout_lifted")
    assert event.actor == personas["bureau_admin"]
    assert event.data == {"kind": "pair", "username": "officer_x", "ip": IP_A, "failures": 5}


def test_the_lift_of_an_address_is_audited_without_a_username(personas):
    for n in range(30):
        attempt(f"guess{n}", WRONG, IP_A)
    lift_lock(actor=personas["bureau_admin"], ip=IP_A)
    event = AuditEvent.objects.get(event="accounts.lockout_lifted")
    assert event.data == {"kind": "ip", "username": "", "ip": IP_A, "failures": 30}


@pytest.mark.parametrize(("username", "ip", "message"), [
    ("officer_x", IP_A, "账号“officer_x”在 203.0.113.10 当前没有被锁定（可能已到期自动解除或已被解除），无需解除。"),
    ("officer_x", IP_B, "账号“officer_x”在 198.51.100.20 当前没有被锁定（可能已到期自动解除或已被解除），无需解除。"),
    ("", IP_A, "网络地址 203.0.113.10 当前没有被锁定（可能已到期自动解除或已被解除），无需解除。"),
])
def test_no_lock_in_force_is_refused_and_the_failures_stay(personas, username, ip, message):
    fail("officer_x", IP_A, times=4)  # one short of a lock
    with pytest.raises(ValidationError) as refused:
        lift_lock(actor=personas["bureau_admin"], username=username, ip=ip)
    assert refused.value.messages == [message]
    assert AccessAttempt.objects.get().failures_since_start == 4
    assert not AuditEvent.objects.filter(event="accounts.lockout_lifted").exists()


def test_an_expired_lock_is_refused_too(personas):
    fail("officer_x", IP_A)
    shift(31)
    with pytest.raises(ValidationError):
        lift_lock(actor=personas["bureau_admin"], username="officer_x", ip=IP_A)


@pytest.mark.parametrize(("ip", "problem"), [
    ("", {"ip": ["请填写被锁定的网络地址。"]}),
    ("203.0.113", {"ip": ["“203.0.113”不是有效的网络地址（IP 地址）。"]}),
    ("officer_x", {"ip": ["“officer_x”不是有效的网络地址（IP 地址）。"]}),
])
def test_a_bad_address_is_refused_naming_the_field(personas, ip, problem):
    fail("officer_x", IP_A)
    with pytest.raises(ValidationError) as refused:
        lift_lock(actor=personas["bureau_admin"], username="officer_x", ip=ip)
    assert refused.value.message_dict == problem
    assert [lock.username for lock in current_locks()] == ["officer_x"]


@pytest.mark.parametrize("persona", ["bureau_officer", "bureau_head", "auditor", "officer_x", "applicant_a"])
def test_only_the_system_administrator_may_lift(personas, persona):
    fail("officer_x", IP_A)  # a lock in force: the refusal is about who asks, not about the lock
    with pytest.raises(PermissionDenied) as refused:
        lift_lock(actor=personas[persona], username="officer_x", ip=IP_A)
    assert str(refused.value) == "只有系统管理员可以解除登录锁定。"
    assert [lock.username for lock in current_locks()] == ["officer_x"]
    assert not AuditEvent.objects.filter(event="accounts.lockout_lifted").exists()


def test_an_inactive_administrator_may_not_lift(personas):
    admin = personas["bureau_admin"]
    admin.is_active = False
    admin.save(update_fields=["is_active"])
    fail("officer_x", IP_A)
    with pytest.raises(PermissionDenied):
        lift_lock(actor=admin, username="officer_x", ip=IP_A)


def test_current_locks_only_reads(personas, django_assert_num_queries):
    fail("officer_x", IP_A)
    with django_assert_num_queries(1):
        current_locks(now=timezone.now())
    assert AccessAttempt.objects.get().failures_since_start == 5
