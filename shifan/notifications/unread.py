"""The unread count in every page's header, kept in the cache for a few seconds per user.

Every page a logged-in user opens shows it, so it is read from the cache and counted at most every
``UNREAD_SECONDS``; a new message (``notify``) or a message read (``mark_read``) forgets the
recipient's count at once and again when the transaction commits, so the header is never behind
the inbox after the user's own action.
"""

from collections.abc import Iterable

from django.core.cache import cache

from shifan.core.reference import forget

UNREAD_SECONDS = 10


def _key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count_of(user) -> int:
    """The user's unread messages (cached). Side effects: reads and may write the cache."""
    from shifan.notifications.models import Notification

    key = _key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_SECONDS)
    return count


def forget_unread(user_ids: Iterable[int]) -> None:
    """Drop the cached counts of these users, now and after the current transaction commits.

    Side effects: deletes cache keys."""
    keys = [_key(pk) for pk in set(user_ids)]
    if keys:
        forget(*keys)
