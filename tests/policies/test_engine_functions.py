"""Activities per declared function, training only for training platforms, and the result contract."""

from dataclasses import replace
from datetime import date

from shifan.policies.engine import FAIL, PASS, ConditionResult, evaluate
from shifan.policies.facts import Activity
from tests.policies.builders import AS_OF, NANCHANG, activities, good_facts


def _activities(**changes) -> ConditionResult:
    return evaluate(good_facts(**changes), NANCHANG, AS_OF).condition("activities")


def test_each_declared_function_must_meet_its_own_minimum():
    result = _activities(
        service_functions=("information", "quality", "consulting", "startup"),
        activities=activities(information=6, quality=2, consulting=1, startup=4),
    )
    assert result == ConditionResult(
        "activities",
        FAIL,
        "五(三)",
        {"information": 6, "quality": 2, "consulting": 1, "startup": 4},
        {"information": 4, "quality": 2, "consulting": 2, "startup": 4},
        "2025 年度大型服务活动：信息查询 6 次（要求 4 次以上）；质量管理 2 次（要求 2 次以上）；"
        "管理咨询服务 1 次（要求 2 次以上）；创业服务 4 次（要求 4 次以上）。管理咨询服务未达到："
        "第五条（三）要求所申报的每项服务功能都达到相应的年活动次数，"
        "请在 activities 中补充 2025 年度开展的活动（日期、功能），或核对申报服务功能。",
    )


def test_surplus_in_one_function_does_not_make_up_for_another():
    result = _activities(
        service_functions=("technology", "informatization"), activities=activities(technology=9, informatization=1)
    )
    assert (result.status, result.actual, result.required) == (
        FAIL,
        {"technology": 9, "informatization": 1},
        {"technology": 2, "informatization": 2},
    )


def test_only_activities_of_the_reference_year_count():
    dated = (
        Activity(on=date(2024, 12, 31), function="information"),
        Activity(on=date(2025, 1, 1), function="information"),
        Activity(on=date(2025, 12, 31), function="information"),
        Activity(on=date(2026, 1, 5), function="information"),
        Activity(on=date(2025, 6, 1), function="market"),  # not declared: ignored
    )
    result = _activities(service_functions=("information",), activities=dated)
    assert (result.status, result.actual, result.required) == (FAIL, {"information": 2}, {"information": 4})


def test_functions_without_a_minimum_make_activities_not_applicable():
    result = _activities(service_functions=("financing", "market"), activities=())
    assert result == ConditionResult(
        "activities",
        PASS,
        "五(三)",
        {},
        {},
        "不适用：本版本办法对所申报的服务功能（融资服务、市场开拓服务）未设大型服务活动次数要求。",
    )


def test_a_declared_function_with_a_minimum_and_no_activities_fails():
    result = _activities(service_functions=("financing", "startup"), activities=())
    assert (result.status, result.actual, result.required) == (FAIL, {"startup": 0}, {"startup": 4})


def test_training_volume_applies_only_to_a_declared_training_function():
    not_training = good_facts(service_functions=("information", "technology"))
    low_volume = {**good_facts().years, 2025: replace(good_facts().years[2025], training_person_times=0)}
    assert evaluate(replace(not_training, years=low_volume), NANCHANG, AS_OF).condition(
        "training_volume"
    ) == ConditionResult("training_volume", PASS, "五(三)", None, None, "不适用：未申报培训服务功能。")
    training = evaluate(good_facts(years=low_volume), NANCHANG, AS_OF).condition("training_volume")
    assert (training.status, training.actual, training.required) == (FAIL, 0, 1000)


def test_a_policy_without_a_threshold_makes_the_condition_not_applicable():
    lenient = replace(NANCHANG, min_training_person_times=None, min_served_list_rows=None, require_served_growth=False)
    facts = good_facts(served_satisfied=(True,) * 10, years={2025: good_facts().years[2025]})
    evaluation = evaluate(facts, lenient, AS_OF)
    assert [
        (c.code, c.status, c.message) for c in evaluation.conditions if c.required is None and c.status == PASS
    ] == [
        ("served_growth", PASS, "不适用：本版本办法不要求服务企业数量增长。"),
        ("training_volume", PASS, "不适用：本版本办法未设培训人次要求。"),
        ("served_list_size", PASS, "不适用：本版本办法未设服务企业名单行数要求。"),
    ]


def test_a_zero_site_minimum_still_needs_a_fixed_site():
    anywhere = replace(NANCHANG, min_site_area=0)
    assert evaluate(good_facts(site_area_owned=1, site_area_rented=None), anywhere, AS_OF).condition(
        "site_area"
    ) == ConditionResult("site_area", PASS, "五(一)", 1, 0, "有固定服务场所 1 平方米，本版本办法不限面积。")
    none = evaluate(good_facts(site_area_owned=0, site_area_rented=0), anywhere, AS_OF).condition("site_area")
    assert none == ConditionResult(
        "site_area",
        FAIL,
        "五(一)",
        0,
        0,
        "固定服务场所（自有加租用）共 0 平方米：第五条（一）要求有固定的服务场所，请核对产权证或租赁合同上的面积。",
    )


def test_the_reference_year_is_the_year_before_the_reference_date():
    evaluation = evaluate(good_facts(), NANCHANG, date(2027, 1, 1))
    assert (evaluation.reference_year, evaluation.condition("smes_served").status) == (2026, FAIL)
    assert evaluation.condition("smes_served").message == (
        "缺少 2026 年度服务中小企业户数（operations 中 year 为 2026 的行），请补充后再检查。"
    )


def test_eligible_means_no_failure_review_items_are_left_to_reviewers():
    evaluation = evaluate(good_facts(), NANCHANG, AS_OF)
    assert evaluation.eligible is True
    assert [c.code for c in evaluation.conditions if c.status == "review"] == [
        "management",
        "fees",
        "reputation",
        "demonstration",
    ]
    assert evaluate(good_facts(partners=1), NANCHANG, AS_OF).eligible is False


def test_as_dict_has_the_contract_keys_in_order():
    data = evaluate(good_facts(), NANCHANG, AS_OF).as_dict()
    assert list(data) == ["policy", "as_of", "reference_year", "eligible", "conditions"]
    assert (data["policy"], data["as_of"], data["reference_year"]) == ("nanchang-2022", "2026-05-01", 2025)
    assert data["conditions"][0] == {
        "code": "legal_entity",
        "status": "pass",
        "article": "五(一)",
        "actual": "企业",
        "required": "法人",
        "message": "登记类型为“企业”，具有独立法人资格。",
    }
    assert [c["code"] for c in data["conditions"]] == [
        "legal_entity",
        "operating_years",
        "total_assets",
        "site_area",
        "staff_count",
        "staff_qualified_ratio",
        "smes_served",
        "served_growth",
        "satisfaction",
        "activities",
        "training_volume",
        "partners",
        "public_welfare_share",
        "served_list_size",
        "management",
        "fees",
        "reputation",
        "demonstration",
    ]
