"""The auditor's read-only view of the audit trail (审计管理员)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.audit.queries import audit_events_for_user
from shifan.audit.recorder import record
from shifan.audit.verify import verify_chain

auditor_only = role_required(Role.AUDITOR)


def _render_home(request, result=None):
    events = audit_events_for_user(request.user)
    event_filter = request.GET.get("event", "").strip()
    if event_filter:
        events = events.filter(event__startswith=event_filter)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "oversight/home.html", {"page": page, "result": result, "event_filter": event_filter})


@require_GET
@auditor_only
def home(request):
    return _render_home(request)


@require_POST
@auditor_only
def verify(request):
    result = verify_chain()
    record("audit.verified", actor=request.user, data={"ok": result.ok, "checked": result.checked})
    return _render_home(request, result=result)
