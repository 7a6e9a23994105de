from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "shifan.applications"
    label = "applications"
    verbose_name = "申报"

    def ready(self) -> None:
        from shifan.applications import workflow  # noqa: F401 -- registers the action permissions
