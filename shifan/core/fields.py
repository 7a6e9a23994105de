"""Model fields for personal data: encrypted at rest with SM4-GCM (DESIGN.md §7, §9)."""

from functools import cache

from django.conf import settings
from django.db import models

from shifan.core.crypto import blind_index, decrypt_field, encrypt_field, parse_keys, reset_index_key_cache


@cache
def _keys() -> tuple[str, dict[str, bytes]]:
    """``SHIFAN_FIELD_KEYS`` = "id:hex,id:hex"; the first is used to encrypt, all to decrypt."""
    return parse_keys(settings.FIELD_ENCRYPTION_KEYS, name="SHIFAN_FIELD_KEYS")


def current_field_key_id() -> str:
    return _keys()[0]


def reset_key_cache() -> None:
    """Forget the parsed field and blind-index keys (after the settings changed)."""
    _keys.cache_clear()
    reset_index_key_cache()


class EncryptedCharField(models.TextField):
    """Stores ``sm4gcm:<key id>:…``; Python code sees the clear text.

    Lookups on the column cannot work (each value has a fresh IV); searching and duplicate
    detection use a blind index kept beside it.
    """

    def __init__(self, *args, max_plain_length: int = 64, **kwargs):
        self.max_plain_length = max_plain_length
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["max_plain_length"] = self.max_plain_length
        return name, path, args, kwargs

    def _aad(self) -> bytes:
        return f"{self.model._meta.label_lower}.{self.name}".encode()

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return ""
        key_id, keys = _keys()
        return encrypt_field(str(value), key_id=key_id, key=keys[key_id], aad=self._aad())

    def from_db_value(self, value, expression, connection):
        if not value:
            return ""
        return decrypt_field(value, keys=_keys()[1], aad=self._aad())

    def formfield(self, **kwargs):
        # Room for what people type around the value (+86, spaces, hyphens); form checks normalise it.
        return models.CharField(max_length=self.max_plain_length * 2, blank=self.blank).formfield(
            label=self.verbose_name, **kwargs
        )


class BlindIndexField(models.CharField):
    """The blind index of another (encrypted) field of the same model, kept up to date on save.

    ``pre_save`` recomputes it from ``source`` whenever the row is saved, so callers never set it.
    A ``save(update_fields=[...])`` that names the source must name this field too, and a
    ``QuerySet.update()`` of the source bypasses it (``manage.py rotate_keys`` repairs both).
    In migrations it is a plain ``CharField``: the database only sees a short indexed string.
    """

    def __init__(self, *args, source: str = "", purpose: str = "", **kwargs):
        self.source, self.purpose = source, purpose
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def compute(self, instance) -> str:
        return blind_index(getattr(instance, self.source) or "", self.purpose)

    def pre_save(self, model_instance, add):
        value = self.compute(model_instance)
        setattr(model_instance, self.attname, value)
        return value


def encrypted_fields(model) -> list[EncryptedCharField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)]


def index_fields(model) -> list[BlindIndexField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)]


def mask_mobile(value: str) -> str:
    """138****8000."""
    return f"{value[:3]}****{value[-4:]}" if len(value) >= 7 else "****"


def mask_id_number(value: str) -> str:
    """3601**********1234 (birth date and sequence hidden)."""
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}" if len(value) > 8 else "****"
