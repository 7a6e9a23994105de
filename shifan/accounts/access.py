"""The entry check of each audience app: a view decorator naming the roles it admits."""

from functools import wraps

from django.core.exceptions import PermissionDenied


def role_required(*roles: str):
    """Refuse (403) a signed-in user whose role is not one of ``roles``.

    Anonymous users never reach here: LoginRequiredMiddleware sends them to the login page.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.has_role(*roles):
                raise PermissionDenied("您的角色无权访问此页面。")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
