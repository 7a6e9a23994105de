"""Login, logout and failed-login events (等保 安全审计)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from shifan.audit.recorder import record


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs) -> None:
    record("auth.login", actor=user, target=user)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        record("auth.logout", actor=user, target=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Only the username is kept: never the password that was tried.
    record("auth.login_failed", data={"username": str(credentials.get("username", ""))[:150]})
