from django import template

from shifan.applications.domain.transitions import available_actions
from shifan.applications.enums import Action, Status
from shifan.applications.sections import SECTIONS

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


@register.simple_tag
def cell(row, name: str) -> str:
    """One value of a list row as a person reads it: labels for codes, 是/否, dates in Chinese."""
    value = getattr(row, name)
    field = row._meta.get_field(name)
    if field.choices and value:
        return getattr(row, f"get_{name}_display")()
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == "":
        return "—"
    if hasattr(value, "strftime"):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


@register.simple_tag
def column_label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


@register.simple_tag
def application_sections():
    return SECTIONS


@register.simple_tag
def posted(form, name: str) -> str:
    """What the user typed into a field the form does not declare (kept when the page comes back)."""
    data = getattr(form, "data", None) or {}
    return data.get(name, "")
