"""Values as people read them in the documents: DESIGN.md §8 (dates as 2026年5月1日)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

BLANK = "　　"  # two ideographic spaces: room to write by hand inside a sentence of the form
CHECK = "✓"
NOT_FILLED = "（未填写）"


def text(value) -> str:
    """Any value as text; None is empty."""
    return "" if value is None else str(value)


def decimal2(value) -> str:
    """Money, areas and percentages with two decimal places (ROUND_HALF_UP): 260 → 260.00."""
    if value is None:
        return ""
    return str(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def plain_number(value) -> str:
    """A decimal without trailing zeros: 2.0 → 2, 1.5 → 1.5 (years of work are not money)."""
    if value is None:
        return ""
    number = Decimal(value).normalize()
    return f"{number:f}"


def chinese_date(value: date | None) -> str:
    """2026年5月1日 (no leading zeros); empty for None."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def blank_date(value: date | None) -> str:
    """A date to sign by hand when none was given: “　　年　　月　　日”."""
    return chinese_date(value) or f"{BLANK}年{BLANK}月{BLANK}日"


def share(part, whole) -> str:
    """part ÷ whole as a percentage with two places; empty when it cannot be computed."""
    if part is None or not whole:
        return ""
    return decimal2(Decimal(part) * 100 / Decimal(whole))


def inline(value: str) -> str:
    """A value inside a sentence of the form: blanks to write on when it is empty."""
    return value or BLANK


def paragraphs(value: str | None) -> list[str]:
    """A long text as its paragraphs (blank lines dropped); “（未填写）” when empty."""
    lines = [line.strip() for line in (value or "").splitlines()]
    return [line for line in lines if line] or [NOT_FILLED]


def joined(labels, separator: str = "、") -> str:
    return separator.join(label for label in labels if label)
