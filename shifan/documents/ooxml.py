"""Checks on an OOXML package (.xlsx, .docx) that run before any parser touches it (DESIGN §9, T34–T35, T37).

Order matters: the zip's central directory (entry count, paths, encryption, macros, embedded
files, declared sizes and compression ratios), then the content types, then every XML part is
scanned for DOCTYPE/ENTITY with a budget on the bytes actually inflated, and the relationship
parts for external targets. Callers (the Excel import, the attachment uploads) turn a
PackageRefused into their own wording; the structural details below are shared.
"""

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from shifan.documents.sizes import MB, format_size

XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# Archives and office files inside the package: nested bombs, and content nobody reviews.
_NESTED_SUFFIXES = (
    ".zip", ".7z", ".rar", ".gz", ".tar", ".jar",
    ".xls", ".xlsx", ".xlsm", ".xlsb", ".doc", ".docx", ".docm", ".dotm", ".ppt", ".pptx", ".pptm",
)  # fmt: skip
# Case-insensitive in bytes for UTF-8, UTF-16-LE and UTF-16-BE parts alike.
_DECLARATIONS = tuple(
    needle.encode(encoding) for needle in ("<!doctype", "<!entity") for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
# An external target is harmless only for a hyperlink; a remote template or object is fetched on open.
_HYPERLINK = "/relationships/hyperlink"
_CHUNK = 256 * 1024

# Why a package is refused: callers map these to their own messages.
BROKEN = "broken"  # not a readable zip
WRONG_TYPE = "wrong_type"  # a zip, but not the expected kind of office file
MACROS = "macros"  # VBA project, ActiveX, or a macro-enabled content type
ENCRYPTED = "encrypted"  # an encrypted zip entry
EMBEDDED = "embedded"  # embedded objects or nested archives
EXTERNAL = "external"  # a relationship that makes the reader fetch something (remote template, object)
STRUCTURE = "structure"  # a malformed or malicious structure; ``detail`` says which (Chinese)

# Details of STRUCTURE.
TOO_MANY_PARTS = "包含 {count} 个部件，上限 {limit} 个"
EXPANDS_TOO_MUCH = "解压后超过上限 {limit}"
RATIO_TOO_HIGH = "部件 {name} 的压缩比为 {ratio} 倍，上限 {limit} 倍"
UNSAFE_PATH = "包含不安全的路径 {name}"
DUPLICATE_PART = "部件 {name} 出现了多次"
XML_DECLARATIONS = "部件 {name} 含有 DOCTYPE 或 ENTITY 声明"


class PackageRefused(Exception):
    """The package may not be parsed; ``why`` is one of the codes above, ``detail`` explains STRUCTURE."""

    def __init__(self, why: str, detail: str = ""):
        super().__init__(f"{why}: {detail}" if detail else why)
        self.why = why
        self.detail = detail


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 1000
    max_total_bytes: int = 100 * MB  # declared and actually inflated, all parts together
    max_ratio: int = 100  # uncompressed / compressed, for parts large enough to matter
    ratio_floor: int = 1 * MB  # a part smaller than this cannot hurt, whatever its ratio


ZIP_LIMITS = ZipLimits()


def check_package(data: bytes, *, main_content_type: str, limits: ZipLimits = ZIP_LIMITS) -> None:
    """Raise PackageRefused unless `data` is a safe OOXML package of `main_content_type`.

    The caller has already checked size and the zip signature. Side effects: none.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_directory(archive.infolist(), limits)
            _check_content_types(archive, main_content_type)
            _scan_xml_parts(archive, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as exc:
        raise PackageRefused(BROKEN) from exc


def _check_directory(entries: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """Entry count, names, encryption, embedded files and sizes, all from the central directory."""
    if len(entries) > limits.max_entries:
        _structure(TOO_MANY_PARTS.format(count=len(entries), limit=limits.max_entries))
    seen = set()
    for entry in entries:
        name = entry.filename
        _check_name(name)
        if name.lower() in seen:
            _structure(DUPLICATE_PART.format(name=name))
        seen.add(name.lower())
        if entry.flag_bits & 0x1:
            raise PackageRefused(ENCRYPTED)
        if _is_macro_part(name):
            raise PackageRefused(MACROS)
        if _is_embedded(name):
            raise PackageRefused(EMBEDDED)
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_total_bytes:
        _structure(EXPANDS_TOO_MUCH.format(limit=format_size(limits.max_total_bytes)))
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size >= limits.ratio_floor and ratio > limits.max_ratio:
            _structure(RATIO_TOO_HIGH.format(name=entry.filename, ratio=int(ratio), limit=limits.max_ratio))


def _check_name(name: str) -> None:
    if name.startswith("/") or "\\" in name or re.match(r"^[A-Za-z]:", name) or ".." in name.split("/"):
        _structure(UNSAFE_PATH.format(name=name))


def _is_macro_part(name: str) -> bool:
    lowered = name.lower()
    return posixpath.basename(lowered) == "vbaproject.bin" or "/activex/" in f"/{lowered}"


def _is_embedded(name: str) -> bool:
    lowered = name.lower()
    return "/embeddings/" in f"/{lowered}" or lowered.endswith(_NESTED_SUFFIXES)


def _parse_small_part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    raw = archive.read(name)
    if _has_declarations(raw):
        _structure(XML_DECLARATIONS.format(name=name))
    return ElementTree.fromstring(raw)  # noqa: S314 -- DOCTYPE/ENTITY refused just above: nothing to expand


def _check_content_types(archive: zipfile.ZipFile, main_content_type: str) -> None:
    """[Content_Types].xml must declare exactly one main part of the expected kind, nothing macro-enabled."""
    try:
        root = _parse_small_part(archive, "[Content_Types].xml")
    except (KeyError, ElementTree.ParseError) as exc:
        raise PackageRefused(WRONG_TYPE) from exc
    declared = [
        ((element.get("PartName") or "").lstrip("/"), (element.get("ContentType") or "").strip())
        for element in root
        if element.tag.endswith(("}Override", "}Default"))
    ]
    if any("macroenabled" in value.lower() or "vbaproject" in value.lower() for _, value in declared):
        raise PackageRefused(MACROS)
    main_parts = [part for part, value in declared if value == main_content_type]
    if len(main_parts) != 1 or main_parts[0] not in archive.namelist():
        raise PackageRefused(WRONG_TYPE)


def _scan_xml_parts(archive: zipfile.ZipFile, limits: ZipLimits) -> None:
    """Refuse any XML part declaring a DTD or entities (XXE, billion laughs), and external relationships.

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
                    _structure(EXPANDS_TOO_MUCH.format(limit=format_size(limits.max_total_bytes)))
                if _has_declarations(tail + chunk):
                    _structure(XML_DECLARATIONS.format(name=entry.filename))
                tail = chunk[-overlap:]
        if entry.filename.lower().endswith(".rels"):
            _check_relationships(archive, entry.filename)


def _check_relationships(archive: zipfile.ZipFile, name: str) -> None:
    """An external target other than a hyperlink (a remote template, frame or OLE object) is refused."""
    try:
        root = _parse_small_part(archive, name)  # already scanned and within budget
    except ElementTree.ParseError as exc:
        raise PackageRefused(BROKEN) from exc
    for element in root:
        external = (element.get("TargetMode") or "").lower() == "external"
        if external and not (element.get("Type") or "").endswith(_HYPERLINK):
            raise PackageRefused(EXTERNAL)


def _has_declarations(raw: bytes) -> bool:
    lowered = raw.lower()
    return any(needle in lowered for needle in _DECLARATIONS)


def _structure(detail: str):
    raise PackageRefused(STRUCTURE, detail)
