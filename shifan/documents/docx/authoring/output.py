"""Saving a template so that building it twice gives the same file (no churn in git)."""

import io
import zipfile

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold


def stable_docx_bytes(document) -> bytes:
    """The document as .docx bytes with fixed entry dates and attributes. Side effects: none."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            entry = zipfile.ZipInfo(name, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(name))
    return out.getvalue()


def docx_parts(data: bytes) -> dict[str, bytes]:
    """Each part of a .docx by name: what a comparison of two builds looks at (not zip bytes)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
