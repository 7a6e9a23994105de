"""The crypto provider: every cryptographic operation of the system goes through here.

The default implementation uses the ``cryptography`` package's SM3 (GB/T 32905) and SM4
(GB/T 32907); a certified hardware module can replace these functions later without callers
changing.
"""

import base64
import functools
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

_PREFIX = "sm4gcm"


class DecryptionError(Exception):
    pass


def hmac_sm3(key: bytes, message: bytes) -> bytes:
    mac = hmac.HMAC(key, hashes.SM3())
    mac.update(message)
    return mac.finalize()


def key_from_hex(value: str, *, name: str) -> bytes:
    try:
        key = bytes.fromhex(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be hex encoded") from exc
    if len(key) < 16:
        raise ValueError(f"{name} must be at least 16 bytes")
    return key


def encrypt_field(plaintext: str, *, key_id: str, key: bytes, aad: bytes) -> str:
    """SM4-GCM: ``sm4gcm:<key id>:<base64(iv | ciphertext | tag)>``.

    The AAD names the column, so a value copied into another column does not decrypt.
    """
    iv = os.urandom(12)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(iv)).encryptor()
    encryptor.authenticate_additional_data(aad)
    body = encryptor.update(plaintext.encode()) + encryptor.finalize()
    return f"{_PREFIX}:{key_id}:" + base64.b64encode(iv + body + encryptor.tag).decode()


def key_id_of(token: str) -> str:
    parts = token.split(":", 2)
    if len(parts) != 3 or parts[0] != _PREFIX:
        raise DecryptionError("not an encrypted value")
    return parts[1]


def decrypt_field(token: str, *, keys: dict[str, bytes], aad: bytes) -> str:
    try:
        key_id = key_id_of(token)
        raw = base64.b64decode(token.split(":", 2)[2], validate=True)
        iv, body, tag = raw[:12], raw[12:-16], raw[-16:]
        decryptor = Cipher(algorithms.SM4(keys[key_id]), modes.GCM(iv, tag)).decryptor()
        decryptor.authenticate_additional_data(aad)
        return (decryptor.update(body) + decryptor.finalize()).decode()
    except (KeyError, ValueError, InvalidTag) as exc:
        raise DecryptionError(f"cannot decrypt value: {type(exc).__name__}") from exc


# --- Blind indexes -------------------------------------------------------------------------------
# An encrypted column cannot be searched (each value has a fresh IV). Beside it sits a blind index:
# HMAC-SM3 under its own key (``SHIFAN_INDEX_KEYS``) of the normalised value, stored as
# ``<key id>:<hex>`` so that a key rotation can tell old rows from new ones. The MAC is truncated
# to 192 bits so that an index with a key id of up to 15 characters fits a 64-character column.

INDEX_MAC_HEX = 48
MAX_INDEX_KEY_ID = 15


def parse_keys(value: str, *, name: str, max_id_length: int = 32) -> tuple[str, dict[str, bytes]]:
    """``"id:hex,id:hex"`` → (current key id, {id: key}); the first listed key is current."""
    from django.core.exceptions import ImproperlyConfigured

    pairs = [item.split(":", 1) for item in (value or "").split(",") if item.strip()]
    if not pairs or any(len(p) != 2 or not p[0].strip() for p in pairs):
        raise ImproperlyConfigured(f"{name} must look like 'k1:<32 hex chars>,k0:<32 hex chars>'")
    keys = {}
    for key_id, hex_value in pairs:
        key_id = key_id.strip()
        if len(key_id) > max_id_length or not key_id.isalnum():
            raise ImproperlyConfigured(f"{name}: key id {key_id!r} must be 1–{max_id_length} letters or digits")
        try:
            keys[key_id] = key_from_hex(hex_value.strip(), name=name)
        except ValueError as exc:
            raise ImproperlyConfigured(str(exc)) from exc
    return pairs[0][0].strip(), keys


@functools.cache
def index_keys() -> tuple[str, dict[str, bytes]]:
    """The blind-index keys from ``settings.INDEX_KEYS`` (env ``SHIFAN_INDEX_KEYS``)."""
    from django.conf import settings

    return parse_keys(settings.INDEX_KEYS, name="SHIFAN_INDEX_KEYS", max_id_length=MAX_INDEX_KEY_ID)


def reset_index_key_cache() -> None:
    index_keys.cache_clear()


def normalize_for_index(value: str, purpose: str) -> str:
    """The form of a value that is indexed: the same person typed twice gives the same index."""
    from shifan.core.validators import normalize_id_number, normalize_mobile

    if purpose == "mobile":
        return normalize_mobile(value)
    if purpose == "id_number":
        return normalize_id_number(value)
    return " ".join(str(value).split())


def _index_with(value: str, purpose: str, key_id: str, key: bytes) -> str:
    mac = hmac_sm3(key, f"{purpose}\x00{value}".encode())
    return f"{key_id}:{mac.hex()[:INDEX_MAC_HEX]}"


def blind_index(value: str, purpose: str) -> str:
    """``<current key id>:<HMAC-SM3 hex>`` of the normalised value, or '' for an empty value.

    ``purpose`` ("mobile", "id_number", …) separates the index spaces: the same digits in two
    kinds of column give unrelated indexes.
    """
    normalized = normalize_for_index(value or "", purpose)
    if not normalized:
        return ""
    key_id, keys = index_keys()
    return _index_with(normalized, purpose, key_id, keys[key_id])


def blind_indexes(value: str, purpose: str) -> list[str]:
    """The value's index under every configured key, current first: what a lookup must match
    while a rotation is under way (rows not yet re-indexed still carry an old key's index)."""
    normalized = normalize_for_index(value or "", purpose)
    if not normalized:
        return []
    current, keys = index_keys()
    order = [current] + [key_id for key_id in keys if key_id != current]
    return [_index_with(normalized, purpose, key_id, keys[key_id]) for key_id in order]


def index_key_id_of(index: str) -> str:
    return index.split(":", 1)[0] if ":" in index else ""
