"""Every number of the dashboard equals a count taken independently here, with plain ORM queries."""

from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Q
from django.utils import timezone

from shifan.applications.domain.content import mark_rows_changed
from shifan.applications.dossier_io import evaluate_application
from shifan.applications.enums import Status
from shifan.applications.models import Application, ApplicationProfile
from shifan.city_review.models import GroupMember, PanelSeat, Score
from shifan.policies.codes import ServiceFunction
from shifan.tracking.models import TrackingReport
from shifan.workspace.application_pages import CONDITIONS
from shifan.workspace.dashboard import BatchDashboard, rate
from tests.dashboard.helpers import build_dashboard_batch, build_tracking_rounds

pytestmark = pytest.mark.django_db

S = Status
# The statuses from which an application has certainly passed each stage, written out again here.
PASSED = {
    "submitted": [S.SUBMITTED, S.RETURNED, S.DISTRICT_DECLINED, S.RECOMMENDED, S.SENT_BACK, S.ACCEPTED,
                  S.IN_REVIEW, S.REVIEWED, S.PROPOSED, S.NOT_PROPOSED, S.IN_PUBLICITY, S.RECOGNISED],
    "recommended": [S.RECOMMENDED, S.SENT_BACK, S.ACCEPTED, S.IN_REVIEW, S.REVIEWED, S.PROPOSED, S.NOT_PROPOSED,
                    S.IN_PUBLICITY, S.RECOGNISED],
    "reviewed": [S.REVIEWED, S.PROPOSED, S.NOT_PROPOSED, S.IN_PUBLICITY, S.RECOGNISED],
    "proposed": [S.PROPOSED, S.IN_PUBLICITY, S.RECOGNISED],
    "recognised": [S.RECOGNISED],
}
STAGES = list(PASSED)


@pytest.fixture
def world(personas, batch, district_x, district_y):
    return build_dashboard_batch(personas, batch, district_x, district_y)


@pytest.fixture
def board(personas, batch, world):
    return BatchDashboard(batch, personas["bureau_officer"])


def ever(queryset, stage):
    """Applications of the queryset that are, or once were, at or past the stage."""
    return queryset.filter(Q(status__in=PASSED[stage]) | Q(status_changes__to_status__in=PASSED[stage])).distinct()


def test_funnel_counts_every_application_that_ever_reached_each_stage(board, batch):
    in_batch = Application.objects.filter(batch=batch)
    expected = [{"stage": label, "count": ever(in_batch, stage).count()}
                for stage, label in zip(STAGES, ("已提交", "县区已推荐", "评审完成", "拟认定", "已认定"), strict=True)]
    assert board.funnel.rows == expected
    # And by hand: drafts are not counted; withdrawn and removed ones count up to where they got.
    assert [row["count"] for row in board.funnel.rows] == [8, 6, 4, 2, 1]
    assert board.funnel.data() == {"title": "申报进度漏斗", "kind": "funnel",
                                   "categories": ["已提交", "县区已推荐", "评审完成", "拟认定", "已认定"],
                                   "series": [{"name": "申报数", "data": [8, 6, 4, 2, 1]}]}


def test_districts_count_each_jurisdiction_with_a_submitted_application(board, batch, district_x, district_y):
    expected = []
    for district in (district_x, district_y):
        in_district = Application.objects.filter(batch=batch, jurisdiction=district)
        expected.append({"district": district.name, **{s: ever(in_district, s).count() for s in STAGES}})
    assert board.districts.rows == expected
    assert [list(row.values())[1:] for row in board.districts.rows] == [[3, 2, 0, 0, 0], [5, 4, 4, 2, 1]]
    assert "青山湖区" not in board.districts.data()["categories"]  # a draft only


def test_functions_count_each_declared_function_once_per_application(board, batch):
    rows = {row["function"]: row for row in board.functions.rows}
    assert list(rows) == [label for _, label in ServiceFunction.choices]
    for code, label in ServiceFunction.choices:
        holders = [p.application_id for p in ApplicationProfile.objects.filter(application__batch=batch)
                   if code in p.service_functions]
        declared = Application.objects.filter(pk__in=holders)
        assert rows[label] == {"function": label, **{s: ever(declared, s).count() for s in STAGES}}
    assert list(rows["技术服务"].values())[1:] == [3, 2, 1, 1, 1]
    assert list(rows["培训服务"].values())[1:] == [2, 1, 0, 0, 0]  # "training" twice in one profile: once
    assert list(rows["融资服务"].values())[1:] == [3, 3, 3, 2, 1]
    assert list(rows["市场开拓服务"].values())[1:] == [1, 1, 1, 1, 0]
    assert list(rows["信息查询"].values())[1:] == [0, 0, 0, 0, 0]


def test_conditions_count_the_engine_results_of_every_submitted_application(board, batch):
    submitted = ever(Application.objects.filter(batch=batch), "submitted")
    assert submitted.count() == 8
    tally = {code: Counter() for code in CONDITIONS}
    for application in submitted:
        for result in evaluate_application(application).conditions:
            tally[result.code][result.status] += 1
    expected = [{"condition": CONDITIONS[code][0], "passed": t["pass"], "failed": t["fail"], "review": t["review"],
                 "pass_rate": rate(t["pass"], 8), "fail_rate": rate(t["fail"], 8)} for code, t in tally.items()]
    assert board.conditions.rows == expected
    rows = {row["condition"]: row for row in board.conditions.rows}
    assert rows["独立法人资格"]["passed"] == 8 and rows["独立法人资格"]["pass_rate"] == Decimal("100.0")
    assert rows["服务管理制度"]["review"] == 8
    # Only x_submitted has its total assets filled in (800 万元): one of eight passes.
    assert (rows["资产总额"]["passed"], rows["资产总额"]["failed"]) == (1, 7)
    assert (rows["资产总额"]["pass_rate"], rows["资产总额"]["fail_rate"]) == (Decimal("12.5"), Decimal("87.5"))


def test_rates_round_half_up_to_one_decimal_and_are_empty_without_applications():
    assert rate(2, 3) == Decimal("66.7")
    assert rate(1, 8) == Decimal("12.5")
    assert rate(0, 0) is None


def test_expert_workload_counts_accepted_seats_assigned_applications_and_submitted_sheets(board, batch, world):
    seats = PanelSeat.objects.filter(draw__group__batch=batch, draw__superseded_at__isnull=True, state="accepted")
    expected = {}
    for seat in seats.select_related("expert", "draw"):
        expected[seat.expert.name] = {
            "expert": seat.expert.name,
            "seats": seats.filter(expert=seat.expert).count(),
            "assigned": GroupMember.objects.filter(group=seat.draw.group_id).count(),
            "submitted": Score.objects.filter(seat__expert=seat.expert, group__batch=batch, state="submitted").count(),
        }
    got = {row["expert"]: row for row in board.experts.rows}
    assert got == expected
    assert got["甲专家"] == {"expert": "甲专家", "seats": 1, "assigned": 3, "submitted": 2}  # a draft is not counted
    assert got["乙专家"] == {"expert": "乙专家", "seats": 1, "assigned": 3, "submitted": 0}
    assert got[world["reviewer"].name] == {"expert": world["reviewer"].name, "seats": 1, "assigned": 1, "submitted": 1}
    assert world["declined"].name not in got and world["replaced"].name not in got
    assert len(board.experts.rows) == 3


def test_the_charts_read_a_bounded_number_of_queries(personas, batch, world, django_assert_max_num_queries):
    board = BatchDashboard(batch, personas["bureau_officer"])
    with django_assert_max_num_queries(4):
        assert [board.funnel.code, board.districts.code, board.functions.code] == ["funnel", "districts", "functions"]
    with django_assert_max_num_queries(3):
        assert len(board.experts.rows) == 3
    with django_assert_max_num_queries(1 + 7 * 8):  # about six per evaluated application
        assert len(board.conditions.rows) == len(CONDITIONS)


def test_the_conditions_are_kept_until_one_of_their_applications_changes(personas, batch, world,
                                                                        django_assert_num_queries):
    officer = personas["bureau_officer"]
    first = BatchDashboard(batch, officer).conditions.rows
    board = BatchDashboard(batch, officer)
    assert len(board.submitted_ids) == 8  # a query of its own, which the funnel shares
    with django_assert_num_queries(1):  # what the evaluations depend on; nothing evaluated again
        assert board.conditions.rows == first
    # x_recommended's total assets are filled in by a row writer, which stamps the application.
    changed = world["apps"]["x_recommended"]
    ApplicationProfile.objects.filter(application=changed).update(total_assets=Decimal("900"))
    mark_rows_changed(changed)
    rows = {row["condition"]: row for row in BatchDashboard(batch, officer).conditions.rows}
    assert (rows["资产总额"]["passed"], rows["资产总额"]["failed"]) == (2, 6)


def test_an_earlier_batch_counts_only_its_own_applications(personas, world):
    board = BatchDashboard(world["earlier"], personas["bureau_officer"])
    assert [row["count"] for row in board.funnel.rows] == [1, 1, 1, 1, 1]
    assert board.experts.rows == []  # its only seat is on a superseded draw


def test_tracking_counts_the_latest_rounds_reports(personas, batch):
    rounds = build_tracking_rounds(personas)
    reports = TrackingReport.objects.filter(round=rounds["latest"])
    submitted = reports.filter(state="submitted")
    expected = [reports.count(), submitted.count(),
                reports.filter(state="draft", round__due_on__lt=timezone.localdate()).count(),
                submitted.filter(eligible=True).count(), submitted.filter(eligible=False).count()]
    chart = BatchDashboard(batch, personas["bureau_head"]).tracking
    assert chart.rows == [{"item": item, "count": n} for item, n in zip(
        ("应报送", "已提交", "逾期未提交", "符合基本条件", "不符合基本条件"), expected, strict=True)]
    assert expected == [3, 2, 1, 1, 1]  # the older round's failing report is not counted
    assert "最近一轮“{}”".format(rounds["latest"].title) in chart.notes[0]


def test_tracking_without_a_round_is_empty(personas, batch):
    chart = BatchDashboard(batch, personas["bureau_head"]).tracking
    assert (chart.rows, chart.notes) == ([], ("尚未开启动态跟踪。",))
