"""Checks on an uploaded .xlsx that run before any parser touches it (DESIGN §9, T32–T35).

Order matters: size, then the file's signature, then the shared OOXML package checks
(documents/ooxml.py: zip directory, content types, XML declarations with an inflation budget).
Only a file that passes all of them reaches openpyxl.
"""

from shifan.documents import ooxml
from shifan.documents.ooxml import ZIP_LIMITS, ZipLimits
from shifan.documents.sizes import MB, format_size
from shifan.documents.xlsx import messages
from shifan.documents.xlsx.errors import ImportRefused

__all__ = ["MB", "ZIP_LIMITS", "ZipLimits", "check_upload"]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected OOXML
# The Excel import's wording of each reason the shared package check gives.
_REFUSALS = {
    ooxml.BROKEN: messages.BROKEN,
    ooxml.WRONG_TYPE: messages.NOT_XLSX,
    ooxml.MACROS: messages.MACROS,
    ooxml.ENCRYPTED: messages.ENCRYPTED_PART,
    ooxml.EMBEDDED: messages.EMBEDDED,
    ooxml.EXTERNAL: messages.EXTERNAL,
}


def check_upload(data: bytes, *, max_bytes: int = 10 * MB, limits: ZipLimits = ZIP_LIMITS) -> None:
    """Raise ImportRefused unless `data` looks like a safe .xlsx workbook. Side effects: none."""
    if not data:
        raise ImportRefused(messages.EMPTY_FILE)
    if len(data) > max_bytes:
        raise ImportRefused(messages.TOO_LARGE.format(size=format_size(len(data)), limit=format_size(max_bytes)))
    if data.startswith(_OLE_MAGIC):
        raise ImportRefused(messages.OLE_FILE)
    if not data.startswith(_ZIP_MAGIC):
        raise ImportRefused(messages.NOT_XLSX)
    try:
        ooxml.check_package(data, main_content_type=ooxml.XLSX_MAIN, limits=limits)
    except ooxml.PackageRefused as refused:
        message = _REFUSALS.get(refused.why) or messages.BAD_STRUCTURE.format(detail=refused.detail)
        raise ImportRefused(message) from refused
