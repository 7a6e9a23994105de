"""The Excel engine for long lists: one spec gives the template, the import and the export.

    SERVED = Sheet("服务企业", [Column("name", "服务企业名称", Kind.TEXT, required=True), ...], ["…"])
    build_template(SERVED) -> bytes          # to download and fill in
    read_rows(SERVED, uploaded_bytes)        # ImportResult, or ImportRefused for a refused file
    export_rows(SERVED, rows) -> bytes       # the same layout with data; never a live formula
"""

from shifan.documents.xlsx.errors import ImportRefused
from shifan.documents.xlsx.guards import ZIP_LIMITS, ZipLimits
from shifan.documents.xlsx.reader import read_rows
from shifan.documents.xlsx.result import ImportResult, RowError
from shifan.documents.xlsx.spec import Column, Kind, Sheet
from shifan.documents.xlsx.writer import build_template, export_rows

__all__ = [
    "ZIP_LIMITS",
    "Column",
    "ImportRefused",
    "ImportResult",
    "Kind",
    "RowError",
    "Sheet",
    "ZipLimits",
    "build_template",
    "export_rows",
    "read_rows",
]
