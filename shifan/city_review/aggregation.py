"""The arithmetic of a panel's scores: pure functions, no database.

``trimmed_mean`` drops one highest and one lowest total when at least three scores exist
(with fewer there is nothing to trim, so it is the plain mean). An expert's total is flagged
when it is at least ``threshold`` points away from the mean of the rest of the panel.
"""

from collections.abc import Hashable, Sequence
from decimal import ROUND_HALF_UP, Decimal

MEAN, TRIMMED_MEAN = "mean", "trimmed_mean"
CENT = Decimal("0.01")


def _mean(values: Sequence[Decimal]) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


def aggregate(totals: Sequence[Decimal], method: str) -> Decimal | None:
    """The panel's score for one application, to two decimals; None without any total."""
    if not totals:
        return None
    if method == TRIMMED_MEAN and len(totals) >= 3:
        ordered = sorted(totals)
        return _mean(ordered[1:-1])
    if method not in (MEAN, TRIMMED_MEAN):
        raise ValueError(f"unknown aggregation {method!r}")
    return _mean(totals)


def outliers(totals: dict[Hashable, Decimal], threshold: Decimal) -> set[Hashable]:
    """The scorers whose total is ``threshold`` or more away from the mean of the others."""
    if len(totals) < 2:
        return set()
    flagged = set()
    for key, total in totals.items():
        others = [value for other, value in totals.items() if other != key]
        if abs(total - sum(others, Decimal(0)) / len(others)) >= threshold:
            flagged.add(key)
    return flagged


def rank(scores: dict[Hashable, Decimal | None]) -> dict[Hashable, int]:
    """Competition ranking (1, 2, 2, 4) by score, highest first; keys without a score are left out."""
    ordered = sorted(((s, k) for k, s in scores.items() if s is not None), key=lambda pair: pair[0], reverse=True)
    ranks, previous, position = {}, None, 0
    for index, (score, key) in enumerate(ordered, start=1):
        if score != previous:
            position, previous = index, score
        ranks[key] = position
    return ranks
