"""Building test workbooks the way people do (openpyxl's normal mode, like Excel) and tampering with zips."""

import io
import warnings
import zipfile

from openpyxl import Workbook


def workbook_bytes(title: str, rows: list[list], *, extra_sheets: dict[str, list[list]] | None = None) -> bytes:
    """An .xlsx whose first sheet is `title` holding `rows` as given (numbers stay numbers)."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = title
    for row in rows:
        worksheet.append(row)
    for name, sheet_rows in (extra_sheets or {}).items():
        extra = workbook.create_sheet(name)
        for row in sheet_rows:
            extra.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(data: bytes, *, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The same zip with some parts replaced and others added (duplicates allowed, on purpose)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names, which some tests want
        for name, content in parts(data).items():
            archive.writestr(name, (replace or {}).get(name, content))
        for name, content in (add or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()
