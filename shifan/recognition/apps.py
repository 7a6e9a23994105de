from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "shifan.recognition"
    label = "recognition"
    verbose_name = "认定与证书"

    def ready(self) -> None:
        from shifan.recognition import registrations

        registrations.register()
