"""PDF checks: a real PDF, no active content, nothing else riding along (T34, T37).

PDF names are read token by token, with #xx escapes decoded (``/J#61vaScript`` is
``/JavaScript``), in the file itself and inside its compressed object streams, where a
dictionary can hide from a plain byte search. Inflating those streams counts the bytes it
produces against a budget, so a PDF bomb stops the check instead of the server.

This is a token scan, not a full PDF parser: it refuses what it finds, and the download
headers (attachment, nosniff, sandbox) stand behind it for what a scan cannot see.
"""

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from shifan.documents.files import messages
from shifan.documents.files.errors import FileRefused
from shifan.documents.files.sniff import ZIP_MAGIC
from shifan.documents.sizes import MB, format_size

# Names that run code, start programs, or carry other files. /OpenAction and /AA are only
# triggers: what they trigger is one of these (or a harmless page view).
ACTIVE_NAMES = ("JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "GoToE")
_SHORT_NAMES = frozenset({"JS"})  # short enough to occur by chance in binary stream data
MAX_INFLATED = 50 * MB
_HEAD = 4096  # a polyglot puts its other header near the start, where other readers look
_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]*)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# A stream's keyword after its dictionary; the dictionary is read back to the object's "obj".
_STREAM = re.compile(rb">>\s*stream\r?\n")
_OBJ = re.compile(rb"\bobj\b")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?:\s+(\d+)\s+R)?")
_LOOKBACK = 4096
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class _Stream:
    names: set[bytes]  # of its dictionary
    start: int  # of its data
    end: int | None  # of its data, when /Length and "endstream" agree; None if unsure


def check_pdf(data: bytes) -> None:
    """Raise FileRefused unless `data` is a PDF without scripts, launch actions or embedded files."""
    if b"%%EOF" not in data:
        raise FileRefused(messages.PDF_BROKEN)
    if _is_polyglot(data):
        raise FileRefused(messages.PDF_POLYGLOT)
    everywhere = names_in(data)
    if b"Encrypt" in everywhere:
        raise FileRefused(messages.PDF_ENCRYPTED)
    outside, compressed = _names_outside_streams(data)
    found = [
        name for name in ACTIVE_NAMES
        if name.encode() in outside | compressed or (name not in _SHORT_NAMES and name.encode() in everywhere)
    ]
    if found:
        raise FileRefused(messages.PDF_ACTIVE.format(names="、".join(f"/{name}" for name in found)))


def _names_outside_streams(data: bytes) -> tuple[set[bytes], set[bytes]]:
    """(names outside the data of streams, names in the inflated object streams).

    Stream data is left out of the first set only because a short name (``/JS ``) turns up by
    chance in megabytes of compressed pictures; the long names are looked for everywhere, since
    a reader led by the cross-reference table may parse an object hidden inside a stream's data.
    """
    outside, compressed, budget, position = set(), set(), MAX_INFLATED, 0
    for stream in _streams(data):
        if stream.end is not None:
            outside |= names_in(data[position:stream.start])
            position = stream.end
        if b"ObjStm" in stream.names:
            content = _object_stream(data, stream, budget)
            budget -= len(content)
            compressed |= names_in(content)
    outside |= names_in(data[position:])
    return outside, compressed


def _is_polyglot(data: bytes) -> bool:
    """Also a zip (a local header near the start, or a central directory at the end), or a web page."""
    head = data[:_HEAD]
    if ZIP_MAGIC in head or any(tag in head.lower() for tag in (b"<html", b"<script", b"<svg", b"<body")):
        return True
    return zipfile.is_zipfile(io.BytesIO(data))


def names_in(data: bytes) -> set[bytes]:
    return {_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), raw) for raw in _NAME.findall(data)}


def _streams(data: bytes) -> Iterator[_Stream]:
    """Every stream in file order. Its end is known only when its /Length lands on "endstream":
    then a PDF reader takes exactly those bytes as data too, so skipping them hides nothing."""
    after = 0
    for match in _STREAM.finditer(data):
        if match.start() < after:
            continue  # bytes inside the data of a stream already found
        window = data[max(match.start() - _LOOKBACK, 0):match.start() + 2]
        objects = list(_OBJ.finditer(window))
        dictionary = window[objects[-1].end():] if objects else window
        start = match.end()
        end = _end_of(data, start, _LENGTH.search(dictionary))
        after = end or start
        yield _Stream(names_in(dictionary), start, end)


def _end_of(data: bytes, start: int, length) -> int | None:
    if length is None:
        return None
    size = int(length[1])
    if length[2] is not None:  # an indirect length: "/Length 7 0 R", with "7 0 obj 1234 endobj" elsewhere
        target = re.search(rb"\b%s\s+%s\s+obj\s*(\d+)\s*endobj" % (length[1], length[2]), data)
        if target is None:
            return None
        size = int(target[1])
    end = start + size
    return end if data[end:end + 32].lstrip().startswith(b"endstream") else None


def _object_stream(data: bytes, stream: _Stream, budget: int) -> bytes:
    """An /ObjStm's objects (compressed dictionaries), inflated within the file's budget."""
    if b"Filter" not in stream.names:
        return data[stream.start:stream.end] if stream.end else b""  # stored plainly: read with the file
    if b"FlateDecode" not in stream.names:
        raise FileRefused(messages.PDF_BROKEN)  # a filter we do not inflate: cannot be inspected
    return _inflate(data[stream.start:stream.end] if stream.end else data[stream.start:], budget)


def _inflate(raw: bytes, budget: int) -> bytes:
    inflater = zlib.decompressobj()
    out = bytearray()
    position = 0
    try:
        while not inflater.eof and (inflater.unconsumed_tail or position < len(raw)):
            chunk = inflater.unconsumed_tail or raw[position:position + _CHUNK]
            if not inflater.unconsumed_tail:
                position += len(chunk)
            out += inflater.decompress(chunk, max(budget - len(out), 0) + 1)
            if len(out) > budget:
                raise FileRefused(messages.PDF_TOO_DEEP.format(limit=format_size(MAX_INFLATED)))
    except zlib.error as exc:
        raise FileRefused(messages.PDF_BROKEN) from exc
    if not inflater.eof:
        raise FileRefused(messages.PDF_BROKEN)
    return bytes(out)
