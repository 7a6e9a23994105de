"""The sections' rule banners state the numbers of the policy version they are given, never fixed ones."""

import re
from dataclasses import replace
from decimal import Decimal

import pytest

from shifan.applications.section_hints import (
    FUNCTION_ORDER,
    application_section_hint,
    section_hint,
)
from shifan.applications.sections import SECTIONS, SECTIONS_BY_CODE
from shifan.policies.codes import FUNCTION_LABELS, ServiceFunction
from shifan.policies.hints import number
from shifan.policies.models import Policy
from shifan.policies.seeds import NANCHANG_2022, NATIONAL_2017
from tests.factories import ApplicationFactory, BatchFactory, shipped_policy

NANCHANG = Policy(**NANCHANG_2022).to_params()
NATIONAL = Policy(**NATIONAL_2017).to_params()

# The banners as the 申请表 pages showed them before versions existed (hard-coded Nanchang numbers).
BEFORE = {
    "scale": "第五条(一)：资产总额 100 万元以上，固定服务场所面积 150 平方米以上（自有与租用合计）。",
    "operations": "请至少填写上一年度和前一年度：服务中小企业户数须稳定增长，年服务 80 户以上；"
                  "公益性或低收费服务占总服务量 10% 以上。",
    "capability": "信息查询、创业服务类平台年开展大型服务活动 4 次以上；"
                  "技术服务、质量管理、信息化应用、管理咨询服务类 2 次以上；"
                  "培训服务类年培训 1000 人次以上；集聚社会服务机构 2 家以上。",
    "staff": "第五条(二)：专职从业人员 10 人以上，其中大专及以上学历或中级及以上技术职称的占 70% 以上。",
    "served": "名单须 100 家以上；满意度按“满意”行数占全部行数计算，须达 80% 以上。",
}
# Figures of the Nanchang text that must not show under another version.
NANCHANG_FIGURES = ("100 万元", "150 平方米", "80 户", "10%", "4 次", "2 次", "1000 人次", "2 家", "10 人", "70%",
                    "100 家")
THRESHOLD = re.compile(r"\d+(\.\d+)? ?(万元|平方米|户|人次|家|次|人|%)")

NONE_SET = replace(
    NANCHANG, legal_person_required=False, min_operating_years=None, min_total_assets=None, min_site_area=None,
    min_staff=None, min_qualified_ratio=None, min_smes_served=None, require_served_growth=False,
    min_satisfaction=None, activity_minimums={}, min_training_person_times=None, min_partners=None,
    min_public_welfare_share=None, min_served_list_rows=None,
)


def hint(code: str, params) -> str:
    return section_hint(SECTIONS_BY_CODE[code], params)


@pytest.mark.parametrize("code", list(BEFORE))
def test_the_nanchang_version_reads_exactly_as_before(code):
    assert hint(code, NANCHANG) == BEFORE[code]


def test_a_policy_row_and_its_params_give_the_same_banner():
    policy = Policy(**NANCHANG_2022)
    assert all(section_hint(section, policy) == section_hint(section, NANCHANG) for section in SECTIONS)


def test_the_national_version_states_its_own_numbers():
    n = NATIONAL_2017
    assert NATIONAL.min_site_area == 0  # a fixed site of any size
    assert hint("scale", NATIONAL) == (
        f"第五条(一)：资产总额 {number(n['min_total_assets'])} 万元以上，有固定的服务场所（本版本办法不限面积）。")
    assert hint("operations", NATIONAL) == (
        f"请至少填写上一年度和前一年度：服务中小企业户数须稳定增长，年服务 {n['min_smes_served']} 户以上；"
        f"公益性或低收费服务占总服务量 {number(n['min_public_welfare_share'])}% 以上。")
    activities = sorted(n["activity_minimums"].items(), key=lambda item: -item[1])
    (first, first_count), (second, second_count) = activities
    assert n["min_training_person_times"] is None
    assert hint("capability", NATIONAL) == (
        f"{FUNCTION_LABELS[first]}类平台年开展大型服务活动 {first_count} 次以上；"
        f"{FUNCTION_LABELS[second]}类 {second_count} 次以上；集聚社会服务机构 {n['min_partners']} 家以上。")
    assert hint("capability", NATIONAL) == (
        "信息查询类平台年开展大型服务活动 8 次以上；技术服务类 5 次以上；集聚社会服务机构 5 家以上。")
    assert hint("staff", NATIONAL) == (
        f"第五条(二)：专职从业人员 {n['min_staff']} 人以上，"
        f"其中大专及以上学历或中级及以上技术职称的占 {number(n['min_qualified_ratio'])}% 以上。")
    assert n["min_served_list_rows"] is None
    assert hint("served", NATIONAL) == (
        f"满意度按“满意”行数占全部行数计算，须达 {number(n['min_satisfaction'])}% 以上。")


@pytest.mark.parametrize("code", list(BEFORE))
def test_the_national_version_shows_no_nanchang_figure(code):
    text = hint(code, NATIONAL)
    assert not [figure for figure in NANCHANG_FIGURES if re.search(rf"(?<![\d.]){re.escape(figure)}", text)], text


def test_a_threshold_the_version_does_not_set_is_left_out():
    assert hint("scale", replace(NANCHANG, min_total_assets=None)) == (
        "第五条(一)：固定服务场所面积 150 平方米以上（自有与租用合计）。")
    assert hint("scale", replace(NANCHANG, min_site_area=None)) == "第五条(一)：资产总额 100 万元以上。"
    assert hint("operations", replace(NANCHANG, min_smes_served=None)) == (
        "请至少填写上一年度和前一年度：服务中小企业户数须稳定增长；公益性或低收费服务占总服务量 10% 以上。")
    assert hint("operations", replace(NANCHANG, require_served_growth=False, min_public_welfare_share=None)) == (
        "请至少填写上一年度：年服务中小企业 80 户以上。")
    assert hint("capability", replace(NANCHANG, activity_minimums={}, min_partners=None)) == (
        "培训服务类年培训 1000 人次以上。")
    assert hint("staff", replace(NANCHANG, min_staff=None)) == (
        "第五条(二)：专职从业人员中大专及以上学历或中级及以上技术职称的占 70% 以上。")
    assert hint("staff", replace(NANCHANG, min_qualified_ratio=None)) == "第五条(二)：专职从业人员 10 人以上。"
    assert hint("served", replace(NANCHANG, min_satisfaction=None)) == "名单须 100 家以上。"


@pytest.mark.parametrize("code", list(BEFORE))
def test_a_version_without_any_of_the_thresholds_shows_no_number_and_no_none(code):
    text = hint(code, NONE_SET)
    assert "None" not in text
    assert not THRESHOLD.search(text), text
    assert text in ("", "请至少填写上一年度。")  # the operations section still asks for the year's figures


def test_fractions_are_shown_as_the_engine_shows_required():
    params = replace(NANCHANG, min_total_assets=Decimal("100.50"), min_qualified_ratio=Decimal("70.5"),
                     min_site_area=Decimal("150.00"))
    assert hint("scale", params) == (
        "第五条(一)：资产总额 100.5 万元以上，固定服务场所面积 150 平方米以上（自有与租用合计）。")
    assert "占 70.5% 以上" in hint("staff", params)


def test_activity_groups_follow_the_regulations_order_whatever_the_stored_key_order():
    shuffled = dict(reversed(list(NANCHANG.activity_minimums.items())))
    assert hint("capability", replace(NANCHANG, activity_minimums=shuffled)) == BEFORE["capability"]
    assert set(FUNCTION_ORDER) == set(ServiceFunction.values)


def test_no_section_states_a_fixed_threshold_and_every_threshold_section_has_a_rule():
    threshold_conditions = {"total_assets", "site_area", "staff_count", "staff_qualified_ratio", "smes_served",
                            "served_growth", "satisfaction", "activities", "training_volume", "partners",
                            "public_welfare_share", "served_list_size"}
    for section in SECTIONS:
        assert not THRESHOLD.search(section.hint), (section.code, section.hint)
        if threshold_conditions & set(section.conditions):
            assert section.rule is not None, section.code
    assert {section.code for section in SECTIONS if section.rule} == set(BEFORE)


def test_without_a_policy_the_number_free_hint_is_shown():
    for section in SECTIONS:
        assert section_hint(section, None) == section.hint


@pytest.mark.django_db
def test_the_application_banner_reads_the_batch_policy_only_for_rule_sections(django_assert_num_queries):
    national = shipped_policy("national-2017")
    application = ApplicationFactory(batch=BatchFactory(policy=national))
    fresh = type(application).objects.select_related("batch").get(pk=application.pk)
    with django_assert_num_queries(0):
        assert application_section_hint(SECTIONS_BY_CODE["certificates"], fresh) == (
            SECTIONS_BY_CODE["certificates"].hint)
    with django_assert_num_queries(1):
        assert application_section_hint(SECTIONS_BY_CODE["scale"], fresh) == hint("scale", NATIONAL)
