"""Safe file names: what is kept of the uploader's name, as metadata only (T36).

The stored file never uses this name (it gets a random one); this is what a download offers.
"""

import unicodedata

MAX_LENGTH = 100
FALLBACK_STEM = "附件"
_FORBIDDEN = set('\\/:*?"<>|')
# Device names Windows refuses as a file name, whatever the extension.
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
)
# Cc: control characters (NUL, CR, LF…); Cf: format characters, which include the bidi overrides
# and isolates (U+202A–U+202E, U+2066–U+2069) and zero-width characters; the rest: no character.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def clean_name(filename: str) -> str:
    """The last path component, NFKC-normalised, without control, bidi and path characters."""
    text = unicodedata.normalize("NFKC", filename or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in text if unicodedata.category(c) not in _INVISIBLE and c not in _FORBIDDEN).strip()


def extension_of(filename: str) -> str:
    """The real (last) extension of the cleaned name, lower case and without the dot; "" if none."""
    _, dot, extension = clean_name(filename).rpartition(".")
    return extension.strip().lower() if dot else ""


def safe_name(filename: str, extension: str) -> str:
    """The name to offer on download: the cleaned stem plus the validated `extension`, ≤ 100 characters.

    Leading dots and dashes go (hidden files, command-line options), and so does a Windows
    device name; an empty stem becomes 附件.
    """
    stem = clean_name(filename).rpartition(".")[0] or ""
    stem = stem.lstrip(".- ").rstrip(". ")
    stem = stem[: MAX_LENGTH - len(extension) - 1].rstrip(". ")
    if not stem or stem.split(".")[0].upper() in _WINDOWS_DEVICES:
        stem = FALLBACK_STEM
    return f"{stem}.{extension}"
