"""Low-level cell writing. Every string goes through `text_cell` or `plain_text`, so none can become a formula."""

from datetime import date, datetime

from openpyxl.cell import WriteOnlyCell

from shifan.documents.xlsx.text import looks_like_formula, sanitize

TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
# openpyxl types a str starting with "=" as a formula and one starting with "#" (#N/A, #REF!…)
# as an error value; those go through text_cell, which forces the string type.
_PLAIN_UNSAFE_START = ("=", "#")


def text_cell(worksheet, value: str, *, text_format: bool = False) -> WriteOnlyCell:
    """A string cell that Excel, WPS and LibreOffice all show as text, whatever it starts with.

    openpyxl would store "=…" as a formula and "#N/A" as an error value: the type is forced to
    an inline string, and formula-like text also gets quotePrefix (Excel's leading apostrophe)
    so it stays text even after someone edits the cell.
    """
    cell = WriteOnlyCell(worksheet, sanitize(value))
    cell.data_type = "s"
    if looks_like_formula(cell.value):
        cell.quotePrefix = True
    if text_format:
        cell.number_format = TEXT_FORMAT
    return cell


def plain_text(worksheet, value: str):
    """Like `text_cell`, but an ordinary string is handed to openpyxl as is: most cells of a long
    list need no cell object of their own, and creating one costs more than writing the value."""
    clean = sanitize(value)
    if clean[:1] in _PLAIN_UNSAFE_START or looks_like_formula(clean):
        return text_cell(worksheet, clean)
    return clean


def date_cell(worksheet, value: date) -> WriteOnlyCell:
    if isinstance(value, datetime):
        value = value.date()
    cell = WriteOnlyCell(worksheet, value)
    cell.number_format = DATE_FORMAT
    return cell
