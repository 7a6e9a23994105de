from django.apps import AppConfig
from django.core import checks
from django.core.signals import setting_changed


def _reset_field_keys(setting: str, **kwargs) -> None:
    if setting in ("FIELD_ENCRYPTION_KEYS", "INDEX_KEYS"):
        from shifan.core.fields import reset_key_cache

        reset_key_cache()


class CoreConfig(AppConfig):
    name = "shifan.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        setting_changed.connect(_reset_field_keys)
        from shifan.core.checks import personal_data_keys

        checks.register(personal_data_keys, checks.Tags.security)
