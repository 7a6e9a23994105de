"""What a file's bytes are, whatever its name says: signatures of the allowed kinds and of the
content that must never be stored (web pages, scripts, programs). Magic bytes decide the kind;
the structural checks of each kind then decide whether it is sound (T32, T37).
"""

import re

PDF_MAGIC = b"%PDF-"
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.xls, and password-protected OOXML
# Programs: Windows PE, ELF, Mach-O (both byte orders, 32/64 bit, fat), shell scripts.
_EXECUTABLES = (
    b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe", b"#!",
)  # fmt: skip
# The start of markup a browser would render or run: HTML, SVG, XML (which may carry XSLT or SVG).
_MARKUP = re.compile(rb"^\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|!--)", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

ZIP = "zip"  # docx or xlsx: the package's content types decide which
OLE = "ole"
MARKUP = "markup"
EXECUTABLE = "executable"


def sniff(data: bytes) -> str | None:
    """pdf, jpg, png, zip, ole, markup, executable, or None for anything else."""
    for code, magic in (("pdf", PDF_MAGIC), ("jpg", JPEG_MAGIC), ("png", PNG_MAGIC), (ZIP, ZIP_MAGIC),
                        (OLE, OLE_MAGIC)):
        if data.startswith(magic):
            return code
    if data.startswith(_EXECUTABLES):
        return EXECUTABLE
    if is_markup(data[:1024]):
        return MARKUP
    return None


def is_markup(head: bytes) -> bool:
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    return bool(_MARKUP.match(head.replace(b"\x00", b"")))  # UTF-16 markup reads as ASCII without its NULs
