"""The kinds of file an attachment may be: their extensions, content types and labels (DESIGN §9).

An allowlist, nothing else: a slot names a subset of these codes. Macro-enabled and legacy
Office formats are not kinds at all, so no slot can ever accept them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    code: str
    label: str  # what people call it, in the allowed-types list of a slot
    noun: str  # what the content "is", in a mismatch message
    extensions: tuple[str, ...]  # lower case, without the dot; the first is the canonical one
    content_type: str


PDF = Kind("pdf", "PDF", "PDF 文档", ("pdf",), "application/pdf")
JPG = Kind("jpg", "JPG", "JPG 图片", ("jpg", "jpeg"), "image/jpeg")
PNG = Kind("png", "PNG", "PNG 图片", ("png",), "image/png")
DOCX = Kind("docx", "Word（.docx）", "Word 文档（.docx）", ("docx",),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = Kind("xlsx", "Excel（.xlsx）", "Excel 工作簿（.xlsx）", ("xlsx",),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

KINDS = {kind.code: kind for kind in (PDF, JPG, PNG, DOCX, XLSX)}
# Formats refused by name whatever the slot, with their own message: they carry macros.
MACRO_EXTENSIONS = frozenset({"docm", "dotm", "xlsm", "xltm", "xlsb", "xlam", "pptm", "potm", "ppsm", "ppam"})


def kind_for_extension(extension: str) -> Kind | None:
    return next((kind for kind in KINDS.values() if extension in kind.extensions), None)


def allowed_labels(allowed: frozenset[str]) -> str:
    """The allowed kinds in table order, for people: PDF、JPG、PNG."""
    return "、".join(kind.label for code, kind in KINDS.items() if code in allowed)


def accept_attribute(allowed: frozenset[str]) -> str:
    """The <input type=file accept> value: extensions and content types of the allowed kinds."""
    kinds = [kind for code, kind in KINDS.items() if code in allowed]
    return ",".join([f".{ext}" for kind in kinds for ext in kind.extensions] + [kind.content_type for kind in kinds])
