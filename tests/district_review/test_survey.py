"""The district's survey sample: reproducible, at least the policy's size, redraws recorded."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shifan.applications.enums import Status
from shifan.applications.models import ServedEnterprise
from shifan.audit.models import AuditEvent
from shifan.district_review.domain import (
    draw_survey_sample,
    recommendation_problems,
    record_response,
    replay,
    save_review,
    survey_summary,
)
from shifan.district_review.models import DistrictReview, SurveyDraw
from shifan.district_review.sampling import draw
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    ServedEnterprise.objects.bulk_create(
        [ServedEnterprise(application=application, name=f"企业{i}", satisfied=i % 20 != 0, seq=i + 1,
                          mobile=f"139{i:08d}") for i in range(120)]
    )
    return application


def answer(satisfied=True) -> dict:
    return {"method": 2, "interviewee": "王经理", "position": "总经理", "mobile": "13900000000",
            "service": "政策咨询", "satisfied": satisfied}


def test_the_draw_takes_the_policys_twelve_and_can_be_replayed(submitted, personas):
    survey_draw = draw_survey_sample(submitted, actor=personas["officer_x"])
    assert (survey_draw.sample_size, survey_draw.population, len(set(survey_draw.sample_ids))) == (12, 120, 12)
    assert draw(tuple(ServedEnterprise.objects.order_by("seq").values_list("id", flat=True)),
                survey_draw.seed, 12) == survey_draw.sample_ids
    assert replay(survey_draw) == (True, "按记录的随机种子和名单指纹复算，抽样结果一致。")
    event = AuditEvent.objects.get(event="district.sample_drawn")
    assert (event.data["seed"], event.data["sample"]) == (survey_draw.seed, survey_draw.sample_ids)


def test_a_changed_list_makes_the_draw_unverifiable(submitted, personas):
    survey_draw = draw_survey_sample(submitted, actor=personas["officer_x"])
    ServedEnterprise.objects.filter(application=submitted, seq=1).update(name="改名企业")
    assert replay(survey_draw) == (False, "附件5名单在抽样后已发生变化，无法复核；请重新抽取。")


def test_fewer_than_the_policy_size_is_refused_and_a_redraw_needs_a_reason(submitted, personas):
    officer = personas["officer_x"]
    with pytest.raises(ValidationError) as small:
        draw_survey_sample(submitted, actor=officer, sample_size=11)
    assert small.value.messages == ["抽取数量不能少于 12 家（附件1：随机抽取服务企业名单 12 家以上）。"]
    first = draw_survey_sample(submitted, actor=officer, sample_size=15)
    with pytest.raises(ValidationError):
        draw_survey_sample(submitted, actor=officer)
    second = draw_survey_sample(submitted, actor=officer, reason="部分企业联系不上")
    assert SurveyDraw.objects.get(pk=first.pk).superseded_at is not None
    assert (second.reason, second.sample_size) == ("部分企业联系不上", 12)
    assert AuditEvent.objects.filter(event="district.sample_redrawn").count() == 1


def test_only_the_officer_of_the_jurisdiction_draws(submitted, personas):
    for outsider in ("officer_y", "applicant_a", "bureau_officer"):
        with pytest.raises(PermissionDenied):
            draw_survey_sample(submitted, actor=personas[outsider])
    assert not SurveyDraw.objects.exists()


def test_responses_fill_the_summary_and_a_large_gap_is_flagged(submitted, personas):
    officer = personas["officer_x"]
    survey_draw = draw_survey_sample(submitted, actor=officer)
    drawn = ServedEnterprise.objects.in_bulk(survey_draw.sample_ids)
    for index, enterprise_id in enumerate(survey_draw.sample_ids):
        record_response(survey_draw, drawn[enterprise_id], actor=officer, **answer(satisfied=index >= 4))
    summary = survey_summary(submitted)
    assert (summary.drawn, summary.recorded, summary.satisfied, str(summary.sample_satisfaction)) == (12, 12, 8, "66.7")
    assert str(summary.declared_satisfaction) == "95.0"
    assert summary.gap_warning is True
    assert summary.complete is True


def test_an_enterprise_outside_the_sample_cannot_be_recorded(submitted, personas):
    survey_draw = draw_survey_sample(submitted, actor=personas["officer_x"])
    outside = ServedEnterprise.objects.exclude(pk__in=survey_draw.sample_ids).first()
    with pytest.raises(ValidationError) as error:
        record_response(survey_draw, outside, actor=personas["officer_x"], **answer())
    assert error.value.messages == ["该企业不在本次抽样名单中。"]


def test_recommendation_needs_the_uscc_check_a_complete_survey_and_an_opinion(submitted, personas):
    officer = personas["officer_x"]
    assert recommendation_problems(submitted) == [
        "尚未记录统一社会信用代码证的查验日期和结果。",
        "尚未抽取测评企业（须随机抽取 12 家以上）。",
        "尚未填写推荐意见。",
    ]
    save_review(submitted, actor=officer, uscc_checked_on=date(2026, 11, 20),
                uscc_check=DistrictReview.UsccCheck.MATCHES, opinion="同意推荐。")
    survey_draw = draw_survey_sample(submitted, actor=officer)
    first = ServedEnterprise.objects.get(pk=survey_draw.sample_ids[0])
    record_response(survey_draw, first, actor=officer, **answer())
    assert recommendation_problems(submitted) == ["测评尚未完成：已记录 1 / 12 家。"]
    for enterprise in ServedEnterprise.objects.filter(pk__in=survey_draw.sample_ids[1:]):
        record_response(survey_draw, enterprise, actor=officer, **answer())
    assert recommendation_problems(submitted) == []
