"""Login lockout (DESIGN.md §9, 等保 8.1.4.1 b) on top of django-axes.

Two limits, both counted over the failures of the last ``AXES_COOLOFF_TIME`` (30 minutes):

- per (username, IP): ``AXES_FAILURE_LIMIT`` (5) failures lock that pair. The same username from
  another address still signs in, so nobody can lock an official out from everywhere on deadline day;
- per IP: ``SHIFAN_IP_FAILURE_LIMIT`` (30) failures, whatever the usernames, lock the address
  (credential stuffing from one place).

A lock ends 30 minutes after the failure that caused it; attempts during a lock do not extend it
(``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``), so the page can say when to retry.
A successful login clears the pair's failures.
"""

from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.utils import timezone

from shifan.audit.recorder import record

PAIR = "pair"
IP = "ip"


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind N trusted proxies the N-th X-Forwarded-For entry from the right.

    ``AXES_IPWARE_PROXY_COUNT`` (env ``SHIFAN_TRUSTED_PROXIES``) is the number of proxies in front of
    Django that append to X-Forwarded-For. Entries further left are written by the client and never trusted.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if count <= 0:
        return remote
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]


def _ip_failures(ip: str | None, since: datetime) -> int:
    if not ip:
        return 0
    total = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start"))["n"]
    return total or 0


def _threshold(request) -> datetime:
    attempt_time = getattr(request, "axes_attempt_time", None) or timezone.now()
    return attempt_time - get_cool_off(request)


class ShifanAxesHandler(AxesDatabaseHandler):
    """Axes' database handler plus the per-IP throttle."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            request.shifan_lock_scope = PAIR
            return True
        if _ip_failures(request.axes_ip_address, _threshold(request)) >= settings.SHIFAN_IP_FAILURE_LIMIT:
            request.shifan_lock_scope = IP
            return True
        return False

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            if request is not None and not hasattr(request, "shifan_lock_scope"):
                request.shifan_lock_scope = PAIR
            return
        if _ip_failures(request.axes_ip_address, _threshold(request)) >= settings.SHIFAN_IP_FAILURE_LIMIT:
            request.shifan_lock_scope = IP
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send("axes", request=request, username=get_client_username(request, credentials),
                                 ip_address=request.axes_ip_address)


def retry_at(request, credentials: dict | None = None) -> datetime:
    """When the lock on this request's (username, IP) pair or IP ends: 30 minutes after its last failure."""
    ip = getattr(request, "axes_ip_address", None)
    attempts = AccessAttempt.objects.filter(ip_address=ip)
    if getattr(request, "shifan_lock_scope", PAIR) == PAIR:
        username = get_client_username(request, credentials)
        attempts = attempts.filter(username=username)
    last = attempts.aggregate(last=Max("attempt_time"))["last"] or timezone.now()
    return last + (get_cool_off(request) or timedelta(minutes=30))


@receiver(user_locked_out)
def audit_locked_attempt(sender, request, username, ip_address, **kwargs) -> None:
    """Every attempt refused because of a lock (and the one that caused it) is an audit event.

    Side effects: records ``auth.locked_out`` with the username tried, the address and the scope.
    """
    record("auth.locked_out", data={
        "username": str(username or "")[:150],
        "ip": ip_address or "",
        "scope": getattr(request, "shifan_lock_scope", PAIR),
    })
