"""The parameters of one policy version as a plain frozen value: what the engine reads.

The engine never touches the database; callers turn a ``Policy`` row into ``PolicyParams``
with ``Policy.to_params()`` and hand the value over.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType


@dataclass(frozen=True)
class PolicyParams:
    """Thresholds of DESIGN.md §5. ``None`` means the version sets no such requirement."""

    code: str
    legal_person_required: bool
    min_operating_years: int | None
    min_total_assets: Decimal | None  # 万元
    min_site_area: Decimal | None  # m²; a fixed site (area > 0) is needed whenever this is not None
    min_staff: int | None
    min_qualified_ratio: Decimal | None  # %
    min_smes_served: int | None
    require_served_growth: bool
    min_satisfaction: Decimal | None  # %
    activity_minimums: Mapping[str, int] = field(default_factory=dict)
    min_training_person_times: int | None = None
    min_partners: int | None = None
    min_public_welfare_share: Decimal | None = None  # %
    min_served_list_rows: int | None = None
    survey_sample_size: int = 12
    publicity_working_days: int = 5
    validity_years: int = 3

    def __post_init__(self) -> None:
        # A read-only copy: a frozen value must not change through a shared dict.
        object.__setattr__(self, "activity_minimums", MappingProxyType(dict(self.activity_minimums)))
        # Callers may pass ints or floats; the engine compares Decimals exactly.
        for name in DECIMAL_FIELDS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, Decimal):
                object.__setattr__(self, name, Decimal(str(value)))


DECIMAL_FIELDS = (
    "min_total_assets",
    "min_site_area",
    "min_qualified_ratio",
    "min_satisfaction",
    "min_public_welfare_share",
)
