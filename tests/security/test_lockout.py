"""T12/T13: lockout per (username, IP) after 5 failures for 30 minutes, and a per-IP throttle (django-axes).

Addresses are from the documentation ranges (RFC 5737); they only travel in REMOTE_ADDR of the test client.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory

from shifan.accounts.lockout import client_ip
from shifan.audit.models import AuditEvent
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

IP_A = "203.0.113.10"
IP_B = "198.51.100.20"
WRONG = "Wrong-Passw0rd!"


def attempt(username: str, password: str, ip: str):
    client = Client()
    response = client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)
    return response, client


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def officer(db):
    return UserFactory(username="officer")


def test_the_fifth_failure_locks_the_pair_and_says_when_to_retry(officer):
    for _ in range(4):
        response, _ = attempt("officer", WRONG, IP_A)
        assert response.status_code == 200
        assert "登录暂时受限" not in response.content.decode()
    response, _ = attempt("officer", WRONG, IP_A)
    page = response.content.decode()
    assert response.status_code == 429
    assert "登录暂时受限" in page and "之后（约 30 分钟后）再试" in page and "核实身份后提前解除" in page
    assert 1700 <= int(response["Retry-After"]) <= 1800
    # During the lock even the right password is refused, with the same page.
    response, client = attempt("officer", PASSWORD, IP_A)
    assert response.status_code == 429 and "登录暂时受限" in response.content.decode()
    assert not signed_in(client)
    locks = AuditEvent.objects.filter(event="auth.locked_out")
    assert [(e.data["username"], e.data["ip"], e.data["scope"]) for e in locks] == [
        ("officer", IP_A, "pair"), ("officer", IP_A, "pair")]


def test_an_unknown_username_is_locked_the_same_way(db):
    for _ in range(4):
        attempt("nobody", WRONG, IP_A)
    response, _ = attempt("nobody", WRONG, IP_A)
    assert response.status_code == 429 and "登录暂时受限" in response.content.decode()


def test_the_same_username_from_another_address_still_signs_in(officer):
    for _ in range(5):
        attempt("officer", WRONG, IP_A)
    response, client = attempt("officer", PASSWORD, IP_B)
    assert response.status_code == 302 and response["Location"] == "/home/"
    assert signed_in(client)


def test_another_username_from_the_same_address_works_until_the_ip_throttle(officer):
    other = UserFactory(username="colleague")
    for _ in range(5):
        attempt("officer", WRONG, IP_A)
    response, client = attempt(other.username, PASSWORD, IP_A)
    assert response.status_code == 302 and signed_in(client)
    # Credential stuffing: 30 failures from one address, one per username, lock the address.
    for n in range(24):  # 5 so far from this address
        response, _ = attempt(f"guess{n}", WRONG, IP_A)
        assert response.status_code == 200, n
    response, _ = attempt("guess-last", WRONG, IP_A)  # the 30th failure
    assert response.status_code == 429
    assert "您所在的网络地址登录失败次数过多" in response.content.decode()
    response, client = attempt(other.username, PASSWORD, IP_A)
    assert response.status_code == 429 and not signed_in(client)
    assert AuditEvent.objects.filter(event="auth.locked_out", data__scope="ip").exists()
    response, client = attempt(other.username, PASSWORD, IP_B)
    assert response.status_code == 302 and signed_in(client)


def test_an_address_lock_names_the_time_its_oldest_counted_failures_leave_the_window(officer):
    for n in range(30):  # credential stuffing: the 30th failure locks the address
        attempt(f"guess{n}", WRONG, IP_A)
    # The first five failures happened 25 minutes ago: the count falls under 30 when they are 30 minutes old,
    # in 5 minutes, not 30 minutes after the newest failure.
    for row in AccessAttempt.objects.order_by("attempt_time", "pk")[:5]:
        AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=row.attempt_time - timedelta(minutes=25))
    response, client = attempt("officer", PASSWORD, IP_A)
    page = response.content.decode()
    assert response.status_code == 429 and not signed_in(client)
    assert "您所在的网络地址登录失败次数过多" in page and "（约 5 分钟后）" in page
    assert 240 <= int(response["Retry-After"]) <= 300


@pytest.mark.parametrize(("minutes_ago", "locked"), [(29, True), (31, False)])
def test_the_lock_ends_after_thirty_minutes(officer, minutes_ago, locked):
    for _ in range(5):
        attempt("officer", WRONG, IP_A)
    for row in AccessAttempt.objects.all():  # time travel: the failures happened earlier
        AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=row.attempt_time - timedelta(minutes=minutes_ago))
    response, client = attempt("officer", PASSWORD, IP_A)
    assert (response.status_code == 429) is locked
    assert signed_in(client) is not locked


def test_a_successful_login_clears_the_failures(officer):
    for _ in range(4):
        attempt("officer", WRONG, IP_A)
    response, _ = attempt("officer", PASSWORD, IP_A)
    assert response.status_code == 302
    assert AccessAttempt.objects.filter(username="officer").count() == 0
    for _ in range(4):
        response, _ = attempt("officer", WRONG, IP_A)
        assert response.status_code == 200
    response, client = attempt("officer", PASSWORD, IP_A)
    assert response.status_code == 302 and signed_in(client)


def test_client_ip_trusts_only_the_configured_number_of_proxies(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(request) == "192.0.2.1"  # no proxy configured: the header is the client's to forge
    settings.AXES_IPWARE_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"
    settings.AXES_IPWARE_PROXY_COUNT = 3  # fewer entries than proxies: fall back to the peer
    assert client_ip(request) == "192.0.2.1"
