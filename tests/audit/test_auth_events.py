import pytest

from shifan.audit.models import AuditEvent
from shifan.audit.verify import verify_chain
from tests.conftest import PASSWORD, CsrfClient

pytestmark = pytest.mark.django_db


def test_login_logout_and_failed_login_are_recorded_with_the_ip(personas):
    client = CsrfClient(REMOTE_ADDR="10.1.2.3")
    assert client.post("/login/", {"username": "officer_x", "password": "wrong-password"}).status_code == 200
    assert client.post("/login/", {"username": "officer_x", "password": PASSWORD}).status_code == 302
    assert client.post("/logout/").status_code == 302

    events = list(AuditEvent.objects.values_list("event", "actor_label", "ip", "data"))
    assert events == [
        ("auth.login_failed", "", "10.1.2.3", {"username": "officer_x"}),
        ("auth.login", "officer_x", "10.1.2.3", {}),
        ("auth.logout", "officer_x", "10.1.2.3", {}),
    ]
    assert verify_chain().ok


def test_the_tried_password_is_never_recorded(personas):
    CsrfClient().post("/login/", {"username": "officer_x", "password": "S3cret-guess!"})
    assert "S3cret-guess!" not in str(list(AuditEvent.objects.values_list("data", flat=True)))
