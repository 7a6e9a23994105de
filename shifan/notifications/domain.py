"""Sending notifications: the inbox row commits with the business change; e-mail (and SMS) go after.

Delivery never blocks the caller: the first attempt runs after commit, a failure is recorded on
the row as 待重发 and ``send_pending`` (``manage.py send_notifications``, run by cron or a worker)
retries with backoff until the message is sent or, after ``MAX_ATTEMPTS``, marked 发送失败.
The inbox shows the message whatever happens to the channels.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from shifan.notifications import sms as sms_backends
from shifan.notifications.models import Delivery, Notification
from shifan.notifications.unread import forget_unread

logger = logging.getLogger(__name__)

# Minutes to wait after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure gives up.
RETRY_DELAYS = (1, 5, 30, 120)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
WAITING = (Delivery.PENDING, Delivery.RETRY)


def notify(
    recipients: Iterable, *, event: str, subject: str, body: str, link: str = "", sms: bool = False
) -> list[Notification]:
    """Put a message in each recipient's inbox and e-mail it once the transaction commits; text it
    too when ``sms`` is asked, or when the message asks that recipient to act
    (``sms.ACTION_EVENTS``) and the recipient has a mobile.

    Side effects: inserts one Notification per distinct active recipient and forgets their cached
    unread counts (``notifications.unread``); after commit, makes the
    first delivery attempt (a failure is recorded on the row for ``send_pending`` and never undoes
    the caller's change).
    """
    seen, rows = set(), []
    for user in recipients:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        texted = sms or (sms_backends.asks_to_act(event, user) and bool(sms_backends.recipient_mobile(user)))
        rows.append(Notification(recipient=user, event=event, subject=subject, body=body, link=link,
                                 sms_status=Delivery.PENDING if texted else Delivery.NONE))
    created = Notification.objects.bulk_create(rows)
    forget_unread(seen)
    ids = [row.pk for row in created]
    if ids:
        transaction.on_commit(lambda: send_pending_email(ids))
    return created


def _absolute(link: str) -> str:
    return f"{settings.SITE_URL}{link}" if link.startswith("/") else link


def _send_email(note: Notification) -> None:
    body = note.body
    if note.link:
        body += f"\n\n{_absolute(note.link)}"
    body += "\n\n（本邮件由系统自动发送，请勿直接回复。）"
    send_mail(note.subject, body, None, [note.recipient.email])


def _send_sms(note: Notification) -> None:
    text = f"【南昌市中小企业服务局】{note.subject}。请登录系统查看。"
    sms_backends.get_backend().send(sms_backends.recipient_mobile(note.recipient), text)


class _Channel:
    def __init__(self, name: str, send, address):
        self.name, self.send, self.address = name, send, address
        self.status, self.attempts = f"{name}_status", f"{name}_attempts"
        self.next_at, self.error = f"{name}_next_attempt_at", f"{name}_error"

    def due(self, now) -> Q:
        return Q(**{f"{self.status}__in": WAITING}) & (
            Q(**{f"{self.next_at}__isnull": True}) | Q(**{f"{self.next_at}__lte": now})
        )


CHANNELS = (
    _Channel("email", _send_email, lambda user: user.email),
    _Channel("sms", _send_sms, sms_backends.recipient_mobile),
)


def _attempt(note: Notification, channel: _Channel, now) -> str:
    """One delivery attempt of one channel; returns the new status. Never raises for the backend."""
    status, attempts = getattr(note, channel.status), getattr(note, channel.attempts)
    rows = Notification.objects.filter(pk=note.pk, **{channel.status: status, channel.attempts: attempts})
    if not channel.address(note.recipient):
        rows.update(**{channel.status: Delivery.SKIPPED, channel.next_at: None})
        return Delivery.SKIPPED
    tried = attempts + 1
    delay = timedelta(minutes=RETRY_DELAYS[min(tried, len(RETRY_DELAYS)) - 1])
    # Claim the attempt: a concurrent sender sees the new count and the lease, and leaves it alone.
    if not rows.update(**{channel.attempts: tried, channel.next_at: now + delay}):
        return ""
    claimed = Notification.objects.filter(pk=note.pk, **{channel.attempts: tried})
    try:
        channel.send(note)
    except Exception as exc:  # any backend failure: the message stays in the inbox and is retried
        logger.warning("notification %s %s attempt %s failed: %s", note.pk, channel.name, tried, exc)
        final = tried >= MAX_ATTEMPTS
        new = Delivery.FAILED if final else Delivery.RETRY
        claimed.update(**{channel.status: new, channel.error: str(exc)[:300],
                          channel.next_at: None if final else now + delay})
        return new
    claimed.update(**{channel.status: Delivery.SENT, channel.error: "", channel.next_at: None})
    return Delivery.SENT


def send_pending_email(ids: list[int]) -> None:
    """The first delivery attempt of the given notifications (run after the commit that made them).

    Side effects: sends e-mail and SMS through the configured backends; updates each row's
    delivery status, attempt count, next attempt time and last error.
    """
    now = timezone.now()
    notes = Notification.objects.filter(pk__in=ids).select_related("recipient")
    for note in notes:
        for channel in CHANNELS:
            if getattr(note, channel.status) == Delivery.PENDING:
                _attempt(note, channel, now)


def send_pending(now=None) -> dict[str, int]:
    """Retry every message whose e-mail or SMS is waiting and due at ``now`` (default: now).

    Backoff after failed attempts: ``RETRY_DELAYS`` minutes; after ``MAX_ATTEMPTS`` failures the
    channel is marked 发送失败. Returns the number of attempts ending in each status.

    Side effects: sends through the backends; updates the rows' delivery fields.
    """
    now = now or timezone.now()
    counts: dict[str, int] = {}
    for channel in CHANNELS:
        for note in Notification.objects.filter(channel.due(now)).select_related("recipient").order_by("pk"):
            result = _attempt(note, channel, now)
            if result:
                counts[result] = counts.get(result, 0) + 1
    return counts


def mark_read(note: Notification) -> None:
    """Side effects: sets ``read_at`` on an unread notification; forgets the recipient's cached unread count."""
    if note.read_at is None:
        Notification.objects.filter(pk=note.pk, read_at__isnull=True).update(read_at=timezone.now())
        forget_unread([note.recipient_id])


def inbox_for_user(user):
    """The only query for a user's notifications: always scoped to the recipient."""
    return Notification.objects.filter(recipient=user)
