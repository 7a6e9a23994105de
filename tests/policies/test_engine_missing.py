"""Missing data gives ``fail`` with a message naming the missing dossier key, never an exception."""

from dataclasses import replace
from datetime import date

import pytest

from shifan.policies.engine import FAIL, REVIEW, ConditionResult, evaluate
from shifan.policies.facts import Facts, YearFigures
from tests.policies.builders import AS_OF, NANCHANG, good_facts

EXPECTED_WHEN_EMPTY = [
    ("legal_entity", "五(一)", "法人", "缺少统一社会信用代码（organization.uscc），请按营业执照或法人证书填写。"),
    ("operating_years", "五(一)", 2, "缺少注册日期（organization.registered_on），请补充后再检查。"),
    ("total_assets", "五(一)", "100.00", "缺少上年末资产总额（platform.total_assets，万元），请补充后再检查。"),
    (
        "site_area",
        "五(一)",
        150,
        "缺少服务场所面积（platform.site_area_owned 自有、platform.site_area_rented 租用，平方米），请补充后再检查。",
    ),
    ("staff_count", "五(二)", 10, "缺少主要从业人员名单（staff，附件4），请补充后再检查。"),
    (
        "staff_qualified_ratio",
        "五(二)",
        70,
        "缺少专职从业人员（staff 中 full_time 为 true 的行），无法计算学历或职称占比，请补充后再检查。",
    ),
    (
        "smes_served",
        "五(三)",
        80,
        "缺少 2025 年度服务中小企业户数（operations 中 year 为 2025 的行），请补充后再检查。",
    ),
    (
        "served_growth",
        "五(三)",
        None,
        "缺少 2024 年度服务中小企业户数（operations 中 year 为 2024 的行），无法判断近两年是否增长，请补充后再检查。",
    ),
    (
        "satisfaction",
        "五(三)",
        80,
        "缺少服务企业名单及服务评价（served_smes，附件5），无法计算满意度，请补充后再检查。",
    ),
    (
        "activities",
        "五(三)",
        None,
        "缺少申报服务功能（platform.service_functions），无法确定大型服务活动次数要求，请补充后再检查。",
    ),
    (
        "public_welfare_share",
        "五(六)",
        10,
        "缺少 2025 年度服务总量（operations 中 year 为 2025 的行），请补充后再检查。",
    ),
    ("served_list_size", "附件5", 100, "缺少上一年度服务中小企业名单（served_smes，附件5），请补充后再检查。"),
]


@pytest.mark.parametrize(("code", "article", "required", "message"), EXPECTED_WHEN_EMPTY)
def test_an_empty_dossier_fails_each_condition_naming_what_is_missing(code, article, required, message):
    result = evaluate(Facts(), NANCHANG, AS_OF).condition(code)
    assert result == ConditionResult(code, FAIL, article, None, required, message)


def test_an_empty_dossier_is_evaluated_without_error_and_is_not_eligible():
    evaluation = evaluate(Facts(), NANCHANG, AS_OF)
    assert [(c.code, c.status) for c in evaluation.conditions] == [
        ("legal_entity", FAIL),
        ("operating_years", FAIL),
        ("total_assets", FAIL),
        ("site_area", FAIL),
        ("staff_count", FAIL),
        ("staff_qualified_ratio", FAIL),
        ("smes_served", FAIL),
        ("served_growth", FAIL),
        ("satisfaction", FAIL),
        ("activities", FAIL),
        ("training_volume", "pass"),  # no function declared, so not a training platform
        ("partners", FAIL),
        ("public_welfare_share", FAIL),
        ("served_list_size", FAIL),
        ("management", REVIEW),
        ("fees", REVIEW),
        ("reputation", REVIEW),
        ("demonstration", REVIEW),
    ]
    assert evaluation.eligible is False


def test_zero_partners_fails_and_says_what_to_list():
    assert evaluate(Facts(), NANCHANG, AS_OF).condition("partners") == ConditionResult(
        "partners",
        FAIL,
        "五(五)",
        0,
        2,
        "列出合作的社会服务机构 0 家，少于 2 家：第五条（五）要求集聚社会服务机构 2 家以上，"
        "请在 partners 中列出合作的大专院校、科研院所、行业协会、专业服务机构等。",
    )


def _without_2025_field(**nulls) -> dict:
    rows = dict(good_facts().years)
    rows[2025] = replace(rows[2025], **nulls)
    return rows


@pytest.mark.parametrize(
    ("code", "nulls", "message"),
    [
        (
            "smes_served",
            {"smes_served": None},
            "缺少 2025 年度服务中小企业户数（operations 中 2025 年度的 smes_served），请补充后再检查。",
        ),
        (
            "training_volume",
            {"training_person_times": None},
            "缺少 2025 年度培训人次（operations 中 2025 年度的 training_person_times），请补充后再检查。",
        ),
        (
            "public_welfare_share",
            {"service_volume": None},
            "缺少 2025 年度服务总量（operations 中 2025 年度的 service_volume），请补充后再检查。",
        ),
        (
            "public_welfare_share",
            {"public_welfare_volume": None},
            "缺少 2025 年度公益性或低收费服务量（operations 中 2025 年度的 public_welfare_volume），请补充后再检查。",
        ),
        (
            "served_growth",
            {"smes_served": None},
            "缺少 2025 年度服务中小企业户数（operations 中 2025 年度的 smes_served），无法判断近两年是否增长，"
            "请补充后再检查。",
        ),
    ],
)
def test_a_missing_figure_of_the_reference_year_is_named(code, nulls, message):
    result = evaluate(good_facts(years=_without_2025_field(**nulls)), NANCHANG, AS_OF).condition(code)
    assert (result.status, result.actual, result.message) == (FAIL, None, message)


def test_the_year_before_the_reference_year_is_needed_for_growth_only():
    facts = good_facts(years={2025: good_facts().years[2025]})
    evaluation = evaluate(facts, NANCHANG, AS_OF)
    assert [c.code for c in evaluation.conditions if c.status == FAIL] == ["served_growth"]


def test_a_zero_service_volume_cannot_give_a_share():
    facts = good_facts(years={**good_facts().years, 2025: YearFigures(2025, 120, 1500, 0, 0)})
    assert evaluate(facts, NANCHANG, AS_OF).condition("public_welfare_share") == ConditionResult(
        "public_welfare_share",
        FAIL,
        "五(六)",
        None,
        10,
        "2025 年度服务总量（service_volume）为 0，无法计算公益性或低收费服务占比，请核对。",
    )


def test_an_invalid_uscc_fails_legal_entity_with_the_checksum_message():
    result = evaluate(good_facts(uscc="91110108551385082A"), NANCHANG, AS_OF).condition("legal_entity")
    assert result == ConditionResult(
        "legal_entity",
        FAIL,
        "五(一)",
        "91110108551385082A",
        "法人",
        "统一社会信用代码（organization.uscc）无效：统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。",
    )


def test_a_zero_site_area_is_no_fixed_site():
    result = evaluate(good_facts(site_area_owned=0, site_area_rented=None), NANCHANG, AS_OF).condition("site_area")
    assert (result.status, result.actual) == (FAIL, 0)


def test_a_registration_after_the_reference_date_is_refused():
    result = evaluate(good_facts(registered_on=date(2026, 6, 1)), NANCHANG, AS_OF).condition("operating_years")
    assert result == ConditionResult(
        "operating_years",
        FAIL,
        "五(一)",
        0,
        2,
        "注册日期2026年6月1日晚于评价基准日2026年5月1日，请核对 organization.registered_on。",
    )


def test_judgement_items_name_the_evidence_still_missing():
    result = evaluate(good_facts(evidence=frozenset({"report.management"})), NANCHANG, AS_OF).condition("management")
    assert result == ConditionResult(
        "management",
        REVIEW,
        "五(四)",
        ["report.management"],
        ["report.management", "report.plans"],
        "由评审人员判断：服务管理制度是否规范（发展规划和服务目标、内部管理制度、服务流程、质量保证措施）。"
        "依据：申请报告四（管理运营情况）、申请报告八（下一步发展设想）。尚未填写：申请报告八（下一步发展设想），请补充，以便评审。",
    )
