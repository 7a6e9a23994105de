"""One pass through the city review's domain, from the draw to the approved list."""

from decimal import Decimal

import pytest

from shifan.applications.enums import Status
from shifan.city_review.domain import proposals
from shifan.city_review.domain.draws import draw_experts, replay
from shifan.city_review.domain.groups import complete_group
from shifan.city_review.domain.panel import declare, respond
from shifan.city_review.domain.scoring import Entry, save_sheet
from shifan.city_review.domain.setup import indicators_for

pytestmark = pytest.mark.django_db


def test_draw_score_complete_propose_approve(group, app_a, officer, head, expert_of):
    expert = expert_of("expert_1")
    draw = draw_experts(group, actor=officer)
    assert draw.result == [expert.pk]
    assert replay(draw) == (True, "按记录的随机种子和候选名单复算，抽取结果一致，且与审计日志相符。")
    seat = draw.seats.get()
    respond(seat, actor=expert.user, accept=True)
    declare(seat, actor=expert.user, conflict=False)
    entries = {i.pk: Entry(str(i.max_points)) for i in indicators_for(group.batch)}
    score = save_sheet(app_a, actor=expert.user, entries=entries, submit=True)
    assert score.total == Decimal(100)
    moved, waiting = complete_group(group, actor=officer)
    assert [a.pk for a in moved] == [app_a.pk] and waiting == {}
    plist = proposals.prepare(group.batch, actor=officer)
    assert list(plist.entries.values_list("selected", "score")) == [(True, Decimal("100.00"))]
    proposals.submit(plist, actor=officer)
    proposals.approve(plist, actor=head)
    app_a.refresh_from_db()
    assert app_a.status == Status.PROPOSED
