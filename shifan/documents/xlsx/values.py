"""Reading one cell: from what openpyxl returns to the column's Python type, or a Chinese error.

Only type, required, choice and length checks live here; domain rules (a valid USCC, an 11-digit
mobile) belong to the caller, who runs them on the typed rows.
"""

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from shifan.documents.xlsx import messages
from shifan.documents.xlsx.rules import DATE_EXAMPLES, list_labels
from shifan.documents.xlsx.spec import Column, Kind
from shifan.documents.xlsx.text import strip_controls

_TRUE = {"是", "y", "yes", "true", "1", "√"}
_FALSE = {"否", "n", "no", "false", "0", "×"}
_DATE_PATTERNS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
_INTEGER = re.compile(r"[+-]?\d+(?:\.0*)?")


class CellError(ValueError):
    """A cell that cannot become its column's type; the message is Chinese."""


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not strip_controls(value).strip())


def convert(column: Column, value):
    """The typed value of a non-blank cell. Raises CellError."""
    if column.kind is Kind.TEXT:
        text = _as_text(value)
    elif column.kind is Kind.DIGITS_TEXT:
        text = _as_digits_text(value)
    else:
        return _CONVERTERS[column.kind](column, value)
    if column.max_length and len(text) > column.max_length:
        raise CellError(messages.TOO_LONG.format(limit=column.max_length, length=len(text)))
    return text


def _folded(value: str) -> str:
    """Full-width digits and letters folded to half-width, blanks trimmed (for typed kinds only)."""
    return unicodedata.normalize("NFKC", strip_controls(value)).strip()


def _as_text(value) -> str:
    if isinstance(value, str):
        return strip_controls(value).strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value == datetime.combine(value.date(), datetime.min.time()):
        return value.date().isoformat()
    return str(value)


def _as_digits_text(value) -> str:
    # A number here is already damaged (18 digits do not fit a float, leading zeros are gone).
    if not isinstance(value, str):
        raise CellError(messages.NUMBER_IN_DIGITS_TEXT)
    return _folded(value)


def _as_integer(column: Column, value) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = _folded(value).replace(",", "")
        if _INTEGER.fullmatch(text):
            return int(Decimal(text))
    raise CellError(messages.NOT_INTEGER)


def _as_decimal(column: Column, value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise CellError(messages.NOT_DECIMAL)
    try:
        # repr() of a float is its shortest round-trip form: 0.1 → Decimal("0.1"), not 0.1000000000000000055…
        number = Decimal(_folded(value).replace(",", "") if isinstance(value, str) else repr(value))
    except InvalidOperation as exc:
        raise CellError(messages.NOT_DECIMAL) from exc
    if not number.is_finite():
        raise CellError(messages.NOT_DECIMAL)
    return number


def _as_date(column: Column, value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = _folded(value).lower()
        for pattern in _DATE_PATTERNS:
            match = pattern.fullmatch(text)
            if match:
                try:
                    return date(*(int(part) for part in match.groups()))
                except ValueError as exc:
                    raise CellError(messages.NO_SUCH_DATE) from exc
    raise CellError(messages.NOT_DATE.format(examples=DATE_EXAMPLES))


def _as_boolean(column: Column, value) -> bool:
    if isinstance(value, bool):
        return value
    text = _folded(str(value)).casefold() if isinstance(value, str | int | float) else ""
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(messages.NOT_BOOLEAN)


def _as_choice(column: Column, value) -> str:
    text = _folded(str(value)).casefold()
    for code, label in column.choices:
        if text in (_folded(label).casefold(), _folded(code).casefold()):
            return code
    raise CellError(messages.NOT_A_CHOICE.format(labels=list_labels(column.options)))


_CONVERTERS = {
    Kind.INTEGER: _as_integer,
    Kind.DECIMAL: _as_decimal,
    Kind.DATE: _as_date,
    Kind.BOOLEAN: _as_boolean,
    Kind.CHOICE: _as_choice,
}
