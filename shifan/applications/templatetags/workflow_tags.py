from django import template

from shifan.applications.domain.transitions import available_actions
from shifan.applications.enums import Action, Status

register = template.Library()

_TONES = {
    Status.DRAFT: "neutral",
    Status.SUBMITTED: "info",
    Status.RETURNED: "warning",
    Status.DISTRICT_DECLINED: "danger",
    Status.RECOMMENDED: "info",
    Status.SENT_BACK: "warning",
    Status.ACCEPTED: "info",
    Status.IN_REVIEW: "info",
    Status.REVIEWED: "info",
    Status.PROPOSED: "success",
    Status.NOT_PROPOSED: "danger",
    Status.IN_PUBLICITY: "success",
    Status.RECOGNISED: "success",
    Status.WITHDRAWN: "neutral",
}


@register.inclusion_tag("components/status_badge.html")
def status_badge(status: str) -> dict:
    return {"label": Status(status).label, "tone": _TONES[Status(status)], "code": status}


@register.simple_tag
def actions_for(application, user) -> list[dict]:
    return [
        {"code": row.action, "label": Action(row.action).label, "requires_reason": row.requires_reason}
        for row in available_actions(application, user)
    ]
