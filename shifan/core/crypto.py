"""The crypto provider: every cryptographic operation of the system goes through here.

The default implementation uses the ``cryptography`` package's SM3 (GB/T 32905) and SM4
(GB/T 32907); a certified hardware module can replace these functions later without callers
changing.
"""

import base64
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
