from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "shifan.publicity"
    label = "publicity"
    verbose_name = "公示与异议"

    def ready(self) -> None:
        from shifan.publicity import registrations

        registrations.register()
