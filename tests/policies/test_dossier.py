"""The dossier schema and its validation: unknown keys are errors, messages name the key or row."""

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from shifan.policies.codes import Education, PartnerKind, ServiceFunction, TitleLevel
from shifan.policies.dossier import schema, validate_dossier
from shifan.policies.engine import evaluate
from shifan.policies.facts import Activity, Facts, YearFigures, facts_from_dossier
from tests.policies.builders import AS_OF, NANCHANG

SAMPLE = Path(__file__).parent / "data" / "sample-dossier.json"

# The keys of dossier.md, the contract: the schema has exactly these (it adds no optional keys yet).
CONTRACT = {
    "": {
        "format", "version", "organization", "platform", "operations", "service_products", "partners", "activities",
        "public_welfare_activities", "government_support", "impact", "equipment", "staff", "served_smes", "report",
        "declaration",
    },
    "organization": {
        "name", "uscc", "nature", "registration_authority", "registered_on", "address", "postcode", "jurisdiction",
        "legal_representative", "contact", "website", "icp_filing", "email", "registered_capital", "investors",
    },
    "organization.legal_representative": {"name", "id_number", "mobile"},
    "organization.contact": {"name", "phone", "fax", "mobile"},
    "organization.investors[]": {"name", "nature"},
    "platform": {
        "total_assets", "equipment_count", "equipment_value", "site_area_owned", "site_area_rented",
        "service_functions", "qualifications",
    },
    "operations[]": {
        "year", "total_assets", "revenue", "service_revenue", "profit", "smes_served", "training_person_times",
        "service_volume", "public_welfare_volume",
    },
    "service_products[]": {"name", "smes_served", "person_times", "revenue", "revenue_share", "satisfaction"},
    "partners[]": {"name", "kind", "agreement"},
    "activities[]": {"date", "title", "place", "function", "smes", "participants"},
    "equipment[]": {"name", "quantity", "price", "purchased_on", "note"},
    "staff[]": {
        "name", "age", "education", "school_major", "title_level", "title_authority", "years_at_platform", "position",
        "contact", "full_time",
    },
    "served_smes[]": {"name", "uscc", "contact", "position", "mobile", "service", "satisfied"},
    "report": {"basics", "region", "management", "services", "achievements", "support", "plans"},
    "declaration": {"signed_by", "signed_on"},
}  # fmt: skip


def _objects(node, path=""):
    """Every object schema with its path, following $ref into $defs."""
    if "$ref" in node:
        node = schema()["$defs"][node["$ref"].rsplit("/", 1)[1]]
    if node.get("type") == "object":
        yield path, node
        for key, child in node["properties"].items():
            yield from _objects(child, f"{path}.{key}" if path else key)
    if node.get("type") == "array":
        yield from _objects(node["items"], f"{path}[]")


@pytest.fixture
def sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_the_schema_has_exactly_the_contract_keys_and_refuses_unknown_ones():
    objects = dict(_objects(schema()))
    assert {path: set(node["properties"]) for path, node in objects.items()} == CONTRACT
    assert {path: node["additionalProperties"] for path, node in objects.items()} == dict.fromkeys(CONTRACT, False)
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_codes_are_the_codes_of_the_engine():
    defs, props = schema()["$defs"], schema()["properties"]
    assert defs["service_function"]["enum"] == ServiceFunction.values
    assert props["staff"]["items"]["properties"]["education"]["enum"] == Education.values
    assert props["staff"]["items"]["properties"]["title_level"]["enum"] == TitleLevel.values
    assert props["partners"]["items"]["properties"]["kind"]["enum"] == PartnerKind.values


def test_the_sample_dossier_is_valid_and_has_more_than_100_served_smes(sample):
    assert validate_dossier(sample, jurisdictions={"360102"}) == []
    assert len(sample["served_smes"]) == 120


def test_a_minimal_draft_is_valid():
    draft = {"format": "shifan-dossier", "version": 1, "organization": {"name": "甲", "uscc": "91110108551385082q"}}
    assert validate_dossier(draft) == []


@pytest.mark.parametrize(
    ("change", "messages"),
    [
        (
            lambda d: d.update(colour="red"),
            ["colour: 未知的键，本格式不允许；请删除或核对拼写。"],
        ),
        (
            lambda d: d["organization"].update(unified_code="x"),
            ["organization.unified_code: 未知的键，本格式不允许；请删除或核对拼写。"],
        ),
        (
            lambda d: d["served_smes"][8].update(moblie="13800000000"),
            ["served_smes[8].moblie: 未知的键，本格式不允许；是否应为 “mobile”？（第 9 行）"],
        ),
        (
            lambda d: d["served_smes"][3].update(uscc="91360102MA0005003A"),
            ["served_smes[3].uscc: 统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。（第 4 行）"],
        ),
        (
            lambda d: d["organization"].update(uscc="9136010200012"),
            ["organization.uscc: 统一社会信用代码应为 18 位，当前为 13 位。"],
        ),
        (
            lambda d: d["served_smes"][5].pop("satisfied"),
            ["served_smes[5].satisfied: 缺少必填项。（第 6 行）"],
        ),
        (lambda d: d["organization"].pop("uscc"), ["organization.uscc: 缺少必填项。"]),
        (lambda d: d.pop("format"), ["format: 缺少必填项。"]),
        (lambda d: d.update(version=2), ["version: 应为 1，实际为 2。"]),
        (
            lambda d: d["platform"].update(total_assets=260),
            ['platform.total_assets: 应为以万元计的数字字符串（加引号），如 "120.50"，最多 4 位小数，实际为整数。'],
        ),
        (
            lambda d: d["platform"].update(total_assets="260万"),
            [
                "platform.total_assets: “260万” 格式不正确："
                '应为以万元计的数字字符串（加引号），如 "120.50"，最多 4 位小数。'
            ],
        ),
        (
            lambda d: d["activities"][0].update(date="2025-02-30"),
            [
                "activities[0].date: 日期 “2025-02-30” 无效："
                '应为 YYYY-MM-DD 格式的有效日期，如 "2025-06-30"。（第 1 行）'
            ],
        ),
        (
            lambda d: d["organization"].update(registered_on="2018/3/15"),
            ['organization.registered_on: 日期 “2018/3/15” 无效：应为 YYYY-MM-DD 格式的有效日期，如 "2025-06-30"。'],
        ),
        (
            lambda d: d["staff"][2].update(education="college"),
            [
                "staff[2].education: 取值 “college” 无效，应为以下之一："
                "doctorate、master、bachelor、associate、secondary、below。（第 3 行）"
            ],
        ),
        (
            lambda d: d["served_smes"][7].update(mobile="12345"),
            ["served_smes[7].mobile: “12345” 格式不正确：手机号码应为以 1 开头的 11 位数字（可带 +86）。（第 8 行）"],
        ),
        (
            lambda d: d["staff"][0].update(full_time="是"),
            ["staff[0].full_time: 应为布尔值（true 或 false），实际为文本。（第 1 行）"],
        ),
        (
            lambda d: d["operations"][1].update(year=2024),
            ["operations[1].year: 2024 年度与 operations[0] 重复，每个年度只能有一行。（第 2 行）"],
        ),
        (
            lambda d: d["operations"][1].update(public_welfare_volume=901),
            [
                "operations[1].public_welfare_volume: 公益性或低收费服务量 901 大于服务总量 900（service_volume），"
                "请核对。（第 2 行）"
            ],
        ),
        (
            lambda d: d["organization"].update(jurisdiction="360199"),
            ["organization.jurisdiction: 辖区编码 “360199” 不在辖区表中，请从辖区表中选择。"],
        ),
        (
            lambda d: d["platform"].update(service_functions=["training", "training"]),
            ["platform.service_functions: 不能有重复项。"],
        ),
        (
            lambda d: d["operations"][0].update(smes_served=-1),
            ["operations[0].smes_served: 不能小于 0，实际为 -1。（第 1 行）"],
        ),
    ],
)
def test_a_bad_dossier_gets_messages_naming_each_bad_key_or_row(sample, change, messages):
    change(sample)
    assert validate_dossier(sample, jurisdictions={"360102"}) == messages


def test_several_problems_are_all_reported_in_document_order(sample):
    sample["served_smes"][3]["uscc"] = "91360102MA0005003A"
    sample["served_smes"][1]["name"] = ""
    sample["organization"]["foo"] = 1
    sample["operations"][1]["year"] = 2024
    assert validate_dossier(sample) == [
        "organization.foo: 未知的键，本格式不允许；请删除或核对拼写。",
        "operations[1].year: 2024 年度与 operations[0] 重复，每个年度只能有一行。（第 2 行）",
        "served_smes[1].name: 不能为空。（第 2 行）",
        "served_smes[3].uscc: 统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。（第 4 行）",
    ]


def test_a_value_the_schema_refuses_is_not_reported_twice(sample):
    sample["organization"]["uscc"] = "9" * 41
    assert validate_dossier(sample) == ["organization.uscc: 不能超过 40 个字符。"]


def test_something_that_is_not_an_object_is_refused():
    assert validate_dossier([1, 2]) == ["（整个文件）: 应为对象（{…}），实际为列表。"]


def test_facts_are_read_from_the_sample(sample):
    facts = facts_from_dossier(sample)
    assert (facts.uscc, facts.registered_on, facts.total_assets) == (
        "91360102MA0001234P",
        date(2018, 3, 15),
        Decimal("260.00"),
    )
    assert (facts.site_area_owned, facts.site_area_rented) == (Decimal("80"), Decimal("120.5"))
    assert facts.service_functions == ("information", "technology", "training")
    assert dict(facts.years) == {
        2024: YearFigures(
            2024, smes_served=96, training_person_times=1200, service_volume=700, public_welfare_volume=84
        ),
        2025: YearFigures(
            2025, smes_served=120, training_person_times=1500, service_volume=900, public_welfare_volume=135
        ),
    }
    assert facts.partners == 3
    assert facts.activities[0] == Activity(on=date(2025, 2, 20), function="information")
    assert len(facts.activities) == 9
    assert (len(facts.staff), sum(1 for s in facts.staff if s.full_time)) == (14, 12)
    assert (len(facts.served_satisfied), sum(facts.served_satisfied)) == (120, 112)
    assert len(facts.evidence) == 11


@pytest.mark.parametrize(
    "garbage",
    [
        None,
        [],
        "text",
        {"organization": "x", "platform": [], "operations": {"year": 1}, "staff": [1, None], "served_smes": "x"},
        {"operations": [{"year": "2025", "smes_served": "80"}], "activities": [{"date": "soon", "function": 3}]},
        {"platform": {"total_assets": "abc", "site_area_owned": True, "service_functions": [1, "x", "x"]}},
    ],
)
def test_facts_from_garbage_are_empty_and_the_engine_still_answers(garbage):
    facts = facts_from_dossier(garbage)
    assert facts.years == {} and facts.total_assets is None and facts.activities == ()
    evaluation = evaluate(facts, NANCHANG, AS_OF)
    assert len(evaluation.conditions) == 18 and evaluation.eligible is False


def test_facts_accept_plain_numbers_for_amounts():
    facts = Facts(total_assets=100, site_area_owned=150.0)
    assert (facts.total_assets, facts.site_area_owned) == (Decimal("100"), Decimal("150.0"))


def test_the_sample_is_not_changed_by_validation(sample):
    before = copy.deepcopy(sample)
    validate_dossier(sample)
    facts_from_dossier(sample)
    assert sample == before
