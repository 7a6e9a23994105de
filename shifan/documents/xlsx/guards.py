"""Checks on an uploaded .xlsx that run before any parser touches it (DESIGN §9, T32–T35).

Order matters: size, then the zip's central directory (entry count, paths, declared sizes and
compression ratios), then the content types, then every XML part is scanned for DOCTYPE/ENTITY
with a budget on the bytes actually inflated. Only a file that passes all of them reaches openpyxl.
"""

import io
import math
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from shifan.documents.xlsx import messages
from shifan.documents.xlsx.errors import ImportRefused

MB = 1024 * 1024
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected OOXML
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# Archives and office files inside the workbook: nested bombs, and content nobody reviews.
_NESTED_SUFFIXES = (
    ".zip", ".7z", ".rar", ".gz", ".tar", ".jar",
    ".xls", ".xlsx", ".xlsm", ".xlsb", ".doc", ".docx", ".docm", ".ppt", ".pptx", ".pptm",
)
# Case-insensitive in bytes for UTF-8, UTF-16-LE and UTF-16-BE parts alike.
_DECLARATIONS = tuple(
    needle.encode(encoding) for needle in ("<!doctype", "<!entity") for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_CHUNK = 256 * 1024


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 1000
    max_total_bytes: int = 100 * MB  # declared and actually inflated, all parts together
    max_ratio: int = 100  # uncompressed / compressed, for parts large enough to matter
    ratio_floor: int = 1 * MB  # a part smaller than this cannot hurt, whatever its ratio


ZIP_LIMITS = ZipLimits()


def check_upload(data: bytes, *, max_bytes: int = 10 * MB, limits: ZipLimits = ZIP_LIMITS) -> None:
    """Raise ImportRefused unless `data` looks like a safe .xlsx workbook. Side effects: none."""
    if not data:
        raise ImportRefused(messages.EMPTY_FILE)
    if len(data) > max_bytes:
        raise ImportRefused(messages.TOO_LARGE.format(size=_size(len(data)), limit=_size(max_bytes)))
    if data.startswith(_OLE_MAGIC):
        raise ImportRefused(messages.OLE_FILE)
    if not data.startswith(_ZIP_MAGIC):
        raise ImportRefused(messages.NOT_XLSX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_directory(archive.infolist(), limits)
            _check_content_types(archive)
            _scan_xml_parts(archive, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as exc:
        raise ImportRefused(messages.BROKEN) from exc


def _check_directory(entries: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """Entry count, names, encryption, embedded files and sizes, all from the central directory."""
    if len(entries) > limits.max_entries:
        _refuse(messages.TOO_MANY_PARTS.format(count=len(entries), limit=limits.max_entries))
    seen = set()
    for entry in entries:
        name = entry.filename
        _check_name(name)
        if name.lower() in seen:
            _refuse(messages.DUPLICATE_PART.format(name=name))
        seen.add(name.lower())
        if entry.flag_bits & 0x1:
            raise ImportRefused(messages.ENCRYPTED_PART)
        if _is_macro_part(name):
            raise ImportRefused(messages.MACROS)
        if name.lower().startswith("xl/embeddings/") or name.lower().endswith(_NESTED_SUFFIXES):
            raise ImportRefused(messages.EMBEDDED)
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_total_bytes:
        _refuse(messages.EXPANDS_TOO_MUCH.format(limit=_size(limits.max_total_bytes)))
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size >= limits.ratio_floor and ratio > limits.max_ratio:
            _refuse(messages.RATIO_TOO_HIGH.format(name=entry.filename, ratio=int(ratio), limit=limits.max_ratio))


def _check_name(name: str) -> None:
    if name.startswith("/") or "\\" in name or re.match(r"^[A-Za-z]:", name) or ".." in name.split("/"):
        _refuse(messages.UNSAFE_PATH.format(name=name))


def _is_macro_part(name: str) -> bool:
    lowered = name.lower()
    return posixpath.basename(lowered) == "vbaproject.bin" or "/activex/" in f"/{lowered}"


def _check_content_types(archive: zipfile.ZipFile) -> None:
    """[Content_Types].xml must declare an .xlsx workbook and nothing macro-enabled."""
    try:
        raw = archive.read("[Content_Types].xml")
    except KeyError as exc:
        raise ImportRefused(messages.NOT_XLSX) from exc
    if _has_declarations(raw):
        _refuse(messages.XML_DECLARATIONS.format(name="[Content_Types].xml"))
    try:
        root = ElementTree.fromstring(raw)  # noqa: S314 -- DOCTYPE/ENTITY refused just above: nothing to expand
    except ElementTree.ParseError as exc:
        raise ImportRefused(messages.NOT_XLSX) from exc
    declared = [
        ((element.get("PartName") or "").lstrip("/"), (element.get("ContentType") or "").strip())
        for element in root
        if element.tag.endswith(("}Override", "}Default"))
    ]
    if any("macroenabled" in value.lower() or "vbaproject" in value.lower() for _, value in declared):
        raise ImportRefused(messages.MACROS)
    main_parts = [part for part, value in declared if value == XLSX_MAIN]
    if len(main_parts) != 1 or main_parts[0] not in archive.namelist():
        raise ImportRefused(messages.NOT_XLSX)


def _scan_xml_parts(archive: zipfile.ZipFile, limits: ZipLimits) -> None:
    """Refuse any XML part declaring a DTD or entities (XXE, billion laughs).

    Reads each part in chunks, counting the bytes actually inflated against the total budget,
    so a directory that lies about sizes cannot make this scan itself the bomb.
    """
    budget = limits.max_total_bytes
    overlap = max(len(needle) for needle in _DECLARATIONS)
    for entry in archive.infolist():
        if not entry.filename.lower().endswith(_XML_SUFFIXES):
            continue
        tail = b""
        with archive.open(entry) as part:
            while chunk := part.read(_CHUNK):
                budget -= len(chunk)
                if budget < 0:
                    _refuse(messages.EXPANDS_TOO_MUCH.format(limit=_size(limits.max_total_bytes)))
                if _has_declarations(tail + chunk):
                    _refuse(messages.XML_DECLARATIONS.format(name=entry.filename))
                tail = chunk[-overlap:]


def _has_declarations(raw: bytes) -> bool:
    lowered = raw.lower()
    return any(needle in lowered for needle in _DECLARATIONS)


def _refuse(detail: str):
    raise ImportRefused(messages.BAD_STRUCTURE.format(detail=detail))


def _size(count: int) -> str:
    """Rounded up, so a file just over a limit never reads as equal to it."""
    if count < MB:
        return f"{math.ceil(count / 1024)} KB"
    tenths = math.ceil(count * 10 / MB)
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MB"
