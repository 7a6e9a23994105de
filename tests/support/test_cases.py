"""典型经验 (第十二条): districts write about their own platforms only; the bureau publishes or declines."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shifan.audit.models import AuditEvent
from shifan.notifications.models import Notification
from shifan.support.domain import decline_case, publish_case, save_case, submit_case
from shifan.support.models import CaseState, TypicalCase
from shifan.support.queries import cases_for_bureau, cases_for_district, published_cases, recognitions_for_district
from tests.recognition_factories import revoke
from tests.support.helpers import BODY, recognised, submitted_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform_x(personas, district_x):
    return recognised(district_x, personas, name="东湖示范平台")


@pytest.fixture
def platform_y(personas, district_y):
    return recognised(district_y, personas, name="红谷滩示范平台")


def test_a_district_officer_writes_and_submits_a_case_about_its_own_platform(platform_x, personas):
    officer = personas["officer_x"]
    case = save_case(platform_x, actor=officer, title=" 服务品牌 ", summary="摘要", body=BODY)
    assert (case.state, case.title, case.jurisdiction_id, case.submitted_by) == (
        CaseState.DRAFT, "服务品牌", platform_x.jurisdiction_id, officer)
    submit_case(case, actor=officer)
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED and case.submitted_at is not None
    assert list(AuditEvent.objects.filter(event__startswith="support.").values_list("event", flat=True)) == [
        "support.case_saved", "support.case_submitted"]
    assert Notification.objects.filter(recipient=personas["bureau_officer"], event="support.case_submitted").exists()


def test_a_case_about_another_districts_platform_is_refused(platform_y, personas):
    with pytest.raises(PermissionDenied, match="只能报送本辖区示范平台的典型经验。"):
        save_case(platform_y, actor=personas["officer_x"], title="标题", summary="摘要", body=BODY)
    assert not TypicalCase.objects.exists()


def test_another_district_cannot_edit_or_submit_a_case(platform_x, personas):
    case = save_case(platform_x, actor=personas["officer_x"], title="标题", summary="摘要", body=BODY)
    with pytest.raises(PermissionDenied, match="只能报送本辖区示范平台的典型经验。"):
        submit_case(case, actor=personas["officer_y"])
    with pytest.raises(PermissionDenied, match="只能报送本辖区示范平台的典型经验。"):
        save_case(platform_x, actor=personas["officer_y"], case=case, title="改", summary="改", body=BODY)
    assert list(cases_for_district(personas["officer_y"])) == []
    assert list(cases_for_district(personas["officer_x"])) == [case]


@pytest.mark.parametrize("name", ["bureau_officer", "applicant_a", "expert_1"])
def test_only_district_officers_write_cases(platform_x, personas, name):
    with pytest.raises(PermissionDenied, match="只有县区主管部门可以撰写和报送典型经验。"):
        save_case(platform_x, actor=personas[name], title="标题", summary="摘要", body=BODY)


def test_a_district_may_pick_only_its_own_unrevoked_platforms(platform_x, platform_y, personas, district_x):
    revoked = recognised(district_x, personas, name="已撤销平台", revoked=True)
    assert list(recognitions_for_district(personas["officer_x"])) == [platform_x]
    with pytest.raises(ValidationError) as caught:
        save_case(revoked, actor=personas["officer_x"], title="标题", summary="摘要", body=BODY)
    assert caught.value.messages == ["该平台的认定已撤销，不能报送或发布其典型经验。"]


@pytest.mark.parametrize(("title", "summary", "body", "errors"), [
    ("", "", "", {"title": ["请填写标题。"], "summary": ["请填写摘要。"], "body": ["请填写正文。"]}),
    ("标" * 201, "摘" * 501, "太短了", {"title": ["标题不能超过200个字。"], "summary": ["摘要不能超过500个字。"],
                                       "body": ["正文过短：请写明平台的做法和成效（至少50个字）。"]}),
])
def test_bad_cases_are_refused_naming_the_fields(platform_x, personas, title, summary, body, errors):
    with pytest.raises(ValidationError) as caught:
        save_case(platform_x, actor=personas["officer_x"], title=title, summary=summary, body=body)
    assert caught.value.message_dict == errors


def test_the_bureau_publishes_a_submitted_case_and_the_author_is_told(platform_x, personas):
    case = submitted_case(platform_x, personas["officer_x"])
    assert list(published_cases()) == []
    publish_case(case, actor=personas["bureau_head"])
    case.refresh_from_db()
    assert (case.state, case.reviewed_by) == (CaseState.PUBLISHED, personas["bureau_head"])
    assert case.published_at is not None
    assert list(published_cases()) == [case]
    assert AuditEvent.objects.filter(event="support.case_published").count() == 1
    assert Notification.objects.filter(recipient=personas["officer_x"], event="support.case_published").exists()
    with pytest.raises(ValidationError, match="该典型经验不在待审核状态。"):
        publish_case(case, actor=personas["bureau_officer"])
    with pytest.raises(ValidationError, match="已报送或已发布的典型经验不能修改。"):
        save_case(platform_x, actor=personas["officer_x"], case=case, title="改", summary="改", body=BODY)


def test_declining_needs_a_reason_and_the_district_may_revise_and_resubmit(platform_x, personas):
    case = submitted_case(platform_x, personas["officer_x"])
    with pytest.raises(ValidationError) as caught:
        decline_case(case, actor=personas["bureau_officer"], reason="  ")
    assert caught.value.message_dict == {"decline_reason": ["不予采用须填写理由。"]}
    decline_case(case, actor=personas["bureau_officer"], reason="成效数据不足")
    case.refresh_from_db()
    assert (case.state, case.decline_reason) == (CaseState.DECLINED, "成效数据不足")
    assert list(published_cases()) == []
    save_case(platform_x, actor=personas["officer_x"], case=case, title="修改后的标题", summary="摘要", body=BODY)
    submit_case(case, actor=personas["officer_x"])
    case.refresh_from_db()
    assert (case.state, case.title) == (CaseState.SUBMITTED, "修改后的标题")


@pytest.mark.parametrize("name", ["officer_x", "applicant_a", "bureau_admin"])
def test_only_bureau_staff_review_cases(platform_x, personas, name):
    case = submitted_case(platform_x, personas["officer_x"])
    with pytest.raises(PermissionDenied, match="只有市局工作人员可以审核典型经验。"):
        publish_case(case, actor=personas[name])
    with pytest.raises(PermissionDenied, match="只有市局工作人员可以审核典型经验。"):
        decline_case(case, actor=personas[name], reason="理由")


def test_drafts_stay_with_the_district_and_the_portal_shows_published_cases_only(platform_x, personas):
    officer = personas["officer_x"]
    draft = save_case(platform_x, actor=officer, title="草稿", summary="摘要", body=BODY)
    waiting = submitted_case(platform_x, officer, title="待审核")
    declined = submitted_case(platform_x, officer, title="未采用")
    decline_case(declined, actor=personas["bureau_officer"], reason="理由")
    published = publish_case(submitted_case(platform_x, officer, title="已发布"), actor=personas["bureau_officer"])
    assert set(cases_for_bureau()) == {waiting, declined, published}
    assert draft not in cases_for_bureau()
    assert list(published_cases()) == [published]
    revoke(platform_x, officer=personas["bureau_officer"], head=personas["bureau_head"])
    assert list(published_cases()) == []  # a revoked platform is no example any more
