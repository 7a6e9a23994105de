"""Finding the header row and matching its cells to the spec's columns, by text."""

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from shifan.documents.xlsx import messages
from shifan.documents.xlsx.spec import Sheet
from shifan.documents.xlsx.text import normalize_header, strip_controls

HEADER_SEARCH_ROWS = 5  # a title or a note above the header is tolerated, within this many rows


@dataclass
class HeaderMatch:
    row_number: int
    positions: dict[str, int] = field(default_factory=dict)  # column key → 0-based cell index
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column header, message)
    warnings: list[str] = field(default_factory=list)


def best_header_row(sheet: Sheet, first_rows: list[tuple]) -> int | None:
    """The 1-based number of the row among `first_rows` matching most headers (earliest wins)."""
    known = {normalize_header(column.header) for column in sheet.columns}
    scores = [sum(normalize_header(value) in known for value in row if value is not None) for row in first_rows]
    best = max(scores, default=0)
    return scores.index(best) + 1 if best else None


def match_headers(sheet: Sheet, row: tuple, row_number: int) -> HeaderMatch:
    """Map each spec column to its cell; report missing required, duplicate and unknown columns."""
    match = HeaderMatch(row_number)
    by_text = {normalize_header(column.header): column for column in sheet.columns}
    found: dict[str, list[int]] = {}
    for index, value in enumerate(row):
        if value is None or not str(value).strip():
            continue
        column = by_text.get(normalize_header(value))
        if column is None:
            header = strip_controls(str(value)).strip()
            match.warnings.append(messages.IGNORED_COLUMN.format(header=header, letter=get_column_letter(index + 1)))
            continue
        found.setdefault(column.key, []).append(index)
    for column in sheet.columns:
        indexes = found.get(column.key, [])
        if len(indexes) > 1:
            letters = "、".join(get_column_letter(index + 1) for index in indexes)
            match.problems.append((column.header, messages.DUPLICATE_COLUMN.format(letters=letters)))
        elif indexes:
            match.positions[column.key] = indexes[0]
        elif column.required:
            match.problems.append((column.header, messages.MISSING_COLUMN))
        else:
            match.warnings.append(messages.ABSENT_OPTIONAL.format(header=column.header))
    return match
