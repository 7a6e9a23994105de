"""Results of a batch (scores in, aggregates, flags, ranks), groups and closing the review."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shifan.applications.enums import Status
from shifan.applications.models import StatusChange
from shifan.city_review.domain.groups import assign, complete_group, create_group
from shifan.city_review.domain.progress import results_for, review_problems
from shifan.city_review.domain.setup import IndicatorRow, indicators_for, replace_indicators, save_settings
from shifan.city_review.models import PanelSeat, Score
from shifan.notifications.models import Notification
from tests.factories import ApplicationFactory, OrganizationFactory
from tests.review_factories import agency_report, make_expert, make_group, put_in_group, seat_expert, submit_score

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(batch, officer):
    """An expert group of five with two applications in review."""
    group = make_group(batch, actor=officer, panel_size=5)
    apps = [ApplicationFactory(batch=batch, status=Status.IN_REVIEW, platform_name=n) for n in ("甲平台", "乙平台")]
    for application in apps:
        put_in_group(application, group, officer)
    seats = [seat_expert(group, make_expert(), actor=officer) for _ in range(5)]
    return group, apps, seats


def _score_all(group, application, seats, totals):
    for seat, total in zip(seats, totals, strict=True):
        submit_score(application, group=group, scorer=seat.expert.user, seat=seat, points=D(total))


def test_trimmed_mean_outlier_flag_and_rank_over_the_batch(panel, batch, officer):
    group, (first, second), seats = panel
    _score_all(group, first, seats, [80, 82, 84, 86, 40])  # 40 is 43 below the others
    _score_all(group, second, seats, [90, 91, 92, 93, 94])
    results = results_for(batch)
    assert [(r.application.platform_name, r.aggregate, r.rank) for r in results] == [
        ("乙平台", D("92.00"), 1), ("甲平台", D("82.00"), 2)]
    assert [line.flagged for line in results[1].sheets] == [False, False, False, False, True]
    save_settings(batch, actor=officer, aggregation="mean")
    assert [r.aggregate for r in results_for(batch)] == [D("92.00"), D("74.40")]


def test_an_incomplete_panel_has_no_aggregate_and_says_what_is_missing(panel, batch):
    group, (first, _), seats = panel
    _score_all(group, first, seats[:3], [80, 80, 80])
    result = next(r for r in results_for(batch) if r.application == first)
    assert (result.complete, result.aggregate, result.rank) == (False, None, None)
    assert review_problems(first) == ["专家评分尚未完成：已提交 3 / 5 份。"]


def test_a_sheet_stops_counting_when_its_expert_leaves_the_panel(panel, batch):
    group, (first, _), seats = panel
    _score_all(group, first, seats, [80, 80, 80, 80, 80])
    PanelSeat.objects.filter(pk=seats[0].pk).update(state=PanelSeat.State.CONFLICTED)
    assert review_problems(first) == ["专家评分尚未完成：已提交 4 / 5 份。"]


def test_complete_group_closes_only_the_complete_applications(panel, officer):
    group, (first, second), seats = panel
    _score_all(group, first, seats, [80, 80, 80, 80, 80])
    moved, waiting = complete_group(group, actor=officer)
    assert [a.pk for a in moved] == [first.pk]
    assert waiting == {"乙平台": ["专家评分尚未完成：已提交 0 / 5 份。"]}
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.REVIEWED, Status.IN_REVIEW)


def test_an_agency_review_needs_its_score_and_its_report(batch, officer, agency_org, personas):
    group = make_group(batch, actor=officer, mode="agency", agency=agency_org)
    application = ApplicationFactory(batch=batch, status=Status.IN_REVIEW)
    put_in_group(application, group, officer)
    assert review_problems(application) == ["第三方评审机构尚未提交评分。", "第三方评审机构尚未上传评审报告。"]
    submit_score(application, group=group, scorer=personas["agency"], points=D(75))
    agency_report(group, personas["agency"])
    assert review_problems(application) == []
    assert results_for(batch)[0].aggregate == D("75.00")


def test_assigning_moves_accepted_applications_into_review_and_tells_the_agency(batch, officer, personas,
                                                                              agency_org):
    group = create_group(batch, actor=officer, name="机构组", mode="agency", agency=agency_org)
    accepted = ApplicationFactory(batch=batch, status=Status.ACCEPTED)
    assign(group, [accepted], actor=officer)
    accepted.refresh_from_db()
    assert accepted.status == Status.IN_REVIEW
    assert StatusChange.objects.get(application=accepted).action == "start_review"
    assert Notification.objects.get(event="review.agency_assigned").recipient == personas["agency"]


def test_assigning_refuses_what_does_not_belong(batch, officer, agency_org):
    group = create_group(batch, actor=officer, name="机构组", mode="agency", agency=agency_org)
    own = ApplicationFactory(batch=batch, organization=agency_org, status=Status.ACCEPTED, platform_name="机构自己")
    with pytest.raises(ValidationError, match="「机构自己」是该评审机构自己的申报，须回避"):
        assign(group, [own], actor=officer)
    submitted = ApplicationFactory(batch=batch, status=Status.SUBMITTED, platform_name="未受理")
    with pytest.raises(ValidationError, match="「未受理」不是本批次已受理、待评审的申报"):
        assign(group, [submitted], actor=officer)


def test_creating_a_group_checks_its_settings(batch, officer, personas):
    with pytest.raises(ValidationError) as error:
        create_group(batch, actor=officer, name="甲", mode="agency", agency=OrganizationFactory())
    assert error.value.message_dict == {"agency": ["请选择一家已开通账号的第三方评审机构。"]}
    with pytest.raises(ValidationError) as error:
        create_group(batch, actor=officer, name="乙", mode="experts", specialties=["cooking"])
    assert error.value.message_dict == {"specialties": ["未知的服务功能：cooking。"]}
    with pytest.raises(PermissionDenied):
        create_group(batch, actor=personas["bureau_head"], name="丙", mode="experts")


def test_the_score_sheet_can_change_until_scoring_starts(panel, batch, officer):
    rows = [IndicatorRow("综合", "综合评价", D(100))]
    replace_indicators(batch, rows, actor=officer)
    assert [(i.name, i.max_points) for i in batch.score_indicators.all()] == [("综合评价", D(100))]
    group, (first, _), seats = panel
    submit_score(first, group=group, scorer=seats[0].expert.user, seat=seats[0], points=D(50))
    with pytest.raises(ValidationError, match="已有评分记录"):
        replace_indicators(batch, rows, actor=officer)


def test_the_sheet_is_kept_once_scoring_starts_and_forgotten_when_replaced(panel, batch, officer,
                                                                          django_assert_num_queries):
    group, (first, _), seats = panel
    before = indicators_for(batch)
    with django_assert_num_queries(2):  # the sheet, and whether anyone has scored: still open to change
        assert [i.pk for i in indicators_for(batch)] == [i.pk for i in before]
    submit_score(first, group=group, scorer=seats[0].expert.user, seat=seats[0], points=D(50))
    indicators_for(batch)
    with django_assert_num_queries(0):
        assert [i.pk for i in indicators_for(batch)] == [i.pk for i in before]
    # Were the scores ever gone, the sheet could change again: replacing it forgets the kept one.
    Score.objects.filter(group__batch=batch).delete()
    replace_indicators(batch, [IndicatorRow("综合", "综合评价", D(100))], actor=officer)
    assert [(i.name, i.max_points) for i in indicators_for(batch)] == [("综合评价", D(100))]


def _queries_for_results(batch) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fresh = type(batch).objects.get(pk=batch.pk)  # nothing cached on the instance
    with CaptureQueriesContext(connection) as captured:
        results_for(fresh)
    return len(captured.captured_queries)


def test_the_results_take_the_same_number_of_queries_for_two_or_twenty_applications(panel, batch, officer):
    group, apps, seats = panel
    for application in apps:
        _score_all(group, application, seats, [80, 81, 82, 83, 84])
    small = _queries_for_results(batch)
    for n in range(18):
        application = ApplicationFactory(batch=batch, status=Status.IN_REVIEW, platform_name=f"平台{n}")
        put_in_group(application, group, officer)
        _score_all(group, application, seats, [70, 71, 72, 73, 74])
    assert _queries_for_results(batch) == small
