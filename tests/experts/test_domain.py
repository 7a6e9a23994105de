"""The expert pool's domain: checks, duplicates, permissions, relationships and audit records."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shifan.audit.models import AuditEvent
from shifan.experts.domain import (
    add_relationship,
    create_expert,
    remove_relationship,
    reveal_contact,
    set_availability,
    update_expert,
)
from shifan.experts.models import Expert, Relationship
from tests.factories import ExpertFactory, make_uscc

pytestmark = pytest.mark.django_db

EMPLOYER_USCC = make_uscc("12", "360100")
# Full-width, as pasted from some documents; the domain folds it to half-width.
FULL_WIDTH_USCC = "".join(chr(ord(ch) + 0xFEE0) for ch in EMPLOYER_USCC)
VALID = {
    "name": "  李华 ", "employer_name": "江西财经大学", "employer_uscc": FULL_WIDTH_USCC,
    "jurisdiction": None, "title": "教授", "title_level": "senior", "specialties": ["quality", "technology"],
    "mobile": "+86 138-0013-8000", "email": "lihua@example.test", "available": True, "availability_note": "",
}


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_an_officer_adds_an_expert_with_normalised_fields(personas):
    expert = create_expert(actor=personas["bureau_officer"], **VALID)
    expert.refresh_from_db()
    assert (expert.name, expert.mobile, expert.specialties) == ("李华", "13800138000", ["technology", "quality"])
    assert expert.employer_uscc == EMPLOYER_USCC
    event = AuditEvent.objects.get(event="experts.created")
    assert event.data == {"name": "李华", "employer": "江西财经大学", "specialties": ["technology", "quality"],
                          "available": True, "source": "form"}


def test_the_employer_uscc_is_normalised_and_checked(personas):
    code = make_uscc()
    expert = create_expert(actor=personas["bureau_officer"], **VALID | {"employer_uscc": f" {code.lower()} "})
    assert expert.employer_uscc == code
    wrong_check_digit = code[:-1] + ("1" if code.endswith("0") else "0")  # a code whose own digit is 0 is valid
    with pytest.raises(ValidationError) as excinfo:
        create_expert(actor=personas["bureau_officer"], **VALID | {"employer_uscc": wrong_check_digit,
                                                                    "mobile": "13900139000"})
    assert _errors(excinfo) == {"employer_uscc": ["统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。"]}


def test_an_empty_employer_uscc_is_allowed(personas):
    assert create_expert(actor=personas["bureau_officer"], **VALID | {"employer_uscc": ""}).employer_uscc == ""


def test_every_bad_field_is_named(personas):
    bad = VALID | {"name": "", "employer_name": " ", "title": "", "title_level": "professor", "specialties": [],
                   "mobile": "12345", "email": "not-an-address", "available": False, "availability_note": ""}
    with pytest.raises(ValidationError) as excinfo:
        create_expert(actor=personas["bureau_officer"], **bad)
    assert _errors(excinfo) == {
        "name": ["请填写姓名。"],
        "employer_name": ["请填写工作单位。"],
        "title": ["请填写专业技术职称。"],
        "title_level": ["请选择职称级别：正高级、副高级、中级、其他。"],
        "specialties": ["请至少选择一项擅长的服务功能。"],
        "mobile": ["手机号码应为以 1 开头的 11 位数字（可带 +86）。"],
        "email": ["电子邮箱格式不正确，应如 zhangsan@example.com。"],
        "availability_note": ["不可参加评审时，请填写原因（如：出国、身体原因、本年度回避）。"],
    }
    assert Expert.objects.count() == 0


def test_specialties_must_be_service_function_codes(personas):
    with pytest.raises(ValidationError) as excinfo:
        create_expert(actor=personas["bureau_officer"], **VALID | {"specialties": ["technology", "ai"]})
    assert _errors(excinfo)["specialties"] == [
        "「ai」不是服务功能，应为：信息查询、技术服务、质量管理、创业服务、培训服务、融资服务、管理咨询服务、"
        "市场开拓服务、信息化应用、产业链服务。"
    ]


def test_a_second_expert_with_the_same_mobile_is_refused(personas):
    first = ExpertFactory(name="张三", mobile="13800138000")
    with pytest.raises(ValidationError) as excinfo:
        create_expert(actor=personas["bureau_officer"], **VALID | {"mobile": "86 13800138000"})
    assert _errors(excinfo) == {"mobile": ["手机号码 138****8000 已登记为专家「张三」，同一手机号码不能重复入库。"]}
    other = ExpertFactory(mobile="13900139000")
    with pytest.raises(ValidationError) as excinfo:
        update_expert(other, actor=personas["bureau_officer"], mobile="13800138000")
    assert list(_errors(excinfo)) == ["mobile"]
    assert update_expert(first, actor=personas["bureau_officer"], mobile="13800138000") == []  # its own number


def test_a_masked_mobile_is_refused_with_its_own_message(personas):
    with pytest.raises(ValidationError) as excinfo:
        create_expert(actor=personas["bureau_officer"], **VALID | {"mobile": "138****8000", "email": "l***@a.cn"})
    assert _errors(excinfo) == {
        "mobile": ["这是脱敏后的手机号码（如 138****8000），请填写完整的 11 位手机号码。"],
        "email": ["这是脱敏后的电子邮箱（如 z***@example.com），请填写完整的电子邮箱。"],
    }


@pytest.mark.parametrize("persona", ["bureau_head", "bureau_admin", "expert_1", "applicant_a", "officer_x", "auditor"])
def test_only_bureau_officers_write_the_pool(personas, persona):
    expert = ExpertFactory()
    actor = personas[persona]
    for attempt in (
        lambda: create_expert(actor=actor, **VALID),
        lambda: update_expert(expert, actor=actor, name="改名"),
        lambda: set_availability(expert, actor=actor, available=False, note="出国"),
        lambda: reveal_contact(expert, actor=actor),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    expert.refresh_from_db()
    assert (expert.name != "改名", expert.available, Expert.objects.count()) == (True, True, 1)


def test_an_update_records_only_the_changed_field_names(personas):
    expert = ExpertFactory(mobile="13800138000", email="old@example.test")
    changed = update_expert(expert, actor=personas["bureau_officer"], mobile="13900139000", email="new@example.test",
                            title="研究员")
    assert changed == ["title", "mobile", "email"]
    event = AuditEvent.objects.get(event="experts.updated")
    assert event.data == {"changed": ["title", "mobile", "email"], "source": "form"}
    assert update_expert(expert, actor=personas["bureau_officer"], title="研究员") == []
    assert AuditEvent.objects.filter(event="experts.updated").count() == 1


def test_no_audit_record_holds_contact_data_in_clear(personas):
    officer = personas["bureau_officer"]
    expert = create_expert(actor=officer, **VALID)
    update_expert(expert, actor=officer, mobile="13900139000", email="changed@example.test")
    reveal_contact(expert, actor=officer)
    dumped = json.dumps([e.data for e in AuditEvent.objects.filter(event__startswith="experts.")], ensure_ascii=False)
    for secret in ("13800138000", "13900139000", "lihua@example.test", "changed@example.test"):
        assert secret not in dumped
    events = list(AuditEvent.objects.filter(event__startswith="experts.").values_list("event", flat=True))
    assert events == ["experts.created", "experts.updated", "experts.contact_viewed"]


def test_revealing_contact_is_audited(personas):
    expert = ExpertFactory(mobile="13800138000", email="e@example.test")
    contact = reveal_contact(expert, actor=personas["bureau_officer"])
    assert (contact.mobile, contact.email) == ("13800138000", "e@example.test")
    event = AuditEvent.objects.get(event="experts.contact_viewed")
    assert (event.actor_label, event.target_id, event.data) == ("bureau_officer", str(expert.pk),
                                                                {"fields": ["email", "mobile"]})


def test_unavailability_needs_a_reason_and_availability_clears_it(personas):
    expert = ExpertFactory()
    officer = personas["bureau_officer"]
    with pytest.raises(ValidationError) as excinfo:
        set_availability(expert, actor=officer, available=False, note="  ")
    assert _errors(excinfo) == {"availability_note": ["不可参加评审时，请填写原因（如：出国、身体原因、本年度回避）。"]}
    set_availability(expert, actor=officer, available=False, note="2026 年出国访学")
    expert.refresh_from_db()
    assert (expert.available, expert.availability_note) == (False, "2026 年出国访学")
    set_availability(expert, actor=officer, available=True, note="已回国")
    expert.refresh_from_db()
    assert (expert.available, expert.availability_note) == (True, "")
    assert [e.data for e in AuditEvent.objects.filter(event="experts.availability_changed")] == [
        {"available": False, "note": "2026 年出国访学"}, {"available": True, "note": ""},
    ]


def test_an_expert_declares_and_withdraws_own_relationships(personas):
    own = ExpertFactory(user=personas["expert_1"])
    code = make_uscc()
    relationship = add_relationship(own, actor=personas["expert_1"], organization_name="甲服务机构有限公司",
                                    organization_uscc=code.lower(), kind="investment", note="持股 5%")
    assert (relationship.organization_uscc, relationship.kind) == (code, "investment")
    remove_relationship(relationship, actor=personas["expert_1"])
    assert not Relationship.objects.exists()
    events = AuditEvent.objects.filter(event__startswith="experts.relationship")
    assert list(events.values_list("event", "actor_label")) == [
        ("experts.relationship_added", "expert_1"), ("experts.relationship_removed", "expert_1"),
    ]


def test_an_expert_cannot_touch_another_experts_relationships(personas):
    ExpertFactory(user=personas["expert_1"])
    other = ExpertFactory(user=personas["expert_2"])
    theirs = Relationship.objects.create(expert=other, organization_name="乙服务机构有限公司", kind="business")
    with pytest.raises(PermissionDenied):
        add_relationship(other, actor=personas["expert_1"], organization_name="丙公司", kind="business")
    with pytest.raises(PermissionDenied):
        remove_relationship(theirs, actor=personas["expert_1"])
    assert list(Relationship.objects.values_list("organization_name", flat=True)) == ["乙服务机构有限公司"]


@pytest.mark.parametrize("persona", ["bureau_head", "applicant_a", "agency"])
def test_other_roles_cannot_declare_relationships(personas, persona):
    with pytest.raises(PermissionDenied):
        add_relationship(ExpertFactory(), actor=personas[persona], organization_name="丙公司", kind="business")


def test_relationship_fields_are_checked_and_duplicates_refused(personas):
    expert = ExpertFactory()
    officer = personas["bureau_officer"]
    with pytest.raises(ValidationError) as excinfo:
        add_relationship(expert, actor=officer, organization_name=" ", organization_uscc="123", kind="friend")
    assert _errors(excinfo) == {
        "organization_name": ["请填写单位名称。"],
        "organization_uscc": ["统一社会信用代码应为 18 位，当前为 3 位。"],
        "kind": ["请选择关系类型。"],
    }
    add_relationship(expert, actor=officer, organization_name="甲服务机构 有限公司", kind="business")
    with pytest.raises(ValidationError) as excinfo:
        add_relationship(expert, actor=officer, organization_name="甲服务机构有限公司", kind="business")
    assert _errors(excinfo) == {"organization_name": ["已申报过与该单位的同类关系，无需重复申报。"]}
    add_relationship(expert, actor=officer, organization_name="甲服务机构有限公司", kind="investment")
    assert expert.relationships.count() == 2
