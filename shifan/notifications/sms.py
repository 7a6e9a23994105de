"""Pluggable SMS backends (``SHIFAN_SMS_BACKEND``, a dotted path), where a user's mobile comes from,
and which notifications are texted.

A backend has one method, ``send(mobile, text)``, that raises on failure. The development
default prints to the console; a real gateway (运营商短信平台) is a class with the same method.

The number comes from ``SHIFAN_SMS_RECIPIENT_MOBILE`` (a dotted path to ``f(user) -> str``), by
default ``mobile_of``: the user's own ``User.mobile`` (set on 个人信息, encrypted at rest).

A notification is texted when the caller asks (``notify(..., sms=True)``), or when it asks the
recipient to act (``ACTION_EVENTS``: the event and the roles that must act on it) and the
recipient has a mobile. Others (results, information) go to the inbox and e-mail only.
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


# Event → roles (codes of accounts.roles.Role) whom the message asks to do something. An
# application's submission tells the applicant (a receipt) and the district (a review to do):
# only the district officer is texted.
ACTION_EVENTS: dict[str, frozenset[str]] = {
    event: frozenset(roles.split()) for event, roles in {
        "application.submitted": "district_officer",
        "application.resubmitted": "district_officer",
        "application.returned": "applicant",
        "application.recommended": "bureau_officer",
        "application.sent_back": "district_officer",
        "organization.join_requested": "applicant",
        "review.expert_invited": "expert",
        "review.agency_assigned": "agency",
        "review.backups_exhausted": "bureau_officer",
        "review.list_submitted": "bureau_head",
        "review.list_returned": "bureau_officer",
        "publicity.objection_filed": "bureau_officer",
        "recognition.decision_submitted": "bureau_head",
        "recognition.revocation_submitted": "bureau_head",
        "recognition.renewal_invited": "applicant",
        "recognition.expiry_reminder": "applicant",
        "tracking.round_opened": "applicant",
        "tracking.report_returned": "applicant",
        "tracking.rectification_issued": "applicant",
        "tracking.report_submitted": "bureau_officer",
        "tracking.rectification_replied": "bureau_officer",
        "support.case_submitted": "bureau_officer",
    }.items()
}


def asks_to_act(event: str, user) -> bool:
    """Whether a message of ``event`` asks ``user`` (by role) to do something."""
    return getattr(user, "role", "") in ACTION_EVENTS.get(event, ())


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
