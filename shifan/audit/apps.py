from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "shifan.audit"
    label = "audit"
    verbose_name = "审计"

    def ready(self) -> None:
        from shifan.audit import checks, signals  # noqa: F401 -- registers the checks, connects the receivers
