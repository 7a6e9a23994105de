"""The one entry point of the attachment checks: size, name, content, structure (DESIGN §9, T32–T37).

Nothing is trusted from the uploader: not the content type the browser sent (never read), not
the extension (it must be allowed for the slot AND agree with the bytes), not the name (kept
only as cleaned metadata). Images come back re-encoded; other kinds come back as they were.
"""

import hashlib
from dataclasses import dataclass

from shifan.documents.files import messages, sniff
from shifan.documents.files.errors import FileRefused
from shifan.documents.files.images import reencode_image
from shifan.documents.files.kinds import KINDS, MACRO_EXTENSIONS, Kind, allowed_labels, kind_for_extension
from shifan.documents.files.names import extension_of, safe_name
from shifan.documents.files.office import office_kind
from shifan.documents.files.pdf import check_pdf
from shifan.documents.sizes import format_size


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # a code of kinds.KINDS
    content_type: str  # the kind's, never the browser's
    extension: str  # as the name had it, validated: pdf, jpg, jpeg, png, docx, xlsx
    safe_name: str  # what a download offers; never a path on disk
    sha256: str  # of `data`
    size: int  # of `data`
    data: bytes = b""  # what to store: the upload itself, or for images their re-encoding


def check_upload(data: bytes, filename: str, allowed: frozenset[str], max_bytes: int) -> CheckedFile:
    """Check an uploaded file for a slot that accepts the kinds `allowed`, each up to `max_bytes`.

    Raises FileRefused with a Chinese message saying what is wrong and what to do.
    Side effects: none (the caller stores `data` of the result).
    """
    if not data:
        raise FileRefused(messages.EMPTY)
    if len(data) > max_bytes:
        raise FileRefused(messages.TOO_LARGE.format(size=format_size(len(data)), limit=format_size(max_bytes)))
    extension = _allowed_extension(filename, allowed)
    kind = kind_for_extension(extension)
    stored = _check_content(data, kind, extension)
    return CheckedFile(
        kind=kind.code,
        content_type=kind.content_type,
        extension=extension,
        safe_name=safe_name(filename, extension),
        sha256=hashlib.sha256(stored).hexdigest(),
        size=len(stored),
        data=stored,
    )


def _allowed_extension(filename: str, allowed: frozenset[str]) -> str:
    extension = extension_of(filename)
    labels = allowed_labels(allowed)
    if not extension:
        raise FileRefused(messages.NO_EXTENSION.format(allowed=labels))
    if extension in MACRO_EXTENSIONS:
        raise FileRefused(messages.MACRO_EXTENSION.format(extension=extension))
    kind = kind_for_extension(extension)
    if kind is None or kind.code not in allowed:
        raise FileRefused(messages.EXTENSION_NOT_ALLOWED.format(extension=extension, allowed=labels))
    return extension


def _check_content(data: bytes, kind: Kind, extension: str) -> bytes:
    """The bytes to store, once the content is shown to be `kind` and sound."""
    found = sniff.sniff(data)
    if found == sniff.MARKUP:
        raise FileRefused(messages.ACTIVE_CONTENT)
    if found == sniff.EXECUTABLE:
        raise FileRefused(messages.EXECUTABLE)
    if found == sniff.OLE:
        raise FileRefused(messages.OLE_FILE)
    if found == sniff.ZIP:
        found = office_kind(data)  # runs the package checks: a bomb is refused before anything reads it
    if found != kind.code:
        _refuse_mismatch(found, kind, extension)
    if kind.code == "pdf":
        check_pdf(data)
    elif kind.code in ("jpg", "png"):
        return reencode_image(data, kind.code)
    return data


def _refuse_mismatch(found: str | None, expected: Kind, extension: str):
    if found in KINDS:
        raise FileRefused(messages.MISMATCH.format(extension=extension, actual=KINDS[found].noun))
    raise FileRefused(messages.UNRECOGNISED.format(expected=expected.noun, extension=extension))
