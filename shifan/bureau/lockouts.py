"""Login locks (登录锁定): the system administrator sees the locks in force and lifts one.

A locked-out official who calls the bureau need not wait out the 30 minutes: the admin checks the
caller's identity and lifts the lock of that account at that address (or of the whole address).
The page shows usernames and addresses, never a password or anything else an attempt posted.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts import lockout
from shifan.accounts.access import role_required
from shifan.accounts.roles import Role


def _page(request, *, errors: list[str] | None = None):
    return render(request, "bureau/lockouts.html", {
        "locks": lockout.current_locks(),
        "errors": errors or [],
        "pair_limit": settings.AXES_FAILURE_LIMIT,
        "ip_limit": settings.SHIFAN_IP_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }, status=400 if errors else 200)


@require_GET
@role_required(Role.BUREAU_ADMIN)
def lockout_list(request):
    return _page(request)


@require_POST
@role_required(Role.BUREAU_ADMIN)
def lockout_lift(request):
    username = request.POST.get("username", "").strip()
    ip = request.POST.get("ip", "").strip()
    try:
        lockout.lift_lock(actor=request.user, username=username, ip=ip)
    except ValidationError as error:
        return _page(request, errors=error.messages)
    messages.success(request, f"已解除{lockout.describe_lock(username, ip)} 的登录锁定。")
    return redirect("bureau:lockouts")
