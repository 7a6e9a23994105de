"""Reading a filled-in list: the guards, then the header, then every row typed or reported."""

import io
import warnings
from collections.abc import Callable, Iterator

from openpyxl import load_workbook

from shifan.documents.xlsx import messages
from shifan.documents.xlsx.errors import ImportRefused
from shifan.documents.xlsx.guards import MB, ZIP_LIMITS, ZipLimits, check_upload
from shifan.documents.xlsx.headers import HEADER_SEARCH_ROWS, HeaderMatch, best_header_row, match_headers
from shifan.documents.xlsx.result import ImportResult, RowError
from shifan.documents.xlsx.spec import INSTRUCTIONS_TITLE, LAST_EXCEL_ROW, OPTIONS_TITLE, TEXT_KINDS, Sheet
from shifan.documents.xlsx.values import CellError, convert, is_blank

MAX_HEADER_COLUMNS = 256  # cells looked at for headers; anything further right is not ours
Progress = Callable[[int, int | None], None]


def read_rows(
    sheet: Sheet,
    data: bytes,
    *,
    max_bytes: int = 10 * MB,
    max_rows: int = 20_000,
    progress: Progress | None = None,
    progress_every: int = 500,
    limits: ZipLimits = ZIP_LIMITS,
) -> ImportResult:
    """Read the rows of `sheet` from an uploaded .xlsx.

    Raises ImportRefused for a file refused as a whole: too large, not an .xlsx, macros, a zip
    bomb, DOCTYPE/ENTITY declarations, more than `max_rows` non-empty rows, unreadable, no header.
    Cell problems never raise: they are collected in `errors`, and only clean rows are in `rows`.
    Blank cells read as "" in text columns and None in the others; fully blank rows are skipped.

    `progress(done, total)` is called every `progress_every` rows and once at the end with
    done == total; until then total is the row count the file declares, or None if it declares none.

    Side effects: calls `progress`.
    """
    check_upload(data, max_bytes=max_bytes, limits=limits)
    with warnings.catch_warnings():
        # openpyxl warns about what it drops, on load and while iterating rows: Excel's x14 drop-downs
        # (our template's, once saved by Excel), a missing default style… none of it matters to a read.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")
        workbook = _open(data)
        try:
            worksheet, notes = _data_worksheet(sheet, workbook)
            declared = worksheet.max_row  # from <dimension>: only an estimate for progress
            # A forged <dimension> (or a row numbered 2,000,000,000) must not decide how far we iterate.
            worksheet.reset_dimensions()
            return _read(sheet, worksheet, notes, declared, max_rows, progress, progress_every)
        finally:
            workbook.close()


def _open(data: bytes):
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl fails in many ways on a malformed file; all mean "unreadable"
        raise ImportRefused(messages.UNREADABLE) from exc


def _data_worksheet(sheet: Sheet, workbook) -> tuple[object, list[str]]:
    """The sheet named like the spec, or else the first visible sheet that is not ours."""
    if sheet.title in workbook.sheetnames:
        return workbook[sheet.title], []
    others = [
        worksheet
        for worksheet in workbook.worksheets
        if worksheet.sheet_state == "visible" and worksheet.title not in (INSTRUCTIONS_TITLE, OPTIONS_TITLE)
    ]
    if not others:
        raise ImportRefused(messages.NO_HEADER.format(title=sheet.title, rows=HEADER_SEARCH_ROWS))
    return others[0], [messages.OTHER_SHEET.format(title=sheet.title, used=others[0].title)]


def _rows(worksheet, *, min_row: int, max_row: int, max_col: int) -> Iterator[tuple]:
    """openpyxl's rows, with its parse errors (it parses lazily) turned into ImportRefused."""
    source = worksheet.iter_rows(min_row=min_row, max_row=max_row, max_col=max_col, values_only=True)
    try:
        while True:
            try:
                row = next(source)
            except StopIteration:
                return
            except Exception as exc:  # a malformed sheet part, found only now
                raise ImportRefused(messages.UNREADABLE) from exc
            yield row
    finally:
        source.close()


def _read(sheet, worksheet, notes, declared, max_rows, progress, progress_every) -> ImportResult:
    match = _find_header(sheet, worksheet)
    result = ImportResult(warnings=notes + match.warnings, headers={c.key: c.header for c in sheet.columns})
    if match.problems:
        # The columns are wrong: every row would repeat the same error, so report only the header.
        result.errors = [RowError(match.row_number, header, message) for header, message in match.problems]
        return result
    total = max(declared - match.row_number, 0) if declared else None
    every = max(progress_every, 1)
    done = count = 0
    for done, values in enumerate(_data_rows(worksheet, match), 1):
        # count() runs in C: the gaps openpyxl fills between sparse rows (up to a million) cost little.
        if values.count(None) != len(values):
            cells = {key: values[index] for key, index in match.positions.items()}
            if not all(is_blank(value) for value in cells.values()):
                count += 1
                if count > max_rows:
                    raise ImportRefused(messages.TOO_MANY_ROWS.format(limit=max_rows))
                _add_row(sheet, cells, match.row_number + done, result)
        if progress is not None and done % every == 0:
            progress(done, total)
    if progress is not None:
        progress(done, done)
    return result


def _find_header(sheet: Sheet, worksheet) -> HeaderMatch:
    first = list(_rows(worksheet, min_row=1, max_row=HEADER_SEARCH_ROWS, max_col=MAX_HEADER_COLUMNS))
    header_row = best_header_row(sheet, first)
    if header_row is None:
        raise ImportRefused(messages.NO_HEADER.format(title=worksheet.title, rows=HEADER_SEARCH_ROWS))
    return match_headers(sheet, first[header_row - 1], header_row)


def _data_rows(worksheet, match: HeaderMatch) -> Iterator[tuple]:
    """Every row below the header up to Excel's last row, only as wide as our right-most column."""
    width = max(match.positions.values()) + 1
    return _rows(worksheet, min_row=match.row_number + 1, max_row=LAST_EXCEL_ROW, max_col=width)


def _add_row(sheet: Sheet, cells: dict, row_number: int, result: ImportResult) -> None:
    typed, errors = {}, []
    for column in sheet.columns:
        value = cells.get(column.key)  # an absent optional column reads as blank
        if is_blank(value):
            typed[column.key] = "" if column.kind in TEXT_KINDS else None
            if column.required:
                errors.append(RowError(row_number, column.header, messages.REQUIRED))
            continue
        try:
            typed[column.key] = convert(column, value)
        except CellError as exc:
            errors.append(RowError(row_number, column.header, str(exc)))
    if errors:
        result.errors.extend(errors)
    else:
        result.rows.append(typed)
        result.row_numbers.append(row_number)
