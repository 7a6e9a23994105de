"""T14 (D1): staff, expert and agency passwords expire 180 days after they were set; applicants' never do."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from shifan.accounts.expiry import is_password_expired
from shifan.accounts.models import User
from shifan.audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Fresh-Passw0rd-2026"
HOMES = {"officer_x": "/district/", "bureau_officer": "/bureau/", "bureau_admin": "/bureau/system/",
         "expert_1": "/expert/", "agency": "/agency/", "auditor": "/oversight/", "applicant_a": "/applicant/"}


def age_password(user, days: int) -> None:
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=days))
    user.refresh_from_db()


def test_setting_a_password_stamps_its_time(personas):
    user = personas["officer_x"]
    before = timezone.now()
    user.set_password(NEW_PASSWORD)
    user.save()
    user.refresh_from_db()
    assert user.password_changed_at >= before


def test_the_migration_counts_unknown_ages_from_joining(personas):
    user = personas["expert_1"]
    User.objects.filter(pk=user.pk).update(password_changed_at=None, date_joined=timezone.now() - timedelta(days=400))
    import_module("shifan.accounts.migrations.0005_backfill_password_changed_at").backfill(apps, None)
    user.refresh_from_db()
    assert user.password_changed_at == user.date_joined
    assert is_password_expired(user)


@pytest.mark.parametrize("name", ["officer_x", "bureau_officer", "bureau_admin", "expert_1", "agency", "auditor"])
def test_an_expiring_role_is_sent_to_change_its_password_after_180_days(personas, client_for, name):
    user = personas[name]
    age_password(user, 179)
    assert client_for(name).get(HOMES[name]).status_code == 200
    age_password(user, 181)
    response = client_for(name).get(HOMES[name])
    assert response.status_code == 302 and response["Location"] == "/account/password/"


def test_an_applicants_password_never_expires(personas, client_for):
    age_password(personas["applicant_a"], 1000)
    assert client_for("applicant_a").get("/applicant/").status_code == 200


def test_the_expired_user_changes_the_password_and_goes_on(personas, client_for):
    user = personas["officer_x"]
    age_password(user, 181)
    client = client_for("officer_x")
    assert client.get("/home/inbox/")["Location"] == "/account/password/"
    page = client.get("/account/password/").content.decode()
    assert "您的密码已超过 180 天未修改" in page
    # Signing out stays possible.
    assert client_for("officer_x").post("/logout/").status_code == 302
    # The same password again is refused, and so is a weak one.
    response = client.post("/account/password/", {"old_password": PASSWORD, "new_password1": PASSWORD,
                                                   "new_password2": PASSWORD})
    assert response.status_code == 400 and "新密码不能与当前密码相同" in response.content.decode()
    response = client.post("/account/password/", {"old_password": PASSWORD, "new_password1": "abcdefghij",
                                                   "new_password2": "abcdefghij"})
    assert response.status_code == 400 and "三类" in response.content.decode()
    response = client.post("/account/password/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                                   "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/home/"
    assert client.get("/district/").status_code == 200  # still signed in, no longer expired
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert timezone.now() - user.password_changed_at < timedelta(minutes=1)
    assert AuditEvent.objects.filter(event="auth.password_changed", target_id=str(user.pk)).count() == 1


def test_changing_needs_the_current_password(personas, client_for):
    client = client_for("applicant_a")
    response = client.post("/account/password/", {"old_password": "Not-The-Passw0rd", "new_password1": NEW_PASSWORD,
                                                   "new_password2": NEW_PASSWORD})
    assert response.status_code == 400
    personas["applicant_a"].refresh_from_db()
    assert personas["applicant_a"].check_password(PASSWORD)


def test_production_hashes_passwords_with_argon2():
    """The test settings use a fast hasher; the real settings' first hasher is Argon2 (DESIGN.md §9)."""
    import importlib

    from django.contrib.auth.hashers import Argon2PasswordHasher

    real = importlib.import_module("shifan.settings")
    assert real.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("Shifan@2026-x", hasher.salt())
    assert encoded.startswith("argon2$argon2id$") and hasher.verify("Shifan@2026-x", encoded)
    assert not hasher.verify("Shifan@2026-y", encoded)
