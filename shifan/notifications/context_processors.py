from shifan.notifications.unread import unread_count_of


def unread_count(request) -> dict:
    """The header's unread count (cached a few seconds per user: shifan.notifications.unread)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count_of(user)}
