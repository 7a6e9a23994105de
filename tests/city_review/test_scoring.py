"""Filling in and submitting a score sheet: every bad value named, read-only once submitted."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shifan.applications.enums import Status
from shifan.audit.models import AuditEvent
from shifan.city_review.domain.scoring import Entry, expert_scoring, save_sheet
from shifan.city_review.domain.setup import indicators_for
from shifan.city_review.models import Score
from tests.review_factories import make_group, put_in_group, seat_expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def seated(group, officer, expert_of):
    return seat_expert(group, expert_of("expert_1"), actor=officer)


@pytest.fixture
def indicators(batch):
    return indicators_for(batch)


def full(indicators, points=None) -> dict:
    return {i.pk: Entry(str(points if points is not None else i.max_points), f"意见{i.seq}") for i in indicators}


def test_the_default_sheet_is_the_regulation_based_table_of_100_points(indicators):
    assert len(indicators) == 14
    assert sum(i.max_points for i in indicators) == Decimal(100)
    assert [i.category for i in indicators][:3] == ["基础条件"] * 3


def test_a_draft_keeps_partial_scores_and_a_submission_totals_them(app_a, personas, seated, indicators):
    expert = personas["expert_1"]
    partial = {indicators[0].pk: Entry("4.5", "资产较好")}
    score = save_sheet(app_a, actor=expert, entries=partial, comment="初评")
    assert (score.state, score.total, score.items.get().points) == ("draft", None, Decimal("4.5"))
    score = save_sheet(app_a, actor=expert, entries=full(indicators), comment="材料完整", submit=True)
    assert (score.state, score.total, score.comment) == ("submitted", Decimal(100), "材料完整")
    assert score.items.count() == 14 and score.submitted_at is not None
    event = AuditEvent.objects.get(event="review.score_submitted")
    assert event.data == {"group": seated.draw.group_id, "seat": seated.pk, "total": "100.0"}


def test_every_bad_value_is_reported_by_indicator_and_nothing_is_saved(app_a, personas, seated, indicators):
    entries = full(indicators)
    entries[indicators[0].pk] = Entry("6")  # max 5
    entries[indicators[1].pk] = Entry("abc")
    entries[indicators[2].pk] = Entry("1.25")
    entries[indicators[3].pk] = Entry("-1")
    entries[indicators[4].pk] = Entry("")
    with pytest.raises(ValidationError) as error:
        save_sheet(app_a, actor=personas["expert_1"], entries=entries, submit=True)
    assert error.value.message_dict == {
        f"points_{indicators[0].pk}": ["「基础条件·运营年限与资产」的得分须在 0 到 5.0 分之间，最多一位小数。"],
        f"points_{indicators[1].pk}": ["「基础条件·场所与设施设备」的得分须是数字。"],
        f"points_{indicators[2].pk}": ["「基础条件·管理制度与收费公示」的得分须在 0 到 5.0 分之间，最多一位小数。"],
        f"points_{indicators[3].pk}": ["「服务团队·专职人数」的得分须在 0 到 5.0 分之间，最多一位小数。"],
        f"points_{indicators[4].pk}": ["「服务团队·大专以上学历或中级以上职称占比」尚未打分。"],
    }
    assert not Score.objects.exists()


def test_a_submitted_sheet_is_read_only(app_a, personas, seated, indicators):
    save_sheet(app_a, actor=personas["expert_1"], entries=full(indicators), submit=True)
    with pytest.raises(ValidationError, match="评分表已提交"):
        save_sheet(app_a, actor=personas["expert_1"], entries=full(indicators, 0))
    assert Score.objects.get().total == Decimal(100)


def test_no_scoring_outside_the_review(app_a, personas, seated, indicators):
    app_a.status = Status.REVIEWED
    app_a.save()
    with pytest.raises(ValidationError, match="不在评审中"):
        save_sheet(app_a, actor=personas["expert_1"], entries=full(indicators))


def test_an_expert_scores_only_with_an_accepted_conflict_free_seat(app_a, personas, group, officer, expert_of,
                                                                 indicators):
    seat_expert(group, expert_of("expert_2"), actor=officer, declared=False)
    for name in ("expert_2", "expert_1", "agency", "bureau_officer", "applicant_a"):
        with pytest.raises(PermissionDenied):
            save_sheet(app_a, actor=personas[name], entries=full(indicators))


def test_the_scoring_page_s_start_matches_the_right_to_score(app_a, personas, group, officer, seated, agency_org):
    application, found_group, seat_id = expert_scoring(personas["expert_1"], app_a.pk)
    assert (application, found_group, seat_id) == (app_a, group, seated.pk)
    assert application.review_membership.group.batch is application.batch  # read once, shared
    assert expert_scoring(personas["expert_2"], app_a.pk) is None  # no seat: not even visible (a 404)
    # A seat left on a group the bureau has since handed to an agency: visible, but not the expert's to score.
    group.mode, group.agency = "agency", agency_org
    group.save()
    with pytest.raises(PermissionDenied):
        expert_scoring(personas["expert_1"], app_a.pk)
    with pytest.raises(PermissionDenied):
        save_sheet(app_a, actor=personas["expert_1"], entries={})


def test_the_agency_scores_the_applications_handed_to_its_organisation_only(batch, officer, personas, agency_org,
                                                                          app_a, indicators, org_b):
    from tests.factories import ApplicationFactory, OrganizationFactory

    agency_group = make_group(batch, actor=officer, mode="agency", agency=agency_org)
    put_in_group(app_a, agency_group, officer)
    score = save_sheet(app_a, actor=personas["agency"], entries=full(indicators, 0), submit=True)
    assert (score.seat, score.total) == (None, Decimal(0))
    other_agency = make_group(batch, actor=officer, mode="agency", agency=OrganizationFactory())
    elsewhere = ApplicationFactory(organization=org_b, batch=batch, status=Status.IN_REVIEW)
    put_in_group(elsewhere, other_agency, officer)
    with pytest.raises(PermissionDenied):
        save_sheet(elsewhere, actor=personas["agency"], entries=full(indicators))
