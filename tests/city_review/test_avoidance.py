"""Each 回避 rule, proven with an expert who would otherwise be drawn.

The pool holds a clean expert and the expert under test; the group needs one expert with
every other drawn as backup, so an expert that passes the rules is always drawn. Each rule's
expert is excluded with exactly that rule's reason, and drawn once the tie is removed.
"""

import pytest

from shifan.applications.enums import Status
from shifan.city_review.domain.avoidance import normalized
from shifan.city_review.domain.draws import draw_experts
from shifan.city_review.domain.setup import save_settings
from shifan.experts.models import Relationship
from tests.factories import ApplicationFactory, BatchFactory, JurisdictionFactory
from tests.review_factories import make_expert, make_group, put_in_group, seat_expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def clean(db):
    return make_expert(name="无关专家", jurisdiction=JurisdictionFactory(code="360124"))


def _codes(draw, expert) -> list[str]:
    found = [e for e in draw.exclusions if e["id"] == expert.pk]
    return [r["code"] for r in found[0]["reasons"]] if found else []


def _drawn_and_excluded(group, officer, expert):
    draw = draw_experts(group, actor=officer)
    return expert.pk in draw.result, _codes(draw, expert)


def test_an_expert_employed_by_the_applicant_is_excluded_by_uscc_or_by_name(group, officer, clean, org_a):
    by_uscc = make_expert(employer_name="另一个名字", employer_uscc=org_a.uscc)
    by_name = make_expert(employer_name=f" {org_a.name.replace('有限公司', '有限 公司')} ")
    draw = draw_experts(group, actor=officer)
    assert draw.result == [clean.pk]
    assert _codes(draw, by_uscc) == ["employer_is_applicant"]
    assert _codes(draw, by_name) == ["employer_is_applicant"]


def test_an_expert_employed_by_a_partner_listed_in_the_application_is_excluded(group, officer, clean):
    expert = make_expert(employer_name="南昌大学科技园")
    assert _drawn_and_excluded(group, officer, expert) == (False, ["employer_is_partner"])


def test_an_expert_employed_by_an_investor_listed_in_the_application_is_excluded(group, officer, clean):
    expert = make_expert(employer_name="江西某投资集团有限公司")
    assert _drawn_and_excluded(group, officer, expert) == (False, ["employer_is_investor"])


def test_full_width_brackets_and_spaces_do_not_hide_a_tie():
    assert normalized("江西（南昌）某 公司") == normalized("江西(南昌)某公司")


def test_a_declared_relationship_excludes_the_expert(group, officer, clean, org_a):
    expert = make_expert()
    Relationship.objects.create(expert=expert, organization_name=org_a.name, kind=Relationship.Kind.BUSINESS)
    assert _drawn_and_excluded(group, officer, expert) == (False, ["declared_relationship"])


def test_a_relationship_with_another_organisation_does_not(group, officer, clean):
    expert = make_expert()
    Relationship.objects.create(expert=expert, organization_name="无关单位", kind=Relationship.Kind.BUSINESS)
    assert _drawn_and_excluded(group, officer, expert) == (True, [])


def test_the_same_jurisdiction_excludes_only_while_the_batch_setting_is_on(group, officer, clean, app_a):
    expert = make_expert(jurisdiction=app_a.jurisdiction)
    assert _drawn_and_excluded(group, officer, expert) == (False, ["same_jurisdiction"])
    save_settings(group.batch, actor=officer, avoid_same_jurisdiction=False)
    again = draw_experts(group, actor=officer, reason="关闭同辖区回避后重新抽取")
    assert expert.pk in again.result and "same_jurisdiction" not in again.rules


def test_a_reviewer_of_the_same_applicant_in_the_previous_batch_is_excluded(group, officer, clean, org_a, batch):
    expert = make_expert()
    earlier = BatchFactory(year=batch.year - 1, state="closed")
    last_year = ApplicationFactory(organization=org_a, batch=earlier, status=Status.RECOGNISED)
    old_group = make_group(earlier, actor=officer)
    put_in_group(last_year, old_group, officer)
    seat_expert(old_group, expert, actor=officer)
    assert _drawn_and_excluded(group, officer, expert) == (False, ["previous_reviewer"])
    save_settings(group.batch, actor=officer, avoid_previous_reviewers=False)
    assert expert.pk in draw_experts(group, actor=officer, reason="关闭上一批次回避后重新抽取").result


def test_reviewing_another_applicant_last_year_does_not_exclude(group, officer, clean, org_b, batch):
    expert = make_expert()
    earlier = BatchFactory(year=batch.year - 1, state="closed")
    other = ApplicationFactory(organization=org_b, batch=earlier, status=Status.RECOGNISED)
    old_group = make_group(earlier, actor=officer)
    put_in_group(other, old_group, officer)
    seat_expert(old_group, expert, actor=officer)
    assert _drawn_and_excluded(group, officer, expert) == (True, [])


def test_unavailable_experts_and_experts_without_an_account_are_excluded(group, officer, clean):
    away = make_expert(available=False, availability_note="出国访学至年底")
    no_account = make_expert(with_account=False)
    draw = draw_experts(group, actor=officer)
    assert draw.result == [clean.pk]
    assert _codes(draw, away) == ["unavailable"]
    assert _codes(draw, no_account) == ["no_account"]
    reasons = next(e for e in draw.exclusions if e["id"] == away.pk)["reasons"]
    assert reasons == [{"code": "unavailable", "label": "不可参加评审", "detail": "出国访学至年底"}]


def test_the_group_s_specialties_keep_out_experts_without_any_of_them(batch, officer, app_a):
    group = make_group(batch, actor=officer, panel_size=1, backup_count=5, specialties=["quality", "financing"])
    put_in_group(app_a, group, officer)
    fits = make_expert(specialties=["financing"])
    other = make_expert(specialties=["training"])
    draw = draw_experts(group, actor=officer)
    assert draw.result == [fits.pk]
    assert _codes(draw, other) == ["specialty"]


def test_an_expert_can_be_excluded_for_several_reasons_at_once(group, officer, clean, org_a, app_a):
    expert = make_expert(employer_uscc=org_a.uscc, jurisdiction=app_a.jurisdiction, available=False)
    assert _drawn_and_excluded(group, officer, expert) == (
        False, ["unavailable", "employer_is_applicant", "same_jurisdiction"]
    )
