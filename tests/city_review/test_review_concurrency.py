"""Races of the city review on PostgreSQL (SQLite serialises writers and would hide them)."""

import threading

import pytest
from django.db import connection

from shifan.audit.verify import verify_chain
from shifan.city_review.domain.draws import draw_experts
from shifan.city_review.domain.panel import respond
from shifan.city_review.models import ExpertDraw, PanelSeat, ReviewGroup
from tests.review_factories import make_expert, make_group, put_in_group

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("race tests need PostgreSQL: set DATABASE_URL (CI runs them)")


def _race(calls) -> list[object]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index: int, call) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.parametrize("attempt", range(5))
def test_two_experts_declining_at_once_promote_two_different_backups(attempt, batch, personas, app_a):
    officer = personas["bureau_officer"]
    for _ in range(5):
        make_expert()
    group = make_group(batch, actor=officer, panel_size=2, backup_count=3)
    put_in_group(app_a, group, officer)
    draw = draw_experts(group, actor=officer)
    first, second = draw.seats.filter(position__in=(1, 2)).select_related("expert__user")
    outcomes = _race([
        lambda: respond(PanelSeat.objects.get(pk=first.pk), actor=first.expert.user, accept=False, reason="出差"),
        lambda: respond(PanelSeat.objects.get(pk=second.pk), actor=second.expert.user, accept=False, reason="生病"),
    ])
    assert [type(o).__name__ for o in outcomes] == ["PanelSeat", "PanelSeat"], outcomes
    assert dict(draw.seats.values_list("position", "state")) == {
        1: "declined", 2: "declined", 3: "invited", 4: "invited", 5: "waiting"}
    assert verify_chain().ok


@pytest.mark.parametrize("attempt", range(5))
def test_two_officers_drawing_at_once_make_one_draw(attempt, batch, personas, app_a):
    officer = personas["bureau_officer"]
    for _ in range(4):
        make_expert()
    group = make_group(batch, actor=officer, panel_size=2, backup_count=1)
    put_in_group(app_a, group, officer)
    outcomes = _race([
        lambda: draw_experts(ReviewGroup.objects.get(pk=group.pk), actor=officer),
        lambda: draw_experts(ReviewGroup.objects.get(pk=group.pk), actor=officer),
    ])
    assert sorted(type(o).__name__ for o in outcomes) == ["ExpertDraw", "ValidationError"]
    assert ExpertDraw.objects.filter(group=group).count() == 1
    assert PanelSeat.objects.filter(draw__group=group, state="invited").count() == 2
