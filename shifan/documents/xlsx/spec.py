"""How domain code describes a list: columns with a kind, and a sheet with instructions.

The spec is the single description a list's template, import and export are built from, so
the three can never disagree about a column.
"""

from dataclasses import dataclass
from enum import StrEnum

from shifan.documents.xlsx.text import normalize_header

# Excel forbids these in sheet titles; and our own two helper sheets take their names.
_TITLE_FORBIDDEN = set("[]:*?/\\")
INSTRUCTIONS_TITLE = "填写说明"
OPTIONS_TITLE = "选项"
LAST_EXCEL_ROW = 1_048_576


class Kind(StrEnum):
    TEXT = "text"
    DIGITS_TEXT = "digits_text"  # IDs, USCC, phone numbers: text, never numbers (18 digits become floats)
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    BOOLEAN = "boolean"  # 是/否
    CHOICE = "choice"  # a drop-down of Chinese labels; the code is what the program sees


TEXT_KINDS = frozenset({Kind.TEXT, Kind.DIGITS_TEXT})
LIST_KINDS = frozenset({Kind.BOOLEAN, Kind.CHOICE})
BOOLEAN_LABELS = ("是", "否")


@dataclass(frozen=True)
class Column:
    """One column: `key` for the program, `header` (Chinese) for the person filling it in.

    `choices` is a sequence of (code, label) pairs, only for the choice kind.
    `width` is in Excel character units; `hint` is shown on the header and in 填写说明.
    """

    key: str
    header: str
    kind: Kind
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    width: float | None = None
    hint: str = ""
    max_length: int | None = None

    def __post_init__(self):
        object.__setattr__(self, "kind", Kind(self.kind))
        object.__setattr__(self, "choices", tuple((str(code), str(label)) for code, label in self.choices))
        if not self.key or not self.header.strip():
            raise ValueError("a column needs a key and a header")
        if (self.kind is Kind.CHOICE) != bool(self.choices):
            raise ValueError(f"column {self.key!r}: choices are required for, and only for, the choice kind")
        labels = [label for _, label in self.choices]
        if len(set(labels)) != len(labels) or len(dict(self.choices)) != len(self.choices):
            raise ValueError(f"column {self.key!r}: choice codes and labels must be unique")
        if self.max_length is not None and self.kind not in TEXT_KINDS:
            raise ValueError(f"column {self.key!r}: max_length applies to text kinds only")

    @property
    def options(self) -> tuple[str, ...]:
        """The labels of the drop-down, in order (empty for free-entry kinds)."""
        if self.kind is Kind.BOOLEAN:
            return BOOLEAN_LABELS
        return tuple(label for _, label in self.choices)

    def label_of(self, code) -> str:
        return dict(self.choices).get(code, str(code))


@dataclass(frozen=True)
class Sheet:
    """A list: the data sheet's title, its columns in order, and instructions for 填写说明."""

    title: str
    columns: tuple[Column, ...]
    instructions: tuple[str, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "columns", tuple(self.columns))
        object.__setattr__(self, "instructions", tuple(self.instructions))
        if not self.title or len(self.title) > 31 or _TITLE_FORBIDDEN & set(self.title):
            raise ValueError(f"{self.title!r} is not a valid Excel sheet title (1–31 characters, none of []:*?/\\)")
        if self.title in (INSTRUCTIONS_TITLE, OPTIONS_TITLE):
            raise ValueError(f"{self.title!r} is reserved for the engine's own sheets")
        if not self.columns:
            raise ValueError("a sheet needs at least one column")
        keys = [column.key for column in self.columns]
        headers = [normalize_header(column.header) for column in self.columns]
        if len(set(keys)) != len(keys) or len(set(headers)) != len(headers):
            raise ValueError(f"sheet {self.title!r}: column keys and headers must be unique")

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)
