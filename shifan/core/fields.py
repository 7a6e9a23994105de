"""Model fields for personal data: encrypted at rest with SM4-GCM (DESIGN.md §7, §9)."""

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from shifan.core.crypto import decrypt_field, encrypt_field, key_from_hex


@cache
def _keys() -> tuple[str, dict[str, bytes]]:
    """``SHIFAN_FIELD_KEYS`` = "id:hex,id:hex"; the first is used to encrypt, all to decrypt."""
    pairs = [item.split(":", 1) for item in settings.FIELD_ENCRYPTION_KEYS.split(",") if item.strip()]
    if not pairs or any(len(p) != 2 for p in pairs):
        raise ImproperlyConfigured("SHIFAN_FIELD_KEYS must look like 'k1:<32 hex chars>,k0:<32 hex chars>'")
    keys = {key_id.strip(): key_from_hex(value.strip(), name="SHIFAN_FIELD_KEYS") for key_id, value in pairs}
    return pairs[0][0].strip(), keys


def reset_key_cache() -> None:
    _keys.cache_clear()


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


def mask_mobile(value: str) -> str:
    """138****8000."""
    return f"{value[:3]}****{value[-4:]}" if len(value) >= 7 else "****"


def mask_id_number(value: str) -> str:
    """3601**********1234 (birth date and sequence hidden)."""
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}" if len(value) > 8 else "****"
