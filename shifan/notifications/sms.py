"""Pluggable SMS backends (``SHIFAN_SMS_BACKEND``, a dotted path) and where a user's mobile comes from.

A backend has one method, ``send(mobile, text)``, that raises on failure. The development
default prints to the console; a real gateway (运营商短信平台) is a class with the same method.

Limitation: accounts have no mobile field today. The number comes from
``SHIFAN_SMS_RECIPIENT_MOBILE`` (a dotted path to ``f(user) -> str``), by default ``mobile_of``,
which reads a ``mobile`` attribute when the user model has one. Until it does, messages
requested with ``sms=True`` are marked 无联系方式 for SMS and still reach the inbox and e-mail.
"""

import logging
import sys
import threading

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def mobile_of(user) -> str:
    """The user's mobile number, or '' when there is none."""
    return str(getattr(user, "mobile", "") or "")


def recipient_mobile(user) -> str:
    resolver = getattr(settings, "SHIFAN_SMS_RECIPIENT_MOBILE", "shifan.notifications.sms.mobile_of")
    return import_string(resolver)(user)


def get_backend():
    path = getattr(settings, "SHIFAN_SMS_BACKEND", "shifan.notifications.sms.ConsoleBackend")
    return import_string(path)()


class ConsoleBackend:
    """Development: writes each message to standard output and the log, sends nothing."""

    def send(self, mobile: str, text: str) -> None:
        masked = f"{mobile[:3]}****{mobile[-4:]}" if len(mobile) >= 7 else "****"
        sys.stdout.write(f"[短信] {masked}: {text}\n")
        logger.info("sms to %s: %s", masked, text)


outbox: list[tuple[str, str]] = []
_lock = threading.Lock()


class LocMemBackend:
    """Tests: keeps each (mobile, text) in ``shifan.notifications.sms.outbox``."""

    def send(self, mobile: str, text: str) -> None:
        with _lock:
            outbox.append((mobile, text))


class FailingBackend:
    """Tests: a gateway that is down."""

    def send(self, mobile: str, text: str) -> None:
        raise ConnectionError("SMS gateway unreachable")
