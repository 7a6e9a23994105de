from shifan.notifications.domain import inbox_for_user


def unread_count(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": inbox_for_user(user).filter(read_at__isnull=True).count()}
