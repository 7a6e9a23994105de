"""The arithmetic of aggregation, outliers and ranking (pure functions)."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shifan.city_review.aggregation import MEAN, TRIMMED_MEAN, aggregate, outliers, rank


def test_mean_rounds_half_up_to_two_decimals():
    assert aggregate([D(80), D(81), D(81)], MEAN) == D("80.67")
    assert aggregate([D("80.5"), D("80.6")], MEAN) == D("80.55")


def test_trimmed_mean_drops_one_highest_and_one_lowest():
    assert aggregate([D(60), D(80), D(82), D(84), D(99)], TRIMMED_MEAN) == D("82.00")
    assert aggregate([D(90), D(90), D(70), D(70)], TRIMMED_MEAN) == D("80.00")  # one of each tie only


def test_trimmed_mean_of_fewer_than_three_is_the_mean():
    assert aggregate([D(70), D(90)], TRIMMED_MEAN) == D("80.00")
    assert aggregate([D(77)], TRIMMED_MEAN) == D("77.00")


def test_no_scores_no_aggregate_and_an_unknown_method_is_an_error():
    assert aggregate([], MEAN) is None
    with pytest.raises(ValueError):
        aggregate([D(1)], "median")


def test_an_expert_far_from_the_rest_is_flagged_at_the_threshold_inclusive():
    totals = {"a": D(80), "b": D(82), "c": D(78), "d": D(95)}
    assert outliers(totals, D(15)) == {"d"}  # 95 - mean(80, 82, 78) = 15
    assert outliers(totals, D("15.1")) == set()


def test_a_single_score_is_never_an_outlier():
    assert outliers({"a": D(10)}, D(1)) == set()


def test_ranking_is_competition_ranking_highest_first():
    assert rank({"a": D(90), "b": D(85), "c": D(90), "d": D(70), "e": None}) == {"a": 1, "c": 1, "b": 3, "d": 4}


scores = st.lists(st.decimals(min_value=0, max_value=100, places=1), min_size=1, max_size=9)


@given(scores)
def test_any_aggregate_lies_between_the_lowest_and_highest_total(totals):
    for method in (MEAN, TRIMMED_MEAN):
        assert min(totals) - D("0.01") <= aggregate(totals, method) <= max(totals) + D("0.01")


@given(scores)
def test_the_order_of_the_totals_does_not_matter(totals):
    assert aggregate(totals, TRIMMED_MEAN) == aggregate(list(reversed(totals)), TRIMMED_MEAN)
