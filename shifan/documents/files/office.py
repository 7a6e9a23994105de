"""Word and Excel files: the shared OOXML package checks, worded for attachments (T34, T35, T37)."""

from shifan.documents import ooxml
from shifan.documents.files import messages
from shifan.documents.files.errors import FileRefused

MAIN_TYPES = {"docx": ooxml.DOCX_MAIN, "xlsx": ooxml.XLSX_MAIN}
_REFUSALS = {
    ooxml.BROKEN: messages.OFFICE_BROKEN,
    ooxml.MACROS: messages.OFFICE_MACROS,
    ooxml.ENCRYPTED: messages.OFFICE_ENCRYPTED,
    ooxml.EMBEDDED: messages.OFFICE_EMBEDDED,
    ooxml.EXTERNAL: messages.OFFICE_EXTERNAL,
}


def office_kind(data: bytes) -> str | None:
    """docx or xlsx by the package's declared main part; None if it is neither (or not sound enough to say)."""
    for code, main in MAIN_TYPES.items():
        try:
            ooxml.check_package(data, main_content_type=main)
        except ooxml.PackageRefused as refused:
            if refused.why != ooxml.WRONG_TYPE:
                raise FileRefused(_message(refused)) from refused
            continue
        return code
    return None


def _message(refused: ooxml.PackageRefused) -> str:
    return _REFUSALS.get(refused.why) or messages.OFFICE_STRUCTURE.format(detail=refused.detail)
