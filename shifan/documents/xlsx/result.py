"""What an import gives back: typed rows, per-cell errors in Chinese, and warnings."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowError:
    row_number: int  # the Excel row, as the person sees it on the left of the sheet
    column_header: str
    message: str

    def __str__(self) -> str:
        return f"第 {self.row_number} 行「{self.column_header}」：{self.message}"


@dataclass
class ImportResult:
    """`rows` holds only rows without errors; `row_numbers[i]` is the Excel row of `rows[i]`.

    A caller runs its domain checks on `rows` and reports them with `add_error(i, key, message)`,
    so the person gets type errors and domain errors in one list, each with its Excel row.
    """

    rows: list[dict] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict, repr=False)  # column key → header

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, index: int, key: str, message: str) -> RowError:
        """Record a caller's error on `rows[index]`, column `key`. Side effects: appends to errors."""
        error = RowError(self.row_numbers[index], self.headers.get(key, key), message)
        self.errors.append(error)
        return error
