"""The facts the eligibility engine reads, and their extraction from a dossier (dossier.md).

``facts_from_dossier`` is a pure function of the dict and never raises on bad or partial
data: a value it cannot read becomes ``None`` (or is left out of a list), and the engine
then reports it as missing. Validation with messages is ``dossier.validate_dossier``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

# The report sections and texts that serve as evidence for the judgement items, with the
# Chinese names the messages use.
EVIDENCE_LABELS = {
    "report.basics": "申请报告二（基本情况）",
    "report.region": "申请报告三（区域行业与服务需求）",
    "report.management": "申请报告四（管理运营情况）",
    "report.services": "申请报告五（近年来的服务情况）",
    "report.achievements": "申请报告六（主要服务业绩及贡献）",
    "report.support": "申请报告七（获得政府扶持的情况）",
    "report.plans": "申请报告八（下一步发展设想）",
    "platform.qualifications": "申请表三（获得专业服务资质情况）",
    "public_welfare_activities": "申请表四（公益性服务活动情况）",
    "government_support": "申请表五（得到政府扶持的情况）",
    "impact": "申请表六（对区域中小企业发展的影响及作用）",
}
EVIDENCE_KEYS = tuple(EVIDENCE_LABELS)


@dataclass(frozen=True)
class YearFigures:
    year: int
    smes_served: int | None = None
    training_person_times: int | None = None
    service_volume: int | None = None
    public_welfare_volume: int | None = None


@dataclass(frozen=True)
class Activity:
    on: date
    function: str


@dataclass(frozen=True)
class StaffMember:
    full_time: bool | None
    education: str | None = None
    title_level: str | None = None


@dataclass(frozen=True)
class Facts:
    uscc: str | None = None
    registered_on: date | None = None
    total_assets: Decimal | None = None  # 万元, 上年末
    site_area_owned: Decimal | None = None
    site_area_rented: Decimal | None = None
    service_functions: tuple[str, ...] = ()
    years: Mapping[int, YearFigures] = field(default_factory=dict)
    partners: int = 0
    activities: tuple[Activity, ...] = ()
    staff: tuple[StaffMember, ...] = ()
    served_satisfied: tuple[bool | None, ...] = ()  # one entry per row of 附件5
    evidence: frozenset[str] = frozenset()  # EVIDENCE_KEYS whose text is filled in

    def __post_init__(self) -> None:
        object.__setattr__(self, "years", MappingProxyType(dict(self.years)))
        # Callers may pass ints or floats; the engine compares Decimals exactly.
        for name in ("total_assets", "site_area_owned", "site_area_rented"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Decimal):
                object.__setattr__(self, name, Decimal(str(value)))


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _date(value) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _bool(value) -> bool | None:
    return value if isinstance(value, bool) else None


def _text(value) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _evidence(data: dict) -> frozenset[str]:
    filled = set()
    for key in EVIDENCE_KEYS:
        node = data
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if _text(node):
            filled.add(key)
    return frozenset(filled)


def facts_from_dossier(data) -> Facts:
    """Read the engine's facts from a dossier dict (pure; tolerant of partial or bad data)."""
    data = _dict(data)
    organization = _dict(data.get("organization"))
    platform = _dict(data.get("platform"))
    years = {}
    for row in _list(data.get("operations")):
        row = _dict(row)
        year = _int(row.get("year"))
        if year is None or year in years:
            # A repeated year is ambiguous; validate_dossier reports it, the engine uses the first.
            continue
        years[year] = YearFigures(
            year=year,
            smes_served=_int(row.get("smes_served")),
            training_person_times=_int(row.get("training_person_times")),
            service_volume=_int(row.get("service_volume")),
            public_welfare_volume=_int(row.get("public_welfare_volume")),
        )
    activities = []
    for row in _list(data.get("activities")):
        row = _dict(row)
        on, function = _date(row.get("date")), _text(row.get("function"))
        if on is not None and function is not None:
            activities.append(Activity(on=on, function=function))
    staff = tuple(
        StaffMember(
            full_time=_bool(_dict(row).get("full_time")),
            education=_text(_dict(row).get("education")),
            title_level=_text(_dict(row).get("title_level")),
        )
        for row in _list(data.get("staff"))
    )
    functions = tuple(dict.fromkeys(f for f in _list(platform.get("service_functions")) if isinstance(f, str)))
    return Facts(
        uscc=_text(organization.get("uscc")),
        registered_on=_date(organization.get("registered_on")),
        total_assets=_decimal(platform.get("total_assets")),
        site_area_owned=_decimal(platform.get("site_area_owned")),
        site_area_rented=_decimal(platform.get("site_area_rented")),
        service_functions=functions,
        years=years,
        partners=len(_list(data.get("partners"))),
        activities=tuple(activities),
        staff=staff,
        served_satisfied=tuple(_bool(_dict(row).get("satisfied")) for row in _list(data.get("served_smes"))),
        evidence=_evidence(data),
    )
