"""Home pages per role and the application pages' main paths, good and bad."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shifan.applications.enums import Status
from shifan.applications.models import Application
from tests.factories import ApplicationFactory
from tests.portal.helpers import CONTACT_MOBILE, CONTACT_NAME, make_recognition

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def app_a(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED, platform_name="甲示范平台")


@pytest.fixture
def app_b(org_b, batch):
    return ApplicationFactory(organization=org_b, batch=batch, status=Status.SUBMITTED, platform_name="乙示范平台")


def test_dispatch_sends_each_role_to_its_home(client_for):
    homes = {
        "applicant_a": "/applicant/", "officer_x": "/district/", "bureau_officer": "/bureau/",
        "bureau_head": "/bureau/", "bureau_admin": "/bureau/system/", "expert_1": "/expert/",
        "agency": "/agency/", "auditor": "/oversight/",
    }
    for persona, home in homes.items():
        assert client_for(persona).get("/home/")["Location"] == home


def test_applicant_home_shows_the_organisation_and_its_application_only(client_for, app_a, app_b, org_a):
    page = text(client_for("applicant_a").get("/applicant/"))
    assert org_a.uscc in page
    assert "企业" in page
    assert "甲示范平台" in page
    assert "乙示范平台" not in page


def test_applicant_starts_a_draft_and_a_blank_name_is_refused_in_chinese(client_for, batch):
    client = client_for("applicant_a")
    bad = client.post("/applicant/applications/start/", {"platform_name": "  "})
    assert bad.status_code == 400
    assert "请填写平台名称。" in text(bad)
    good = client.post("/applicant/applications/start/", {"platform_name": "甲新平台"})
    application = Application.objects.get(platform_name="甲新平台")
    assert good["Location"] == f"/applicant/applications/{application.pk}/"
    assert application.status == Status.DRAFT


def test_a_second_application_in_the_same_batch_is_refused(client_for, app_a, batch):
    response = client_for("applicant_a2").post("/applicant/applications/start/", {"platform_name": "重复平台"})
    assert response.status_code == 400
    assert f"本单位已在「{batch.name}」中有申报，不能重复创建。" in text(response)
    assert Application.objects.filter(organization=app_a.organization).count() == 1


def test_district_inbox_lists_its_own_jurisdiction_only(client_for, app_a, app_b):
    page = text(client_for("officer_x").get("/district/"))
    assert "甲示范平台" in page
    assert "乙示范平台" not in page


def test_district_returns_with_a_reason_and_the_applicant_sees_it(client_for, app_a):
    response = client_for("officer_x").post(
        f"/district/applications/{app_a.pk}/act/", {"action": "return", "reason": "请补充附件5服务企业名单"}
    )
    assert response["Location"] == f"/district/applications/{app_a.pk}/"
    page = text(client_for("applicant_a").get(f"/applicant/applications/{app_a.pk}/"))
    assert "退回修改" in page
    assert "理由：请补充附件5服务企业名单" in page


def test_a_return_without_reason_is_refused_in_chinese(client_for, app_a):
    response = client_for("officer_x").post(f"/district/applications/{app_a.pk}/act/", {"action": "return"})
    assert response.status_code == 400
    assert "「退回修改」须填写理由。" in text(response)
    assert Application.objects.get(pk=app_a.pk).status == Status.SUBMITTED


def test_a_refused_action_keeps_the_reason_the_officer_typed(client_for, app_a, batch):
    batch.district_deadline = timezone.now() - timedelta(hours=1)
    batch.applicant_deadline = batch.district_deadline
    batch.save()
    response = client_for("officer_x").post(
        f"/district/applications/{app_a.pk}/act/", {"action": "decline", "reason": "服务场所面积不足150平方米"}
    )
    assert response.status_code == 400
    page = text(response)
    assert "县区推荐已于" in page
    assert "服务场所面积不足150平方米</textarea>" in page


def test_bureau_list_filters_by_jurisdiction_and_hides_drafts(client_for, app_a, app_b, district_y, batch):
    ApplicationFactory(batch=batch, status=Status.DRAFT, platform_name="丙草稿平台")
    everything = text(client_for("bureau_officer").get("/bureau/applications/"))
    assert ("甲示范平台" in everything, "乙示范平台" in everything, "丙草稿平台" in everything) == (True, True, False)
    filtered = text(client_for("bureau_officer").get(f"/bureau/applications/?jurisdiction={district_y.pk}"))
    assert ("甲示范平台" in filtered, "乙示范平台" in filtered) == (False, True)


def test_bureau_head_home_lists_applications_awaiting_the_decision(client_for, org_a, batch):
    ApplicationFactory(organization=org_a, batch=batch, status=Status.IN_PUBLICITY, platform_name="公示中平台")
    page = text(client_for("bureau_head").get("/bureau/"))
    assert "公示中、待认定决定的申报" in page
    assert "公示中平台" in page


def test_empty_workspaces_say_what_comes_next(client_for):
    assert "暂无评审邀请" in text(client_for("expert_1").get("/expert/"))
    assert "暂无委托评审任务" in text(client_for("agency").get("/agency/"))


def test_portal_shows_recognised_platforms_without_personal_data(client, org_a, batch, personas):
    # The home page lists recognitions (shifan.recognition), not applications in the recognised state.
    make_recognition(batch=batch, officer=personas["bureau_officer"], organization=org_a, platform_name="已认定平台")
    ApplicationFactory(organization=org_a.__class__.objects.create(
        name="未认定单位", uscc="91110108551385082Q", jurisdiction=org_a.jurisdiction), batch=batch,
        status=Status.IN_REVIEW, platform_name="评审中平台")
    page = text(client.get("/"))
    assert "已认定平台" in page
    assert "评审中平台" not in page
    assert personas["applicant_a"].email not in page
    assert CONTACT_NAME not in page and CONTACT_MOBILE not in page


def test_auditor_verifies_the_chain_from_the_page(client_for, app_a):
    response = client_for("auditor").post("/oversight/verify/")
    assert "审计链完整：共校验" in text(response)


def test_pages_are_in_chinese_with_the_language_declared(client):
    page = text(client.get("/"))
    assert '<html lang="zh-CN">' in page
    assert "https://" not in page  # offline: no asset from outside


def test_district_filters_its_list_by_status_and_never_shows_another_jurisdiction(client_for, org_a, org_b, batch):
    ApplicationFactory(organization=org_a, batch=batch, status=Status.RECOMMENDED, platform_name="甲已推荐")
    ApplicationFactory(organization=org_b, batch=batch, status=Status.RECOMMENDED, platform_name="乙已推荐")
    page = text(client_for("officer_x").get("/district/?status=recommended"))
    assert "甲已推荐" in page
    assert "乙已推荐" not in page
    assert 'name="jurisdiction"' not in page
