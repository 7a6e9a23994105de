from html import escape  # Django's escape() is this, behind a check for lazy strings

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from shifan.applications.domain.transitions import available_actions
from shifan.applications.enums import Action, Status
from shifan.applications.sections import SECTIONS
from shifan.core.reversing import url_filler

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


# The badge's HTML per status, built once: lists show one per row, and rendering an included template
# for each cost more than the rest of the row.
_BADGES = {
    status: format_html('<span class="badge badge-{}" data-status="{}">{}</span>', tone, status, status.label)
    for status, tone in _TONES.items()
}


@register.simple_tag
def status_badge(status: str) -> str:
    return _BADGES[Status(status)]


@register.simple_tag
def application_rows(rows, detail_url: str) -> str:
    """The rows of templates/components/application_table.html (``for_listing`` rows), built in Python: a
    list page shows twenty to forty of them, and the template engine spent about 100 µs on each. Times
    are local (the active time zone) as ``Y-m-d H:i``."""
    url_for, zone = url_filler(detail_url), timezone.get_current_timezone()
    html = (
        f'<tr><td><a href="{escape(url_for(row["id"]))}">{escape(row["platform_name"])}</a></td>'
        f'<td>{escape(row["organization__name"])}</td><td>{escape(row["jurisdiction__name"])}</td>'
        f'<td>{row["batch__year"]}</td><td>{_BADGES[row["status"]]}</td>'
        f"<td>{_local(row['submitted_at'], zone)}</td></tr>"
        for row in rows
    )
    return mark_safe("\n".join(html))  # noqa: S308 -- every text above is escaped; badges are prebuilt HTML


def _local(moment, zone) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else "—"


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
