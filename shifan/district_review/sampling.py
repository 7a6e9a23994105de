"""The reproducible random draw of served enterprises for the satisfaction survey (附件1).

``random.Random(seed)`` is deterministic for a given seed, so an auditor who has the seed and
the list can replay the draw exactly; the seed itself comes from ``secrets`` so nobody can
choose it. The fingerprint pins the list the draw was made from.
"""

import hashlib
import json
import random
import secrets
from dataclasses import dataclass

from shifan.applications.models import Application, ServedEnterprise


@dataclass(frozen=True)
class Population:
    ids: tuple[int, ...]
    fingerprint: str


def population_of(application: Application) -> Population:
    """附件5 in its own order, and a SHA-256 fingerprint of (id, name, USCC) for every row."""
    rows = list(
        ServedEnterprise.objects.filter(application=application).order_by("seq", "id").values_list("id", "name", "uscc")
    )
    canonical = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()
    return Population(tuple(row[0] for row in rows), hashlib.sha256(canonical).hexdigest())


def new_seed() -> str:
    return secrets.token_hex(16)


def draw(ids: tuple[int, ...], seed: str, size: int) -> list[int]:
    """The sample for this seed: the same seed and list always give the same enterprises."""
    return random.Random(seed).sample(list(ids), min(size, len(ids)))  # noqa: S311 -- replayable by design
