"""``{% state_badge obj %}`` and ``{% recognition_badge recognition %}``: the same badge markup as the
application's ``{% status_badge %}`` (applications/templatetags/workflow_tags.py) for every other state:
``<span class="badge badge-<tone>" data-status="<code>">label</span>``.

Registered in settings.TEMPLATES as the library ``state_tags`` (workspace is a package, not an app).
"""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from shifan.workspace.states import Badge, badge_of, recognition_badge_of

register = template.Library()


def _html(badge: Badge) -> str:
    return format_html('<span class="badge badge-{}" data-status="{}">{}</span>', badge.tone, badge.code, badge.label)


@register.simple_tag
def state_badge(obj) -> str:
    """The badge of a job, objection, decision, revocation, case, tracking report, rectification, …"""
    return _html(badge_of(obj))


@register.simple_tag
def recognition_badge(recognition) -> str:
    """有效 / 已过期 / 已撤销 of a recognition today (its status is by date)."""
    return _html(recognition_badge_of(recognition.status_on(timezone.localdate())))
