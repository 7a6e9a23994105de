"""Policy versions as data: the seeds, the lineage of versions, and edits refused once in use."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from shifan.audit.models import AuditEvent
from shifan.audit.verify import verify_chain
from shifan.policies.domain import activate_policy, create_policy, default_policy, supersede_policy, update_policy
from shifan.policies.engine import FAIL, evaluate
from shifan.policies.models import Policy
from shifan.policies.params import PolicyParams
from tests.policies.builders import AS_OF, NANCHANG, good_facts

pytestmark = pytest.mark.django_db

NATIONAL = PolicyParams(
    code="national-2017",
    legal_person_required=True,
    min_operating_years=2,
    min_total_assets=Decimal("300.00"),
    min_site_area=Decimal("0.00"),
    min_staff=20,
    min_qualified_ratio=Decimal("80.00"),
    min_smes_served=150,
    require_served_growth=True,
    min_satisfaction=Decimal("80.00"),
    activity_minimums={"information": 8, "technology": 5},
    min_training_person_times=None,
    min_partners=5,
    min_public_welfare_share=Decimal("20.00"),
    min_served_list_rows=None,
    survey_sample_size=12,
    publicity_working_days=5,
    validity_years=3,
)


@pytest.fixture
def officer(personas):
    return personas["bureau_officer"]


def _events() -> list[tuple[str, str]]:
    return list(AuditEvent.objects.filter(event__startswith="policy.").values_list("event", "target_id"))


def test_two_versions_are_seeded_with_nanchang_2022_as_the_default():
    assert list(Policy.objects.values_list("code", "status", "is_default", "document_number", "effective_on")) == [
        ("nanchang-2022", "active", True, "洪企服规〔2022〕3号", date(2022, 6, 20)),
        ("national-2017", "active", False, "工信部企业〔2017〕156号", date(2017, 7, 3)),
    ]
    assert default_policy().code == "nanchang-2022"


def test_the_seeded_rows_give_exactly_the_expected_parameters():
    assert Policy.objects.get(code="nanchang-2022").to_params() == NANCHANG
    assert Policy.objects.get(code="national-2017").to_params() == NATIONAL


def test_the_same_facts_get_different_verdicts_under_the_two_seeded_versions():
    facts = good_facts()
    nanchang = evaluate(facts, Policy.objects.get(code="nanchang-2022").to_params(), AS_OF)
    national = evaluate(facts, Policy.objects.get(code="national-2017").to_params(), AS_OF)
    assert (nanchang.eligible, national.eligible) == (True, False)
    assert [c.code for c in national.conditions if c.status == FAIL] == [
        "total_assets",
        "staff_count",
        "smes_served",
        "activities",
        "partners",
        "public_welfare_share",
    ]
    assert national.condition("activities").required == {"information": 8, "technology": 5}


def test_a_new_version_is_added_and_put_in_force_without_code(officer):
    current = Policy.objects.get(code="nanchang-2022")
    successor = supersede_policy(
        current,
        actor=officer,
        code="nanchang-2026",
        document_number="洪企服规〔2026〕1号",
        effective_on=date(2026, 7, 1),
        min_smes_served=130,
        activity_minimums={**current.activity_minimums, "training": 3},
    )
    assert (successor.status, successor.supersedes, successor.min_total_assets) == (
        "draft",
        current,
        Decimal("100.00"),
    )
    current.refresh_from_db()
    assert (current.status, current.is_default) == ("active", True)  # the old rules stay in force until activation

    activate_policy(successor, actor=officer)
    current.refresh_from_db()
    successor.refresh_from_db()
    assert (current.status, current.is_default) == ("superseded", False)
    assert (successor.status, successor.is_default) == ("active", True)
    assert default_policy() == successor

    facts = good_facts()
    assert evaluate(facts, current.to_params(), AS_OF).eligible is True
    new = evaluate(facts, successor.to_params(), AS_OF)
    assert [(c.code, c.actual, c.required) for c in new.conditions if c.status == FAIL] == [
        ("smes_served", 120, 130),
        (
            "activities",
            {"information": 5, "technology": 3, "training": 0},
            {"information": 4, "technology": 2, "training": 3},
        ),
    ]
    assert _events() == [
        ("policy.created", str(successor.pk)),
        ("policy.superseded", str(current.pk)),
        ("policy.activated", str(successor.pk)),
    ]
    assert verify_chain().ok


def test_a_created_policy_is_a_draft_and_its_creation_is_audited(officer):
    policy = create_policy(
        actor=officer,
        code="jiangsu-2020",
        name="江苏省中小企业公共服务示范平台认定",
        effective_on=date(2020, 1, 1),
        min_total_assets=Decimal("120"),
        min_satisfaction=Decimal("85"),
    )
    assert (policy.status, policy.is_default, policy.min_staff) == ("draft", False, None)
    event = AuditEvent.objects.get(event="policy.created")
    assert (event.actor_label, event.data["code"], event.data["parameters"]["min_total_assets"]) == (
        "bureau_officer",
        "jiangsu-2020",
        "120",
    )
    activate_policy(policy, actor=officer)
    policy.refresh_from_db()
    assert (policy.status, policy.is_default) == ("active", False)


def test_bad_activity_minimums_are_refused(officer):
    with pytest.raises(ValidationError) as error:
        create_policy(
            actor=officer,
            code="bad",
            name="x",
            effective_on=date(2020, 1, 1),
            activity_minimums={"marketing": 2, "training": 0},
        )
    assert error.value.message_dict == {
        "activity_minimums": ["未知的服务功能代码 “marketing”；“training”的次数应为正整数。"]
    }
    assert _events() == []


@pytest.mark.parametrize("in_use", [True, lambda policy: policy.code == "nanchang-2022"])
def test_editing_a_version_in_use_is_refused(officer, in_use):
    policy = Policy.objects.get(code="nanchang-2022")
    with pytest.raises(ValidationError) as error:
        update_policy(policy, actor=officer, changes={"min_staff": 5}, in_use=in_use)
    assert error.value.messages == [
        "「南昌市中小企业公共服务示范平台认定管理办法」（nanchang-2022）已被申报批次采用，不能再修改；"
        "如需调整，请基于它另建新版本。"
    ]
    policy.refresh_from_db()
    assert policy.min_staff == 10
    assert _events() == []


def test_a_version_not_in_use_can_be_edited_and_the_change_is_audited(officer):
    policy = Policy.objects.get(code="national-2017")
    update_policy(policy, actor=officer, changes={"min_training_person_times": 500}, in_use=lambda p: False)
    policy.refresh_from_db()
    assert policy.min_training_person_times == 500
    event = AuditEvent.objects.get(event="policy.updated")
    assert event.data == {
        "code": "national-2017",
        "before": {"min_training_person_times": None},
        "after": {"min_training_person_times": 500},
    }


def test_a_superseded_version_is_never_edited_and_the_lineage_fields_are_not_edited_here(officer):
    current = Policy.objects.get(code="nanchang-2022")
    activate_policy(supersede_policy(current, actor=officer, code="nanchang-2026"), actor=officer)
    with pytest.raises(ValidationError) as error:
        update_policy(current, actor=officer, changes={"min_staff": 5}, in_use=False)
    assert error.value.messages == [
        "「南昌市中小企业公共服务示范平台认定管理办法」（nanchang-2022）已被取代，不能再修改。"
    ]
    successor = Policy.objects.get(code="nanchang-2026")
    with pytest.raises(ValidationError) as error:
        update_policy(successor, actor=officer, changes={"code": "x", "is_default": False}, in_use=False)
    assert error.value.messages == ["以下字段不能在此修改：code、is_default。"]


def test_a_version_is_superseded_only_once_and_only_from_the_version_in_force(officer):
    current = Policy.objects.get(code="nanchang-2022")
    first = supersede_policy(current, actor=officer, code="nanchang-2026a")
    second = supersede_policy(current, actor=officer, code="nanchang-2026b")
    activate_policy(first, actor=officer)
    with pytest.raises(ValidationError) as error:
        activate_policy(second, actor=officer)
    assert error.value.messages == [
        "要取代的版本「南昌市中小企业公共服务示范平台认定管理办法」（nanchang-2022）已不是现行版本，不能再被取代。"
    ]
    with pytest.raises(ValidationError) as error:
        supersede_policy(current, actor=officer, code="nanchang-2026c")
    assert error.value.messages == [
        "「南昌市中小企业公共服务示范平台认定管理办法」（nanchang-2022）已被取代，请基于现行版本另建新版本。"
    ]
    with pytest.raises(ValidationError) as error:
        supersede_policy(second, actor=officer, code="nanchang-2026d")
    assert error.value.messages == ["草稿版本可以直接修改，无需另建新版本。"]
    with pytest.raises(ValidationError) as error:
        activate_policy(first, actor=officer)
    assert error.value.messages == [
        "只有草稿版本可以启用；「南昌市中小企业公共服务示范平台认定管理办法」当前为“现行”。"
    ]


def test_the_database_allows_one_default_and_only_an_active_one():
    with pytest.raises(IntegrityError):
        Policy.objects.filter(code="national-2017").update(is_default=True)


def test_a_draft_cannot_be_the_default(officer):
    draft = supersede_policy(Policy.objects.get(code="national-2017"), actor=officer, code="national-2017b")
    Policy.objects.filter(code="nanchang-2022").update(is_default=False)  # so only the check constraint is at stake
    with pytest.raises(IntegrityError):
        Policy.objects.filter(pk=draft.pk).update(is_default=True)
