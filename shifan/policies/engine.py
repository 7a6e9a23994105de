"""The eligibility engine (第五条): a pure function from facts and a policy version to results.

No database and no models: callers pass ``Facts`` (see ``facts.py``) and ``PolicyParams``
(``Policy.to_params()``). Every condition of DESIGN.md §5 is reported, in that order, with a
Chinese message telling the applicant what to fix. Missing data gives ``fail`` naming the
missing dossier key; nothing here raises on incomplete facts.

Thresholds are "以上" and so include the stated number (民法典 第一千二百五十九条). Ratios
are compared exactly (``part × 100 ≥ minimum × whole``); the percentage shown is truncated to
two decimals so that a failing ratio is never displayed as the threshold itself.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

from shifan.accounts.uscc import is_legal_person, registrant_kind, validate_uscc
from shifan.policies.codes import FUNCTION_LABELS, QUALIFYING_EDUCATION, QUALIFYING_TITLES
from shifan.policies.facts import EVIDENCE_LABELS, Facts
from shifan.policies.params import PolicyParams
from shifan.policies.results import (
    FAIL,
    PASS,
    REVIEW,
    Case,
    ConditionResult,
    Evaluation,
    add_years,
    cn_date,
    missing,
    money,
    not_applicable,
    number,
    pct_text,
    percent,
    year_row_missing,
)


def _share(code: str, article: str, part: int, whole: int, minimum: Decimal, *, shown: str, fix: str,
           note: str = "") -> ConditionResult:
    """A share against a percentage minimum, compared exactly (以上 includes the minimum).

    ``shown`` describes the figures with a ``{ratio}`` slot for the percentage; ``fix`` says what
    the rule asks when the share falls short; ``note`` is appended either way.
    """
    required = number(minimum)
    ratio = percent(part, whole)
    text = shown.format(ratio=pct_text(ratio))
    if Decimal(part) * 100 >= minimum * whole:
        return ConditionResult(code, PASS, article, number(ratio), required, f"{text}，不低于 {required}%。{note}")
    return ConditionResult(code, FAIL, article, number(ratio), required, f"{text}，低于 {required}%：{fix}{note}")


# --- 第五条(一) ---------------------------------------------------------------------------


def _legal_entity(case: Case) -> ConditionResult:
    code, article = "legal_entity", "五(一)"
    if not case.params.legal_person_required:
        return not_applicable(code, article, "本版本办法不要求独立法人资格。")
    required = "法人"
    if case.facts.uscc is None:
        return missing(code, article, required, "统一社会信用代码（organization.uscc）", "请按营业执照或法人证书填写")
    try:
        uscc = validate_uscc(case.facts.uscc)
    except ValidationError as error:
        return ConditionResult(
            code,
            FAIL,
            article,
            case.facts.uscc,
            required,
            f"统一社会信用代码（organization.uscc）无效：{error.messages[0]}",
        )
    kind = registrant_kind(uscc)
    if not is_legal_person(uscc):
        return ConditionResult(
            code,
            FAIL,
            article,
            kind,
            required,
            f"统一社会信用代码显示登记类型为“{kind}”，不具有独立法人资格；第五条（一）要求申报单位具有独立法人资格。",
        )
    return ConditionResult(code, PASS, article, kind, required, f"登记类型为“{kind}”，具有独立法人资格。")


def _operating_years(case: Case) -> ConditionResult:
    code, article, minimum = "operating_years", "五(一)", case.params.min_operating_years
    if minimum is None:
        return not_applicable(code, article, "本版本办法未设运营年限要求。")
    registered = case.facts.registered_on
    if registered is None:
        return missing(code, article, minimum, "注册日期（organization.registered_on）")
    if registered > case.as_of:
        return ConditionResult(
            code,
            FAIL,
            article,
            0,
            minimum,
            f"注册日期{cn_date(registered)}晚于评价基准日{cn_date(case.as_of)}，请核对 organization.registered_on。",
        )
    years = (
        case.as_of.year - registered.year - ((case.as_of.month, case.as_of.day) < (registered.month, registered.day))
    )
    if years >= minimum:
        return ConditionResult(
            code,
            PASS,
            article,
            years,
            minimum,
            f"自{cn_date(registered)}注册起已运营 {years} 年，不少于 {minimum} 年。",
        )
    return ConditionResult(
        code,
        FAIL,
        article,
        years,
        minimum,
        f"自{cn_date(registered)}注册起运营 {years} 年，不足 {minimum} 年：第五条（一）要求运营 {minimum} 年以上，"
        f"{cn_date(add_years(registered, minimum))}起方满 {minimum} 年。",
    )


def _total_assets(case: Case) -> ConditionResult:
    code, article, minimum = "total_assets", "五(一)", case.params.min_total_assets
    if minimum is None:
        return not_applicable(code, article, "本版本办法未设资产总额要求。")
    required, actual = money(minimum), case.facts.total_assets
    if actual is None:
        return missing(code, article, required, "上年末资产总额（platform.total_assets，万元）")
    if actual >= minimum:
        return ConditionResult(
            code,
            PASS,
            article,
            money(actual),
            required,
            f"上年末资产总额 {money(actual)} 万元，不低于 {required} 万元。",
        )
    return ConditionResult(
        code,
        FAIL,
        article,
        money(actual),
        required,
        f"上年末资产总额 {money(actual)} 万元，低于 {required} 万元：第五条（一）要求资产总额 {required} 万元以上，"
        "请核对申请表“上年末总资产”与上一年度审计报告。",
    )


def _site_area(case: Case) -> ConditionResult:
    code, article, minimum = "site_area", "五(一)", case.params.min_site_area
    if minimum is None:
        return not_applicable(code, article, "本版本办法未设服务场所要求。")
    required = number(minimum)
    owned, rented = case.facts.site_area_owned, case.facts.site_area_rented
    if owned is None and rented is None:
        return missing(
            code,
            article,
            required,
            "服务场所面积（platform.site_area_owned 自有、platform.site_area_rented 租用，平方米）",
        )
    area = (owned or Decimal(0)) + (rented or Decimal(0))
    if area > 0 and area >= minimum:
        enough = "本版本办法不限面积" if minimum == 0 else f"不少于 {required} 平方米"
        return ConditionResult(
            code, PASS, article, number(area), required, f"有固定服务场所 {number(area)} 平方米，{enough}。"
        )
    if minimum == 0:
        need = "第五条（一）要求有固定的服务场所"
    else:
        need = f"第五条（一）要求有固定的服务场所且面积 {required} 平方米以上"
    return ConditionResult(
        code,
        FAIL,
        article,
        number(area),
        required,
        f"固定服务场所（自有加租用）共 {number(area)} 平方米：{need}，请核对产权证或租赁合同上的面积。",
    )


# --- 第五条(二) ---------------------------------------------------------------------------


def _full_time(facts: Facts):
    return [member for member in facts.staff if member.full_time is True]


def _staff_count(case: Case) -> ConditionResult:
    code, article, minimum = "staff_count", "五(二)", case.params.min_staff
    if minimum is None:
        return not_applicable(code, article, "本版本办法未设专职从业人员人数要求。")
    if not case.facts.staff:
        return missing(code, article, minimum, "主要从业人员名单（staff，附件4）")
    count = len(_full_time(case.facts))
    unmarked = sum(1 for member in case.facts.staff if member.full_time is None)
    note = f"另有 {unmarked} 人未标明是否专职（staff[].full_time），未计入。" if unmarked else ""
    if count >= minimum:
        return ConditionResult(
            code, PASS, article, count, minimum, f"专职从业人员 {count} 人，不少于 {minimum} 人。{note}"
        )
    return ConditionResult(
        code,
        FAIL,
        article,
        count,
        minimum,
        f"专职从业人员 {count} 人，少于 {minimum} 人：第五条（二）要求专职从业人员 {minimum} 人以上，"
        f"请在附件4中补充专职人员或核对“是否专职”。{note}",
    )


def _qualified(member) -> bool:
    return member.education in QUALIFYING_EDUCATION or member.title_level in QUALIFYING_TITLES


def _staff_qualified_ratio(case: Case) -> ConditionResult:
    code, article, minimum = "staff_qualified_ratio", "五(二)", case.params.min_qualified_ratio
    if minimum is None:
        return not_applicable(code, article, "本版本办法未设学历或职称占比要求。")
    required = number(minimum)
    full_time = _full_time(case.facts)
    if not full_time:
        return missing(
            code, article, required, "专职从业人员（staff 中 full_time 为 true 的行），无法计算学历或职称占比"
        )
    qualified = sum(1 for member in full_time if _qualified(member))
    unknown = sum(1 for member in full_time if member.education is None and member.title_level is None)
    note = (
        f"其中 {unknown} 人未填写学历和职称（staff[].education、staff[].title_level），按不符合计。" if unknown else ""
    )
    return _share(
        code, article, qualified, len(full_time), minimum,
        shown=f"专职从业人员 {len(full_time)} 人中，大专及以上学历或中级及以上职称 {qualified} 人，占 {{ratio}}",
        fix=f"第五条（二）要求该比例 {required}% 以上，请核对附件4的学历和职称。", note=note,
    )


# --- 第五条(三) ---------------------------------------------------------------------------


def _smes_served(case: Case) -> ConditionResult:
    code, article, minimum = "smes_served", "五(三)", case.params.min_smes_served
    if minimum is None:
        return not_applicable(code, article, "本版本办法未设年服务企业户数要求。")
    row = case.facts.years.get(case.year)
    if row is None or row.smes_served is None:
        return year_row_missing(case, code, article, minimum, "smes_served", "服务中小企业户数")
    served = row.smes_served
    if served >= minimum:
        return ConditionResult(
            code, PASS, article, served, minimum, f"{case.year} 年度服务中小企业 {served} 户，不少于 {minimum} 户。"
        )
    return ConditionResult(
        code,
        FAIL,
        article,
        served,
        minimum,
        f"{case.year} 年度服务中小企业 {served} 户，少于 {minimum} 户："
        f"第五条（三）要求年服务中小企业 {minimum} 户以上。",
    )


def _served_growth(case: Case) -> ConditionResult:
    code, article = "served_growth", "五(三)"
    if not case.params.require_served_growth:
        return not_applicable(code, article, "本版本办法不要求服务企业数量增长。")
    last, before = case.facts.years.get(case.year), case.facts.years.get(case.year - 1)
    for year, row in ((case.year - 1, before), (case.year, last)):
        if row is None or row.smes_served is None:
            where = f"operations 中 year 为 {year} 的行" if row is None else f"operations 中 {year} 年度的 smes_served"
            return missing(code, article, None, f"{year} 年度服务中小企业户数（{where}），无法判断近两年是否增长")
    actual = {str(case.year - 1): before.smes_served, str(case.year): last.smes_served}
    # Counts are whole numbers, so "more than last year" is "at least last year + 1".
    required = {str(case.year): before.smes_served + 1}
    trend = f"{case.year - 1} 年度 {before.smes_served} 户，{case.year} 年度 {last.smes_served} 户"
    if last.smes_served > before.smes_served:
        return ConditionResult(code, PASS, article, actual, required, f"服务中小企业户数：{trend}，保持增长。")
    return ConditionResult(
        code,
        FAIL,
        article,
        actual,
        required,
        f"服务中小企业户数：{trend}，没有增长：第五条（三）要求近两年服务企业数量稳定增长，"
        f"请核对两个年度的 operations[].smes_served。",
    )


def _satisfaction(case: Case) -> ConditionResult:
    code, article, minimum = "satisfaction", "五(三)", case.params.min_satisfaction
    if minimum is None:
        return not_applicable(code, article, "本版本办法未设满意度要求。")
    required = number(minimum)
    rows = case.facts.served_satisfied
    if not rows:
        return missing(code, article, required, "服务企业名单及服务评价（served_smes，附件5），无法计算满意度")
    satisfied = sum(1 for value in rows if value is True)
    unknown = sum(1 for value in rows if value is None)
    note = f"其中 {unknown} 家未填写是否满意（served_smes[].satisfied），按不满意计。" if unknown else ""
    return _share(
        code, article, satisfied, len(rows), minimum,
        shown=f"附件5共 {len(rows)} 家企业，其中满意 {satisfied} 家，满意度 {{ratio}}",
        fix=f"第五条（三）要求企业满意度 {required}% 以上。", note=note,
    )


def _activities(case: Case) -> ConditionResult:
    code, article = "activities", "五(三)"
    declared = case.facts.service_functions
    if not declared:
        return missing(code, article, None, "申报服务功能（platform.service_functions），无法确定大型服务活动次数要求")
    minimums = case.params.activity_minimums
    measured = [function for function in declared if function in minimums]
    if not measured:
        names = "、".join(FUNCTION_LABELS.get(function, function) for function in declared)
        return ConditionResult(
            code, PASS, article, {}, {}, f"不适用：本版本办法对所申报的服务功能（{names}）未设大型服务活动次数要求。"
        )
    counts = {function: 0 for function in measured}
    for activity in case.facts.activities:
        if activity.on.year == case.year and activity.function in counts:
            counts[activity.function] += 1
    required = {function: minimums[function] for function in measured}
    parts = [
        f"{FUNCTION_LABELS.get(function, function)} {counts[function]} 次（要求 {required[function]} 次以上）"
        for function in measured
    ]
    short = [function for function in measured if counts[function] < required[function]]
    summary = f"{case.year} 年度大型服务活动：" + "；".join(parts)
    if not short:
        return ConditionResult(code, PASS, article, counts, required, f"{summary}，均已达到。")
    lacking = "、".join(FUNCTION_LABELS.get(function, function) for function in short)
    return ConditionResult(
        code,
        FAIL,
        article,
        counts,
        required,
        f"{summary}。{lacking}未达到：第五条（三）要求所申报的每项服务功能都达到相应的年活动次数，"
        f"请在 activities 中补充 {case.year} 年度开展的活动（日期、功能），或核对申报服务功能。",
    )


def _training_volume(case: Case) -> ConditionResult:
    code, article, minimum = "training_volume", "五(三)", case.params.min_training_person_times
    if "training" not in case.facts.service_functions:
        return not_applicable(code, article, "未申报培训服务功能。")
    if minimum is None:
        return not_applicable(code, article, "本版本办法未设培训人次要求。")
    row = case.facts.years.get(case.year)
    if row is None or row.training_person_times is None:
        return year_row_missing(case, code, article, minimum, "training_person_times", "培训人次")
    volume = row.training_person_times
    if volume >= minimum:
        return ConditionResult(
            code, PASS, article, volume, minimum, f"{case.year} 年度培训 {volume} 人次，不少于 {minimum} 人次。"
        )
    return ConditionResult(
        code,
        FAIL,
        article,
        volume,
        minimum,
        f"{case.year} 年度培训 {volume} 人次，少于 {minimum} 人次："
        f"第五条（三）要求培训服务类平台年培训 {minimum} 人次以上。",
    )


# --- 第五条(五)(六), 附件5 ----------------------------------------------------------------


def _partners(case: Case) -> ConditionResult:
    code, article, minimum = "partners", "五(五)", case.params.min_partners
    if minimum is None:
        return not_applicable(code, article, "本版本办法未设集聚社会服务机构数量要求。")
    count = case.facts.partners
    if count >= minimum:
        return ConditionResult(
            code, PASS, article, count, minimum, f"列出合作的社会服务机构 {count} 家，不少于 {minimum} 家。"
        )
    return ConditionResult(
        code,
        FAIL,
        article,
        count,
        minimum,
        f"列出合作的社会服务机构 {count} 家，少于 {minimum} 家：第五条（五）要求集聚社会服务机构 {minimum} 家以上，"
        "请在 partners 中列出合作的大专院校、科研院所、行业协会、专业服务机构等。",
    )


def _public_welfare_share(case: Case) -> ConditionResult:
    code, article, minimum = "public_welfare_share", "五(六)", case.params.min_public_welfare_share
    if minimum is None:
        return not_applicable(code, article, "本版本办法未设公益性服务占比要求。")
    required = number(minimum)
    row = case.facts.years.get(case.year)
    if row is None or row.service_volume is None:
        return year_row_missing(case, code, article, required, "service_volume", "服务总量")
    if row.public_welfare_volume is None:
        return year_row_missing(case, code, article, required, "public_welfare_volume", "公益性或低收费服务量")
    if row.service_volume <= 0:
        return ConditionResult(
            code,
            FAIL,
            article,
            None,
            required,
            f"{case.year} 年度服务总量（service_volume）为 0，无法计算公益性或低收费服务占比，请核对。",
        )
    return _share(
        code, article, row.public_welfare_volume, row.service_volume, minimum,
        shown=(
            f"{case.year} 年度公益性或低收费服务 {row.public_welfare_volume} 次，"
            f"占服务总量 {row.service_volume} 次的 {{ratio}}"
        ),
        fix=f"第五条（六）要求公益性或低收费服务占总服务量的 {required}% 以上。",
    )


def _served_list_size(case: Case) -> ConditionResult:
    code, article, minimum = "served_list_size", "附件5", case.params.min_served_list_rows
    if minimum is None:
        return not_applicable(code, article, "本版本办法未设服务企业名单行数要求。")
    rows = len(case.facts.served_satisfied)
    if rows == 0:
        return missing(code, article, minimum, "上一年度服务中小企业名单（served_smes，附件5）")
    if rows >= minimum:
        return ConditionResult(code, PASS, article, rows, minimum, f"服务企业名单共 {rows} 家，不少于 {minimum} 家。")
    return ConditionResult(
        code,
        FAIL,
        article,
        rows,
        minimum,
        f"服务企业名单共 {rows} 家，少于 {minimum} 家：附件5要求名单 {minimum} 家以上，请补充 served_smes。",
    )


# --- judgement items ----------------------------------------------------------------------

_JUDGEMENTS = (
    (
        "management",
        "五(四)",
        "服务管理制度是否规范（发展规划和服务目标、内部管理制度、服务流程、质量保证措施）",
        ("report.management", "report.plans"),
    ),
    (
        "fees",
        "五(四)",
        "收费标准是否合理、对小型微型企业是否有收费优惠规定",
        ("report.services", "public_welfare_activities"),
    ),
    (
        "reputation",
        "五(三)",
        "在专业服务领域或区域内的声誉和品牌影响力",
        ("report.achievements", "impact", "platform.qualifications"),
    ),
    (
        "demonstration",
        "第六条",
        "创新服务模式、集聚创新资源等方面的特色优势和示范性",
        ("report.basics", "report.services", "report.achievements", "impact"),
    ),
)


def _named(keys) -> str:
    return "、".join(EVIDENCE_LABELS[key] for key in keys)


def _judgement(code: str, article: str, question: str, keys: tuple[str, ...]) -> Callable[[Case], ConditionResult]:
    def check(case: Case) -> ConditionResult:
        filled = [key for key in keys if key in case.facts.evidence]
        empty = [key for key in keys if key not in case.facts.evidence]
        message = f"由评审人员判断：{question}。依据：{_named(keys)}。"
        if empty:
            message += f"尚未填写：{_named(empty)}，请补充，以便评审。"
        return ConditionResult(code, REVIEW, article, filled, list(keys), message)

    return check


CHECKS: tuple[Callable[[Case], ConditionResult], ...] = (
    _legal_entity,
    _operating_years,
    _total_assets,
    _site_area,
    _staff_count,
    _staff_qualified_ratio,
    _smes_served,
    _served_growth,
    _satisfaction,
    _activities,
    _training_volume,
    _partners,
    _public_welfare_share,
    _served_list_size,
    *(_judgement(*spec) for spec in _JUDGEMENTS),
)


def evaluate(facts: Facts, params: PolicyParams, as_of: date) -> Evaluation:
    """Evaluate the facts against one policy version as of a reference date. Pure: no side effects."""
    case = Case(facts=facts, params=params, as_of=as_of, year=as_of.year - 1)
    return Evaluation(
        policy=params.code,
        as_of=as_of,
        reference_year=case.year,
        conditions=tuple(check(case) for check in CHECKS),
    )
