"""Sending notifications: the inbox row commits with the business change, e-mail goes after."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from shifan.notifications.models import Notification

logger = logging.getLogger(__name__)


def notify(recipients: Iterable, *, event: str, subject: str, body: str, link: str = "") -> list[Notification]:
    """Put a message in each recipient's inbox and e-mail it once the transaction commits.

    Side effects: inserts one Notification per distinct active recipient; after commit,
    sends e-mail (a failure is recorded on the row and never undoes the caller's change).
    """
    seen, rows = set(), []
    for user in recipients:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        rows.append(Notification(recipient=user, event=event, subject=subject, body=body, link=link))
    created = Notification.objects.bulk_create(rows)
    ids = [row.pk for row in created]
    if ids:
        transaction.on_commit(lambda: send_pending_email(ids))
    return created


def _absolute(link: str) -> str:
    return f"{settings.SITE_URL}{link}" if link.startswith("/") else link


def send_pending_email(ids: list[int]) -> None:
    """E-mail the given notifications that are still pending.

    Side effects: sends mail through the configured backend; updates each row's e-mail status.
    """
    for note in Notification.objects.filter(pk__in=ids, email_status=Notification.EmailStatus.PENDING).select_related(
        "recipient"
    ):
        if not note.recipient.email:
            _mark(note, Notification.EmailStatus.SKIPPED)
            continue
        body = note.body
        if note.link:
            body += f"\n\n{_absolute(note.link)}"
        body += "\n\n（本邮件由系统自动发送，请勿直接回复。）"
        try:
            send_mail(note.subject, body, None, [note.recipient.email])
        except Exception as exc:  # any backend failure: keep the message queued in the inbox
            logger.warning("notification %s e-mail failed: %s", note.pk, exc)
            _mark(note, Notification.EmailStatus.FAILED, error=str(exc)[:300])
        else:
            _mark(note, Notification.EmailStatus.SENT)


def _mark(note: Notification, status: str, *, error: str = "") -> None:
    Notification.objects.filter(pk=note.pk).update(
        email_status=status, email_attempts=note.email_attempts + 1, email_error=error
    )


def mark_read(note: Notification) -> None:
    """Side effects: sets ``read_at`` on an unread notification."""
    if note.read_at is None:
        Notification.objects.filter(pk=note.pk, read_at__isnull=True).update(read_at=timezone.now())


def inbox_for_user(user):
    """The only query for a user's notifications: always scoped to the recipient."""
    return Notification.objects.filter(recipient=user)
