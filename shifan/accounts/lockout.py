"""Login lockout (DESIGN.md §9, 等保 8.1.4.1 b) on top of django-axes.

Two limits, both counted over the failures of the last ``AXES_COOLOFF_TIME`` (30 minutes):

- per (username, IP): ``AXES_FAILURE_LIMIT`` (5) failures lock that pair. The same username from
  another address still signs in, so nobody can lock an official out from everywhere on deadline day;
- per IP: ``SHIFAN_IP_FAILURE_LIMIT`` (30) failures, whatever the usernames, lock the address
  (credential stuffing from one place).

A lock ends 30 minutes after the failure that caused it; attempts during a lock do not extend it
(``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``), so the page can say when to retry.
A successful login clears the pair's failures.

The system administrator sees the locks in force (``current_locks``) and may lift one after checking
the caller's identity (``lift_lock``: the bureau's 系统管理 → 登录锁定), so a locked-out official need
not wait out the 30 minutes.
"""

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.dispatch import receiver
from django.utils import timezone

from shifan.accounts.rules import is_bureau_admin
from shifan.audit.recorder import record

PAIR = "pair"
IP = "ip"
KIND_LABELS = {PAIR: "账号锁定", IP: "地址锁定"}
NOT_ADMIN = "只有系统管理员可以解除登录锁定。"


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
    """When the lock on this request's (username, IP) pair or IP ends by itself, as ``current_locks`` gives it
    (``_lock_of``): for a pair, 30 minutes after its last failure; for an address, 30 minutes after the failure
    that brings the window's count to the limit, counted from the newest (before, the page named 30 minutes after
    the address's last failure, later than the lock really ends). Side effects: none."""
    ip = getattr(request, "axes_ip_address", None) or ""
    scope = getattr(request, "shifan_lock_scope", PAIR)
    attempts = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=_threshold(request))
    username, limit = "", settings.SHIFAN_IP_FAILURE_LIMIT
    if scope == PAIR:
        username = get_client_username(request, credentials) or ""
        attempts, limit = attempts.filter(username=username), get_failure_limit(request, credentials)
    lock = _lock_of(scope, username, ip, list(attempts.values_list("attempt_time", "failures_since_start")), limit)
    return lock.locked_until if lock else timezone.now() + _cool_off()


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


@dataclass(frozen=True)
class Lock:
    """A lock in force: a (username, IP) pair (``kind`` PAIR) or a whole address (``kind`` IP, username "")."""

    kind: str
    username: str
    ip: str
    failures: int  # the failures of the current window that make the lock
    locked_until: datetime  # the lock ends by itself just after this instant

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def subject(self) -> str:
        return describe_lock(self.username if self.kind == PAIR else "", self.ip)


def describe_lock(username: str, ip: str) -> str:
    """A lock in words: 账号“张三”在 203.0.113.10 (a pair), or 网络地址 203.0.113.10."""
    return f"账号“{username}”在 {ip}" if username else f"网络地址 {ip}"


def _cool_off() -> timedelta:
    return get_cool_off() or timedelta(minutes=30)


def _lock_of(kind: str, username: str, ip: str, rows: list[tuple[datetime, int]], limit: int) -> Lock | None:
    """The lock these failures make, if any; ``rows`` are (attempt_time, failures) inside the window.

    The handler locks while the failures of rows not older than the cool-off reach the limit. Newest
    first, the row that brings the sum to the limit is the one whose expiry ends the lock: after it
    leaves the window only newer rows remain, and they alone fell short.
    """
    total = sum(failures for _, failures in rows)
    if total < limit:
        return None
    running = 0
    for attempt_time, failures in sorted(rows, reverse=True):
        running += failures
        if running >= limit:
            return Lock(kind=kind, username=username, ip=ip, failures=total,
                        locked_until=attempt_time + _cool_off())
    raise AssertionError("unreachable: the total reached the limit")


def _locks(attempts, now: datetime) -> list[Lock]:
    since = now - _cool_off()
    pairs: dict[tuple[str, str], list[tuple[datetime, int]]] = {}
    addresses: dict[str, list[tuple[datetime, int]]] = {}
    rows = attempts.filter(attempt_time__gte=since, ip_address__isnull=False).values_list(
        "username", "ip_address", "attempt_time", "failures_since_start")
    for username, ip, attempt_time, failures in rows:
        addresses.setdefault(ip, []).append((attempt_time, failures))
        if username:  # the login form never authenticates an empty username; such rows count only for the IP
            pairs.setdefault((username, ip), []).append((attempt_time, failures))
    pair_limit = get_failure_limit(None, None)
    locks = [_lock_of(PAIR, username, ip, found, pair_limit) for (username, ip), found in pairs.items()]
    locks += [_lock_of(IP, "", ip, found, settings.SHIFAN_IP_FAILURE_LIMIT) for ip, found in addresses.items()]
    return sorted((lock for lock in locks if lock is not None),
                  key=lambda lock: (lock.locked_until, lock.kind == IP, lock.ip, lock.username), reverse=True)


def current_locks(now: datetime | None = None) -> list[Lock]:
    """The locks in force at ``now`` (default: this instant), the newest first.

    Counted exactly as the login counts them (``ShifanAxesHandler``), so every lock listed is one the
    login applies and none it applies is missing. Side effects: none (reads AccessAttempt).
    """
    return _locks(AccessAttempt.objects.all(), now or timezone.now())


def _checked_ip(ip: str) -> str:
    ip = str(ip or "").strip()
    if not ip:
        raise ValidationError({"ip": "请填写被锁定的网络地址。"})
    try:
        ipaddress.ip_address(ip)
    except ValueError:
        raise ValidationError({"ip": f"“{ip[:60]}”不是有效的网络地址（IP 地址）。"}) from None
    return ip  # as the login stored it, so the lookup matches


@transaction.atomic
def lift_lock(*, actor, username: str = "", ip: str) -> int:
    """Lift a lock in force now: a (username, IP) pair's when ``username`` is given, else the address's.

    For the system administrator, after checking the caller's identity (a locked-out official on the
    phone). Returns how many failure rows were removed; refuses when no such lock is in force.
    Side effects: deletes the AccessAttempt rows of that username from that IP (a pair) or of every
    username from that IP (an address), so the next login there counts from zero; records
    ``accounts.lockout_lifted`` with the kind, username, address and the failures that made the lock.
    """
    if not is_bureau_admin.test(actor):
        raise PermissionDenied(NOT_ADMIN)
    username = str(username or "").strip()
    ip = _checked_ip(ip)
    kind = PAIR if username else IP
    # Lock the address's rows first: of two admins lifting at once, the second then finds no lock.
    attempts = AccessAttempt.objects.select_for_update().filter(ip_address=ip)
    list(attempts.values_list("pk", flat=True))
    lock = next((found for found in _locks(attempts, timezone.now())
                 if found.kind == kind and found.username == username), None)
    if lock is None:
        raise ValidationError(
            f"{describe_lock(username, ip)} 当前没有被锁定（可能已到期自动解除或已被解除），无需解除。")
    doomed = attempts.filter(username=username) if kind == PAIR else attempts
    _, per_model = doomed.delete()
    removed = per_model.get(AccessAttempt._meta.label, 0)
    record("accounts.lockout_lifted", actor=actor, data={
        "kind": kind, "username": username, "ip": ip, "failures": lock.failures,
    })
    return removed
