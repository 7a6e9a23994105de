"""Results of the eligibility engine and the formatting its messages share."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from shifan.policies.facts import Facts
from shifan.policies.params import PolicyParams

PASS, FAIL, REVIEW = "pass", "fail", "review"


@dataclass(frozen=True)
class ConditionResult:
    code: str
    status: str
    article: str
    actual: object  # JSON-ready: int, float (percent), str (money), dict, list or None
    required: object
    message: str

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "status": self.status,
            "article": self.article,
            "actual": self.actual,
            "required": self.required,
            "message": self.message,
        }


@dataclass(frozen=True)
class Evaluation:
    policy: str
    as_of: date
    reference_year: int
    conditions: tuple[ConditionResult, ...]

    @property
    def eligible(self) -> bool:
        # Review items are left to the reviewers; only a failed condition makes it ineligible.
        return all(condition.status != FAIL for condition in self.conditions)

    def condition(self, code: str) -> ConditionResult:
        return next(condition for condition in self.conditions if condition.code == code)

    def as_dict(self) -> dict:
        return {
            "policy": self.policy,
            "as_of": self.as_of.isoformat(),
            "reference_year": self.reference_year,
            "eligible": self.eligible,
            "conditions": [condition.as_dict() for condition in self.conditions],
        }


@dataclass(frozen=True)
class Case:
    facts: Facts
    params: PolicyParams
    as_of: date
    year: int  # the reference year (上一年度)


# --- formatting -------------------------------------------------------------------------

CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    return str(value.quantize(CENT)) if value == value.quantize(CENT) else str(value)


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def percent(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(CENT, rounding=ROUND_DOWN)


def pct_text(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def cn_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def add_years(value: date, years: int) -> date:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February in a common year: the anniversary is 1 March
        return date(value.year + years, 3, 1)


def not_applicable(code: str, article: str, why: str) -> ConditionResult:
    return ConditionResult(code, PASS, article, None, None, f"不适用：{why}")


def missing(code: str, article: str, required, what: str, hint: str = "请补充后再检查") -> ConditionResult:
    space = " " if what[:1].isdigit() else ""  # "缺少 2025 年度…", as numbers are spaced elsewhere
    return ConditionResult(code, FAIL, article, None, required, f"缺少{space}{what}，{hint}。")


def year_row_missing(case: Case, code: str, article: str, required, key: str, label: str) -> ConditionResult:
    row = case.facts.years.get(case.year)
    where = f"operations 中 year 为 {case.year} 的行" if row is None else f"operations 中 {case.year} 年度的 {key}"
    return missing(code, article, required, f"{case.year} 年度{label}（{where}）")
