import pytest

from shifan.applications.enums import Status
from shifan.applications.models import ServedEnterprise
from shifan.audit.models import AuditEvent
from shifan.district_review.models import DistrictReview, SurveyDraw, SurveyResponse
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED, platform_name="甲平台")
    ServedEnterprise.objects.bulk_create(
        [ServedEnterprise(application=application, name=f"企业{i}", contact=f"联系人{i}", satisfied=True, seq=i,
                          mobile=f"137{i:08d}") for i in range(30)]
    )
    return application


def base(app) -> str:
    return f"/district/applications/{app.pk}/review/"


def test_the_review_page_lists_what_is_missing_before_a_recommendation(client_for, submitted):
    page = client_for("officer_x").get(base(submitted)).content.decode()
    assert "尚未记录统一社会信用代码证的查验日期和结果。" in page
    assert "尚未抽取测评企业（须随机抽取 12 家以上）。" in page
    assert submitted.organization.uscc in page


def test_drawing_shows_the_sample_with_survey_contacts_and_audits_the_clear_read(client_for, submitted):
    client = client_for("officer_x")
    response = client.post(f"{base(submitted)}draw/", {"sample_size": "12"})
    assert response["Location"] == base(submitted)
    survey_draw = SurveyDraw.objects.get()
    page = client.get(base(submitted)).content.decode()
    assert page.count('class="survey-form"') == 12
    first = ServedEnterprise.objects.get(pk=survey_draw.sample_ids[0])
    assert first.mobile in page
    assert survey_draw.seed in page
    assert AuditEvent.objects.filter(event="application.personal_data_viewed").count() == 1


def test_a_sample_below_twelve_is_refused_in_chinese(client_for, submitted):
    response = client_for("officer_x").post(f"{base(submitted)}draw/", {"sample_size": "8"})
    assert response.status_code == 400
    assert "抽取数量不能少于 12 家" in response.content.decode()


def test_recording_a_survey_and_a_bad_mobile(client_for, submitted):
    client = client_for("officer_x")
    client.post(f"{base(submitted)}draw/", {"sample_size": "12"})
    enterprise_id = SurveyDraw.objects.get().sample_ids[0]
    prefix = f"e{enterprise_id}-"
    data = {prefix + "method": "2", prefix + "interviewee": "王经理", prefix + "position": "总经理",
            prefix + "mobile": "139", prefix + "service": "政策咨询", prefix + "satisfied": "on"}
    bad = client.post(f"{base(submitted)}survey/{enterprise_id}/", data)
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "手机号码应为以 1 开头的 11 位数字（可带 +86）。" in page
    assert 'value="王经理"' in page
    good = client.post(f"{base(submitted)}survey/{enterprise_id}/", {**data, prefix + "mobile": "13912345678"})
    assert good["Location"].endswith("#survey")
    response = SurveyResponse.objects.get()
    assert (response.method, response.mobile, response.satisfied) == (2, "13912345678", True)


def test_the_uscc_check_and_assessment_are_saved(client_for, submitted):
    client = client_for("officer_x")
    client.post(f"{base(submitted)}uscc/", {"uscc_checked_on": "2026-11-20", "uscc_check": "matches",
                                            "uscc_check_note": "经国家企业信用信息公示系统查询一致"})
    assessment = {"impact": "带动明显", "exemplarity": "有示范性", "opinion": "同意推荐"}
    client.post(f"{base(submitted)}assessment/", assessment)
    review = DistrictReview.objects.get()
    assert (str(review.uscc_checked_on), review.uscc_check, review.opinion) == ("2026-11-20", "matches", "同意推荐")


def test_internal_notes_never_reach_the_applicant(client_for, submitted):
    client_for("officer_x").post(f"{base(submitted)}notes/", {"text": "电话核实法人身份，待补材料"})
    assert "电话核实法人身份" in client_for("officer_x").get(base(submitted)).content.decode()
    applicant_page = client_for("applicant_a").get(f"/applicant/applications/{submitted.pk}/").content.decode()
    assert "电话核实法人身份" not in applicant_page


def test_recommending_before_the_review_is_done_lists_what_is_missing(client_for, submitted):
    response = client_for("officer_x").post(f"/district/applications/{submitted.pk}/act/", {"action": "recommend"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "尚未记录统一社会信用代码证的查验日期和结果。" in page
    assert "尚未抽取测评企业（须随机抽取 12 家以上）。" in page
    assert "尚未填写推荐意见。" in page
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
