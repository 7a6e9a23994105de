"""System checks of the audit settings (DESIGN.md §9: audit events are kept at least 6 months)."""

from django.conf import settings
from django.core.checks import Error, register

MIN_RETENTION_DAYS = 183


@register()
def retention_check(app_configs, **kwargs) -> list[Error]:
    days = getattr(settings, "AUDIT_RETENTION_DAYS", 1095)
    if not isinstance(days, int) or days < MIN_RETENTION_DAYS:
        return [Error(
            f"审计日志保存期 SHIFAN_AUDIT_RETENTION_DAYS={days!r} 天，不足 {MIN_RETENTION_DAYS} 天（6 个月）。",
            hint="等保要求审计记录至少保存 6 个月；默认 1095 天（3 年）。",
            id="audit.E001",
        )]
    return []
