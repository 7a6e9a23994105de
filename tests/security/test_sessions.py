"""T17: idle timeouts (30 minutes for staff, experts and agencies, 2 hours for applicants) and 12 hours absolute."""

import re
import time

import pytest

from shifan.accounts.session_policy import LAST_SEEN, LOGIN_AT
from shifan.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

MESSAGE = "因长时间未操作，已自动退出，请重新登录。"


def shift(client, *, idle: int = 0, since_login: int | None = None) -> None:
    """Time travel: pretend the last request was `idle` seconds ago and the login `since_login` seconds ago."""
    session = client.session
    now = int(time.time())
    session[LAST_SEEN] = now - idle
    session[LOGIN_AT] = now - (since_login if since_login is not None else idle)
    session.save()


def assert_expired(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == f"/login/?next={path.replace('/', '%2F')}"
    page = client.get(response["Location"]).content.decode()
    assert MESSAGE in page
    assert "_auth_user_id" not in client.session
    assert client.get(path).status_code == 302  # the old session stays dead


def test_login_stamps_the_session(client_for):
    client = client_for("officer_x")
    session = client.session
    assert abs(session[LOGIN_AT] - time.time()) < 5 and session[LAST_SEEN] == session[LOGIN_AT]


@pytest.mark.parametrize("name,path", [("officer_x", "/district/"), ("expert_1", "/expert/"), ("agency", "/agency/"),
                                       ("bureau_head", "/bureau/")])
def test_staff_sessions_end_after_thirty_idle_minutes(client_for, name, path):
    client = client_for(name)
    shift(client, idle=29 * 60)
    assert client.get(path).status_code == 200
    assert time.time() - client.session[LAST_SEEN] < 5  # the request counted as activity
    shift(client, idle=30 * 60 + 1)
    assert_expired(client, path)
    event = AuditEvent.objects.get(event="auth.session_expired")
    assert event.actor_label == name and event.data == {"reason": "idle"}


def test_applicant_sessions_end_after_two_idle_hours(client_for):
    client = client_for("applicant_a")
    shift(client, idle=119 * 60)
    assert client.get("/applicant/").status_code == 200
    shift(client, idle=2 * 3600 + 1)
    assert_expired(client, "/applicant/")


def test_every_session_ends_twelve_hours_after_login(client_for):
    client = client_for("applicant_a")
    shift(client, idle=60, since_login=12 * 3600 - 120)
    assert client.get("/applicant/").status_code == 200
    shift(client, idle=0, since_login=12 * 3600 + 1)
    assert_expired(client, "/applicant/")
    assert AuditEvent.objects.get(event="auth.session_expired").data == {"reason": "absolute"}


def test_the_page_carries_the_seconds_left_and_the_keepalive_url(client_for):
    client = client_for("officer_x")
    shift(client, idle=10 * 60)
    page = client.get("/district/").content.decode()
    remaining = int(re.search(r'data-session-remaining="(\d+)"', page).group(1))
    assert 30 * 60 - 5 <= remaining <= 30 * 60  # the request itself was activity
    assert 'data-keepalive-url="/account/keepalive/"' in page and 'data-session-warn="120"' in page
    assert re.search(r"js/session(\.[0-9a-f]{12})?\.js", page)  # hashed by collectstatic in production-like runs
    assert "data-session-remaining" not in client_for(None).get("/").content.decode()


def test_keepalive_counts_as_activity(client_for):
    client = client_for("officer_x")
    shift(client, idle=28 * 60)
    response = client.post("/account/keepalive/")
    assert response.status_code == 200
    assert 30 * 60 - 5 <= response.json()["remaining"] <= 30 * 60
    assert time.time() - client.session[LAST_SEEN] < 5


def test_keepalive_after_expiry_does_not_revive_the_session(client_for):
    client = client_for("officer_x")
    shift(client, idle=31 * 60)
    response = client.post("/account/keepalive/")
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert "_auth_user_id" not in client.session
