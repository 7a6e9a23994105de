"""The draw: stored, replayable, verifiable; redraws; invitations and backups."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shifan.audit.models import AuditEvent
from shifan.city_review.domain.draws import draw_experts, pick, replay
from shifan.city_review.domain.panel import declare, respond
from shifan.city_review.models import ExpertDraw, PanelSeat
from shifan.notifications.models import Notification
from tests.review_factories import make_expert, make_group, put_in_group, submit_score

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool(db):
    return [make_expert() for _ in range(6)]


@pytest.fixture
def panel_group(batch, officer, app_a, pool):
    """A group needing 2 experts and 2 backups, from a pool of 6."""
    group = make_group(batch, actor=officer, panel_size=2, backup_count=2)
    put_in_group(app_a, group, officer)
    return group


def test_a_draw_stores_candidates_seed_and_result_and_replays_to_the_same_experts(panel_group, officer, pool):
    draw = draw_experts(panel_group, actor=officer)
    assert [c["id"] for c in draw.candidates] == [e.pk for e in pool]
    assert len(draw.result) == 4 and len(set(draw.result)) == 4 and set(draw.result) <= {e.pk for e in pool}
    assert draw.result == pick([e.pk for e in pool], draw.seed, 4)
    assert replay(draw)[0] is True
    event = AuditEvent.objects.get(event="review.experts_drawn")
    assert (event.data["seed"], event.data["result"], event.data["fingerprint"]) == (
        draw.seed, draw.result, draw.fingerprint)


def test_different_seeds_give_different_orders_over_many_draws(pool):
    orders = {tuple(pick([e.pk for e in pool], f"seed-{n}", 4)) for n in range(30)}
    assert len(orders) > 20


def test_replay_detects_an_edited_result_an_edited_candidate_list_and_a_forged_seed(panel_group, officer):
    draw = draw_experts(panel_group, actor=officer)
    ExpertDraw.objects.filter(pk=draw.pk).update(result=list(reversed(draw.result)))
    assert replay(ExpertDraw.objects.get(pk=draw.pk)) == (False, "抽取记录与审计日志中的记录不一致。")
    ExpertDraw.objects.filter(pk=draw.pk).update(result=draw.result, candidates=draw.candidates[:-1])
    assert replay(ExpertDraw.objects.get(pk=draw.pk)) == (False, "候选名单与记录的指纹不一致，抽取记录可能被改动。")
    ExpertDraw.objects.filter(pk=draw.pk).update(candidates=draw.candidates, seed="f" * 32)
    assert replay(ExpertDraw.objects.get(pk=draw.pk))[0] is False


def test_the_first_experts_are_invited_and_the_backups_wait(panel_group, officer):
    draw = draw_experts(panel_group, actor=officer)
    seats = list(draw.seats.order_by("position"))
    assert [s.state for s in seats] == ["invited", "invited", "waiting", "waiting"]
    assert [s.expert_id for s in seats] == draw.result
    told = set(Notification.objects.filter(event="review.expert_invited").values_list("recipient", flat=True))
    assert told == {seats[0].expert.user_id, seats[1].expert.user_id}


def test_too_few_candidates_refuses_the_draw_and_says_how_many(batch, officer, app_a):
    make_expert()
    group = make_group(batch, actor=officer, panel_size=3)
    put_in_group(app_a, group, officer)
    make_expert(employer_uscc=app_a.organization.uscc)
    with pytest.raises(ValidationError) as error:
        draw_experts(group, actor=officer)
    assert error.value.messages == [
        "符合回避规则的专家只有 1 人，少于本组所需的 3 人（已排除 1 人）。请调整所需专业或专家人数，或补充专家库。"
    ]
    assert not ExpertDraw.objects.exists()


def test_only_bureau_officers_draw(panel_group, personas):
    for name in ("bureau_head", "expert_1", "officer_x", "applicant_a"):
        with pytest.raises(PermissionDenied):
            draw_experts(panel_group, actor=personas[name])


def test_an_empty_group_or_an_agency_group_is_not_drawn_for(batch, officer, agency_org, personas):
    empty = make_group(batch, actor=officer)
    with pytest.raises(ValidationError, match="请先分配申报"):
        draw_experts(empty, actor=officer)
    agency_group = make_group(batch, actor=officer, mode="agency", agency=agency_org)
    with pytest.raises(ValidationError, match="第三方机构评审"):
        draw_experts(agency_group, actor=officer)


def test_a_redraw_needs_a_reason_keeps_the_old_record_and_releases_its_experts(panel_group, officer):
    first = draw_experts(panel_group, actor=officer)
    with pytest.raises(ValidationError, match="重新抽取须填写理由"):
        draw_experts(panel_group, actor=officer, reason="  ")
    second = draw_experts(panel_group, actor=officer, reason="评审时间调整")
    first.refresh_from_db()
    assert first.superseded_at is not None and second.superseded_at is None and second.reason == "评审时间调整"
    assert set(first.seats.values_list("state", flat=True)) == {"released"}
    assert Notification.objects.filter(event="review.expert_released").count() == 2
    assert AuditEvent.objects.get(event="review.experts_redrawn").data["previous"] == first.pk
    assert replay(first)[0] is True  # the superseded draw stays verifiable


def test_no_redraw_once_an_expert_has_submitted_a_score(panel_group, officer, app_a):
    draw = draw_experts(panel_group, actor=officer)
    seat = draw.seats.get(position=1)
    submit_score(app_a, group=panel_group, scorer=seat.expert.user, seat=seat, points=70)
    with pytest.raises(ValidationError, match="已有专家提交评分"):
        draw_experts(panel_group, actor=officer, reason="换人")


def test_a_decline_needs_a_reason_and_promotes_the_next_backup_in_drawn_order(panel_group, officer):
    draw = draw_experts(panel_group, actor=officer)
    first = draw.seats.get(position=1)
    with pytest.raises(ValidationError):
        respond(first, actor=first.expert.user, accept=False, reason="")
    respond(first, actor=first.expert.user, accept=False, reason="出差")
    states = dict(draw.seats.values_list("position", "state"))
    assert states == {1: "declined", 2: "invited", 3: "invited", 4: "waiting"}


def test_a_declared_conflict_also_promotes_a_backup_and_when_none_is_left_the_bureau_is_told(panel_group, officer):
    draw = draw_experts(panel_group, actor=officer)
    for position in (1, 3, 4):  # the last two are the backups, promoted in turn
        seat = draw.seats.get(position=position)
        respond(seat, actor=seat.expert.user, accept=True)
        declare(seat, actor=seat.expert.user, conflict=True, detail="曾为该单位提供咨询")
    assert dict(draw.seats.values_list("position", "state")) == {
        1: "conflicted", 2: "invited", 3: "conflicted", 4: "conflicted"}
    told = Notification.objects.get(event="review.backups_exhausted")
    assert told.recipient == officer and "请重新抽取专家" in told.body


def test_only_the_drawn_expert_answers_and_only_once(panel_group, officer, personas):
    draw = draw_experts(panel_group, actor=officer)
    seat = draw.seats.get(position=1)
    other = draw.seats.get(position=2)
    with pytest.raises(PermissionDenied):
        respond(seat, actor=other.expert.user, accept=True)
    respond(seat, actor=seat.expert.user, accept=True)
    with pytest.raises(ValidationError, match="已答复"):
        respond(seat, actor=seat.expert.user, accept=False, reason="改主意")
    waiting = draw.seats.get(position=3)
    with pytest.raises(ValidationError, match="您目前是备选专家"):
        respond(waiting, actor=waiting.expert.user, accept=True)
    assert PanelSeat.objects.get(pk=waiting.pk).state == "waiting"


def test_a_conflict_needs_details_and_an_expert_declares_once(panel_group, officer):
    draw = draw_experts(panel_group, actor=officer)
    seat = draw.seats.get(position=1)
    with pytest.raises(ValidationError, match="只有已接受邀请"):
        declare(seat, actor=seat.expert.user, conflict=False)
    respond(seat, actor=seat.expert.user, accept=True)
    with pytest.raises(ValidationError):
        declare(seat, actor=seat.expert.user, conflict=True, detail=" ")
    declare(seat, actor=seat.expert.user, conflict=False)
    with pytest.raises(ValidationError, match="只有已接受邀请"):
        declare(seat, actor=seat.expert.user, conflict=True, detail="补充")
