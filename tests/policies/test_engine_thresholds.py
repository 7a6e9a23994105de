"""Each condition of 第五条 at, just below and just above its threshold (以上 includes the number)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from shifan.policies.engine import FAIL, PASS, ConditionResult, evaluate
from shifan.policies.facts import StaffMember
from tests.policies.builders import AS_OF, NANCHANG, activities, good_facts, served, staff, uscc, year_2025

D = Decimal

CASES = [
    # operating_years: as of 2026-05-01, 2 full years means registered on or before 2024-05-01.
    ("operating_years", {"registered_on": date(2024, 5, 1)}, (PASS, 2, 2)),
    ("operating_years", {"registered_on": date(2024, 5, 2)}, (FAIL, 1, 2)),
    ("operating_years", {"registered_on": date(2023, 5, 1)}, (PASS, 3, 2)),
    ("total_assets", {"total_assets": D("100.00")}, (PASS, "100.00", "100.00")),
    ("total_assets", {"total_assets": D("99.99")}, (FAIL, "99.99", "100.00")),
    ("total_assets", {"total_assets": D("100.01")}, (PASS, "100.01", "100.00")),
    ("site_area", {"site_area_owned": D("150"), "site_area_rented": None}, (PASS, 150, 150)),
    ("site_area", {"site_area_owned": D("100"), "site_area_rented": D("49.99")}, (FAIL, 149.99, 150)),
    ("site_area", {"site_area_owned": None, "site_area_rented": D("150.01")}, (PASS, 150.01, 150)),
    ("staff_count", {"staff": staff(10, part_time=3)}, (PASS, 10, 10)),
    ("staff_count", {"staff": staff(9, part_time=3)}, (FAIL, 9, 10)),
    ("staff_count", {"staff": staff(11)}, (PASS, 11, 10)),
    ("staff_qualified_ratio", {"staff": staff(700, 300)}, (PASS, 70, 70)),
    ("staff_qualified_ratio", {"staff": staff(699, 301)}, (FAIL, 69.9, 70)),
    ("staff_qualified_ratio", {"staff": staff(701, 299)}, (PASS, 70.1, 70)),
    # Part-time staff do not count, however qualified.
    ("staff_qualified_ratio", {"staff": staff(6, 4, part_time=5)}, (FAIL, 60, 70)),
    # 69.996% is below 70% and must not be shown as 70.
    ("staff_qualified_ratio", {"staff": staff(17499, 7501)}, (FAIL, 69.99, 70)),
    ("satisfaction", {"served_satisfied": served(80, 20)}, (PASS, 80, 80)),
    ("satisfaction", {"served_satisfied": served(79, 21)}, (FAIL, 79, 80)),
    ("satisfaction", {"served_satisfied": served(81, 19)}, (PASS, 81, 80)),
    (
        "activities",
        {"activities": activities(information=4, technology=2)},
        (PASS, {"information": 4, "technology": 2}, {"information": 4, "technology": 2}),
    ),
    (
        "activities",
        {"activities": activities(information=3, technology=2)},
        (FAIL, {"information": 3, "technology": 2}, {"information": 4, "technology": 2}),
    ),
    (
        "activities",
        {"activities": activities(information=5, technology=3)},
        (PASS, {"information": 5, "technology": 3}, {"information": 4, "technology": 2}),
    ),
    ("training_volume", {"years": year_2025(training_person_times=1000)}, (PASS, 1000, 1000)),
    ("training_volume", {"years": year_2025(training_person_times=999)}, (FAIL, 999, 1000)),
    ("training_volume", {"years": year_2025(training_person_times=1001)}, (PASS, 1001, 1000)),
    ("partners", {"partners": 2}, (PASS, 2, 2)),
    ("partners", {"partners": 1}, (FAIL, 1, 2)),
    ("partners", {"partners": 3}, (PASS, 3, 2)),
    ("public_welfare_share", {"years": year_2025(public_welfare_volume=90)}, (PASS, 10, 10)),
    ("public_welfare_share", {"years": year_2025(public_welfare_volume=89)}, (FAIL, 9.88, 10)),
    ("public_welfare_share", {"years": year_2025(public_welfare_volume=91)}, (PASS, 10.11, 10)),
    ("served_list_size", {"served_satisfied": served(100)}, (PASS, 100, 100)),
    ("served_list_size", {"served_satisfied": served(99)}, (FAIL, 99, 100)),
    ("served_list_size", {"served_satisfied": served(101)}, (PASS, 101, 100)),
]


def _result(code: str, **changes) -> ConditionResult:
    return evaluate(good_facts(**changes), NANCHANG, AS_OF).condition(code)


@pytest.mark.parametrize(("code", "changes", "expected"), CASES)
def test_threshold(code, changes, expected):
    result = _result(code, **changes)
    assert (result.status, result.actual, result.required) == expected


@pytest.mark.parametrize(
    ("served_2024", "served_2025", "expected"),
    [
        (79, 80, (PASS, 80, 80)),
        (79, 79, (FAIL, 79, 80)),
        (79, 81, (PASS, 81, 80)),
    ],
)
def test_smes_served_threshold(served_2024, served_2025, expected):
    rows = dict(good_facts().years)
    rows[2024] = replace(rows[2024], smes_served=served_2024)
    rows[2025] = replace(rows[2025], smes_served=served_2025)
    result = _result("smes_served", years=rows)
    assert (result.status, result.actual, result.required) == expected


@pytest.mark.parametrize(
    ("served_2025", "status"),
    [(97, PASS), (96, FAIL), (95, FAIL), (98, PASS)],  # 2024 had 96: equal is not growth
)
def test_served_growth_needs_more_than_the_year_before(served_2025, status):
    result = _result("served_growth", years=year_2025(smes_served=served_2025))
    assert (result.status, result.actual, result.required) == (status, {"2024": 96, "2025": served_2025}, {"2025": 97})


@pytest.mark.parametrize(
    ("code", "status", "actual"),
    [
        (uscc("91"), PASS, "企业"),
        (uscc("12"), PASS, "事业单位"),
        (uscc("52"), PASS, "民办非企业单位"),
        (uscc("92"), FAIL, "个体工商户"),
    ],
)
def test_legal_entity_reads_the_registrant_kind(code, status, actual):
    result = _result("legal_entity", uscc=code)
    assert (result.status, result.actual, result.required) == (status, actual, "法人")


def test_an_operating_anniversary_on_29_february_falls_on_1_march():
    facts = good_facts(registered_on=date(2024, 2, 29))
    assert evaluate(facts, NANCHANG, date(2026, 2, 28)).condition("operating_years").actual == 1
    assert evaluate(facts, NANCHANG, date(2026, 3, 1)).condition("operating_years").actual == 2


def test_messages_at_and_below_the_threshold_say_what_to_fix():
    assert _result("staff_count", staff=staff(10)) == ConditionResult(
        "staff_count", PASS, "五(二)", 10, 10, "专职从业人员 10 人，不少于 10 人。"
    )
    assert _result("staff_count", staff=staff(9, part_time=1)) == ConditionResult(
        "staff_count",
        FAIL,
        "五(二)",
        9,
        10,
        "专职从业人员 9 人，少于 10 人：第五条（二）要求专职从业人员 10 人以上，"
        "请在附件4中补充专职人员或核对“是否专职”。",
    )
    assert _result("total_assets", total_assets=D("99.99")).message == (
        "上年末资产总额 99.99 万元，低于 100.00 万元：第五条（一）要求资产总额 100.00 万元以上，"
        "请核对申请表“上年末总资产”与上一年度审计报告。"
    )
    assert _result("operating_years", registered_on=date(2024, 5, 2)).message == (
        "自2024年5月2日注册起运营 1 年，不足 2 年：第五条（一）要求运营 2 年以上，2026年5月2日起方满 2 年。"
    )
    assert _result("legal_entity", uscc=uscc("92")).message == (
        "统一社会信用代码显示登记类型为“个体工商户”，不具有独立法人资格；第五条（一）要求申报单位具有独立法人资格。"
    )
    assert _result("served_growth", years=year_2025(smes_served=96)).message == (
        "服务中小企业户数：2024 年度 96 户，2025 年度 96 户，没有增长：第五条（三）要求近两年服务企业数量稳定增长，"
        "请核对两个年度的 operations[].smes_served。"
    )
    assert _result("public_welfare_share", years=year_2025(public_welfare_volume=89)).message == (
        "2025 年度公益性或低收费服务 89 次，占服务总量 900 次的 9.88%，低于 10%："
        "第五条（六）要求公益性或低收费服务占总服务量的 10% 以上。"
    )
    assert _result("satisfaction", served_satisfied=served(79, 21)).message == (
        "附件5共 100 家企业，其中满意 79 家，满意度 79%，低于 80%：第五条（三）要求企业满意度 80% 以上。"
    )


def test_an_unqualified_or_unmarked_row_is_named_in_the_message():
    rows = (*staff(8), StaffMember(full_time=True), StaffMember(full_time=True), StaffMember(full_time=None))
    result = _result("staff_qualified_ratio", staff=rows)
    assert result == ConditionResult(
        "staff_qualified_ratio",
        PASS,
        "五(二)",
        80,
        70,
        "专职从业人员 10 人中，大专及以上学历或中级及以上职称 8 人，占 80%，不低于 70%。"
        "其中 2 人未填写学历和职称（staff[].education、staff[].title_level），按不符合计。",
    )
    assert _result("staff_count", staff=rows).message == (
        "专职从业人员 10 人，不少于 10 人。另有 1 人未标明是否专职（staff[].full_time），未计入。"
    )


@pytest.mark.parametrize(
    ("education", "title_level", "qualified"),
    [
        ("associate", "none", True),
        ("secondary", "intermediate", True),
        ("below", "deputy_senior", True),
        ("secondary", "junior", False),
        (None, "senior", True),
        ("doctorate", None, True),
    ],
)
def test_qualified_means_associate_degree_or_intermediate_title(education, title_level, qualified):
    member = StaffMember(full_time=True, education=education, title_level=title_level)
    result = _result("staff_qualified_ratio", staff=(member,))
    assert result.actual == (100 if qualified else 0)
