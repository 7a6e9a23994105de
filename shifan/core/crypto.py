"""The crypto provider: every cryptographic operation of the system goes through here.

The default implementation uses the ``cryptography`` package's SM3 (GB/T 32905);
a certified hardware module can replace these functions later without callers changing.
"""

from cryptography.hazmat.primitives import hashes, hmac


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
