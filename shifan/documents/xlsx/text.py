"""Text helpers shared by the writer and the reader: sanitising, formula prefixes, headers."""

import re
import unicodedata

# Every C0 and C1 control character except tab and newline, plus DEL. XML 1.0 forbids most of
# them (openpyxl raises IllegalCharacterError), and CR alone or the others are never wanted.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Excel, WPS and LibreOffice start a formula (or a DDE call) with these, also after blanks.
FORMULA_PREFIXES = ("=", "+", "-", "@")
EXCEL_MAX_TEXT = 32767  # characters in one cell
_BLANKS = re.compile(r"\s+")


def strip_controls(value: str) -> str:
    return _CONTROL.sub("", value)


def sanitize(value: str) -> str:
    """What we write into a cell: control characters removed, cut to Excel's cell limit."""
    return strip_controls(value)[:EXCEL_MAX_TEXT]


def looks_like_formula(value: str) -> bool:
    """True when a spreadsheet could read `value` as a formula, so it must be marked as text."""
    if value[:1] in ("\t", "\r"):
        return True
    return value.lstrip().startswith(FORMULA_PREFIXES)


def normalize_header(value) -> str:
    """A header as compared on import: full-width folded to half-width, blanks and * removed."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    return _BLANKS.sub("", text).strip("*").casefold()


def display_width(value: str) -> int:
    """Width in Excel character units: CJK and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in value)
