"""Plain builders for engine tests: the Nanchang 2022 parameters and a platform that meets them."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from stdnum.cn import uscc as stdnum_uscc

from shifan.policies.facts import Activity, Facts, StaffMember, YearFigures
from shifan.policies.params import PolicyParams

AS_OF = date(2026, 5, 1)  # reference year 2025

# The same numbers as the seed migration; test_policies checks that the seeded row gives exactly this.
NANCHANG = PolicyParams(
    code="nanchang-2022",
    legal_person_required=True,
    min_operating_years=2,
    min_total_assets=Decimal("100.00"),
    min_site_area=Decimal("150.00"),
    min_staff=10,
    min_qualified_ratio=Decimal("70.00"),
    min_smes_served=80,
    require_served_growth=True,
    min_satisfaction=Decimal("80.00"),
    activity_minimums={
        "information": 4,
        "startup": 4,
        "technology": 2,
        "quality": 2,
        "informatization": 2,
        "consulting": 2,
    },
    min_training_person_times=1000,
    min_partners=2,
    min_public_welfare_share=Decimal("10.00"),
    min_served_list_rows=100,
    survey_sample_size=12,
    publicity_working_days=5,
    validity_years=3,
)


def uscc(kind: str = "91", serial: int = 1234) -> str:
    first17 = f"{kind}360102MA{serial:07d}"
    return first17 + stdnum_uscc.calc_check_digit(first17)


def staff(qualified: int, unqualified: int = 0, part_time: int = 0) -> tuple[StaffMember, ...]:
    return (
        (StaffMember(full_time=True, education="bachelor", title_level="none"),) * qualified
        + (StaffMember(full_time=True, education="secondary", title_level="junior"),) * unqualified
        + (StaffMember(full_time=False, education="master", title_level="senior"),) * part_time
    )


def served(satisfied: int, unsatisfied: int = 0) -> tuple[bool, ...]:
    return (True,) * satisfied + (False,) * unsatisfied


def activities(year: int = 2025, **counts: int) -> tuple[Activity, ...]:
    return tuple(
        Activity(on=date(year, 1 + i % 12, 10), function=function)
        for function, count in counts.items()
        for i in range(count)
    )


def good_facts(**changes) -> Facts:
    """A training, information and technology platform that meets every Nanchang condition."""
    base = Facts(
        uscc=uscc(),
        registered_on=date(2018, 3, 15),
        total_assets=Decimal("260.00"),
        site_area_owned=Decimal("80"),
        site_area_rented=Decimal("120.5"),
        service_functions=("information", "technology", "training"),
        years={
            2024: YearFigures(
                2024, smes_served=96, training_person_times=1200, service_volume=700, public_welfare_volume=84
            ),
            2025: YearFigures(
                2025, smes_served=120, training_person_times=1500, service_volume=900, public_welfare_volume=135
            ),
        },
        partners=3,
        activities=activities(information=5, technology=3),
        staff=staff(12),
        served_satisfied=served(112, 8),
        evidence=frozenset({"report.management", "report.plans"}),
    )
    return replace(base, **changes)


def year_2025(**changes) -> dict[int, YearFigures]:
    """The good facts' two years with the 2025 row changed."""
    rows = dict(good_facts().years)
    rows[2025] = replace(rows[2025], **changes)
    return rows
