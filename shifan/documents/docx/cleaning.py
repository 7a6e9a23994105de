"""Cleaning a render context: every string that reaches a .docx passes through here.

XML 1.0 forbids most control characters, and docxtpl gives four of them a meaning of its own
(\\a new paragraph, \\f page break, \\t tab, \\n line break): a value typed by a user must never
break the file or its layout. Only the line break is kept; a tab becomes a space.
"""

import re
from collections.abc import Mapping
from decimal import Decimal

# C0 and C1 controls except \n, DEL, lone surrogates and the two non-characters XML refuses.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """The text with CR LF and CR turned into LF, tabs into spaces, every other unsafe character removed."""
    return _UNSAFE.sub("", value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


def clean_context(value):
    """A copy of a render context with every string cleaned.

    Only plain data is accepted (dict, list, tuple, str, int, Decimal, bool, None): domain code
    formats dates, money and codes for people before rendering, so nothing reaches the document
    uncleaned inside an object's attributes. Raises TypeError for anything else.
    """
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {str(key): clean_context(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_context(item) for item in value]
    if value is None or isinstance(value, bool | int | Decimal):
        return value
    raise TypeError(f"a document context holds plain data only, not {type(value).__name__}")
