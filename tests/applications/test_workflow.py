"""Every row of the workflow table, every illegal move, the guards and the side effects."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shifan.applications.domain.transitions import available_actions, transition
from shifan.applications.enums import Action, Status
from shifan.applications.errors import (
    IllegalTransition,
    ReasonRequired,
    TransitionBlocked,
    TransitionForbidden,
)
from shifan.applications.models import Application, StatusChange
from shifan.applications.workflow import TRANSITIONS, find
from shifan.audit.models import AuditEvent
from shifan.notifications.models import Notification
from tests.factories import ApplicationFactory, make_recommendable, make_submittable
from tests.recognition_factories import put_on_ended_publicity
from tests.review_factories import make_group, make_reviewed, on_approved_list, put_in_group


def prepare_for(row, application, personas) -> None:
    """Meet the guards a later stage registered for this row (the stages' own tests cover them)."""
    officer, head = personas["bureau_officer"], personas["bureau_head"]
    if row.action == Action.RECOMMEND:
        make_recommendable(application, personas["officer_x"])
    elif row.action == Action.START_REVIEW:
        put_in_group(application, make_group(application.batch, actor=officer), officer)
    elif row.action == Action.COMPLETE_REVIEW:
        make_reviewed(application, actor=officer)
    elif row.action in (Action.PROPOSE, Action.NOT_PROPOSE):
        on_approved_list(application, officer=officer, head=head, selected=row.action == Action.PROPOSE)
    elif row.action in (Action.PUBLISH, Action.RECOGNISE):
        put_on_ended_publicity(application, officer=officer, head=head)

pytestmark = pytest.mark.django_db

ROW_IDS = [f"{t.source}-{t.action}" for t in TRANSITIONS]


@pytest.fixture
def make_application(org_a, batch):
    """An application of org A in a state; one the applicant may edit is complete enough to submit."""

    def make(status: str) -> Application:
        application = ApplicationFactory(organization=org_a, batch=batch, status=status)
        return make_submittable(application) if status in Status.applicant_editable else application

    return make


@pytest.mark.parametrize("row", TRANSITIONS, ids=ROW_IDS)
def test_each_row_moves_the_application_and_records_it(row, make_application, actor_for, audience_members, personas):
    application = make_application(row.source)
    actor = actor_for(row)
    reason = "材料需补充" if row.requires_reason else ""
    prepare_for(row, application, personas)

    transition(application, row.action, actor=actor, reason=reason)

    application.refresh_from_db()
    assert application.status == row.target
    assert application.version == 2
    change = StatusChange.objects.get(application=application)
    assert (change.action, change.from_status, change.to_status, change.actor, change.reason) == (
        row.action, row.source, row.target, actor, reason,
    )
    event = AuditEvent.objects.get(event=row.event, target_id=str(application.pk))
    assert event.actor == actor
    assert event.data == {"from": row.source, "to": row.target, "action": row.action, "reason": reason}
    expected = set().union(*(audience_members[a] for a in row.notify)) if row.notify else set()
    told = set(Notification.objects.filter(event=row.event).values_list("recipient__username", flat=True))
    assert told == expected


@pytest.mark.parametrize("row", TRANSITIONS, ids=ROW_IDS)
def test_each_row_refuses_actors_outside_its_scope(row, make_application, actor_for):
    application = make_application(row.source)
    for outsider in actor_for(row, allowed_actor=False):
        with pytest.raises(TransitionForbidden) as error:
            transition(application, row.action, actor=outsider, reason="理由")
        assert str(error.value) == f"您无权对该申报执行「{Action(row.action).label}」。"
    application.refresh_from_db()
    assert application.status == row.source
    assert not StatusChange.objects.exists()


ILLEGAL = [(s, a) for s in Status.values for a in Action.values if find(s, a) is None]


@pytest.mark.parametrize(("status", "action"), ILLEGAL, ids=[f"{s}-{a}" for s, a in ILLEGAL])
def test_every_move_not_in_the_table_is_refused_with_a_clear_message(status, action, make_application, personas):
    application = make_application(status)
    with pytest.raises(IllegalTransition) as error:
        transition(application, action, actor=personas["bureau_head"], reason="理由")
    assert str(error.value) == f"申报当前状态为「{Status(status).label}」，不能执行「{Action(action).label}」。"
    application.refresh_from_db()
    assert application.status == status


@pytest.mark.parametrize("row", [t for t in TRANSITIONS if t.requires_reason], ids=lambda t: f"{t.source}-{t.action}")
def test_rows_that_need_a_reason_refuse_a_blank_one(row, make_application, actor_for, personas):
    application = make_application(row.source)
    prepare_for(row, application, personas)
    with pytest.raises(ReasonRequired) as error:
        transition(application, row.action, actor=actor_for(row), reason="   ")
    assert str(error.value) == f"「{Action(row.action).label}」须填写理由。"
    assert Application.objects.get(pk=application.pk).status == row.source


def test_submission_after_the_applicant_deadline_is_refused(make_application, personas, batch):
    batch.applicant_deadline = timezone.now() - timedelta(minutes=1)
    batch.save()
    application = make_application(Status.DRAFT)
    with pytest.raises(TransitionBlocked) as error:
        transition(application, Action.SUBMIT, actor=personas["applicant_a"])
    deadline = timezone.localtime(batch.applicant_deadline).strftime("%Y年%m月%d日 %H:%M")
    assert error.value.problems == [f"「{batch.name}」申报已于 {deadline} 截止，不能再提交。"]
    assert Application.objects.get(pk=application.pk).status == Status.DRAFT


def test_submission_to_a_closed_batch_is_refused(make_application, personas, batch):
    batch.state = batch.State.CLOSED
    batch.save()
    with pytest.raises(TransitionBlocked) as error:
        transition(make_application(Status.DRAFT), Action.SUBMIT, actor=personas["applicant_a"])
    assert error.value.problems == [f"「{batch.name}」当前不在申报期内，不能提交。"]


def test_district_cannot_act_after_its_deadline(make_application, personas, batch):
    batch.district_deadline = timezone.now() - timedelta(minutes=1)
    batch.applicant_deadline = batch.district_deadline
    batch.opens_at = batch.district_deadline - timedelta(days=30)
    batch.save()
    application = make_application(Status.SUBMITTED)
    with pytest.raises(TransitionBlocked) as error:
        transition(application, Action.RECOMMEND, actor=personas["officer_x"])
    assert "县区推荐已于" in error.value.problems[0]
    assert error.value.problems[0].endswith("截止；如需延期，请联系市中小企业服务局。")


def test_submit_stamps_the_submission_time(make_application, personas):
    application = transition(make_application(Status.DRAFT), Action.SUBMIT, actor=personas["applicant_a"])
    assert application.submitted_at == application.status_changed_at


def test_a_colleague_of_the_same_organisation_may_submit(make_application, personas):
    application = transition(make_application(Status.DRAFT), Action.SUBMIT, actor=personas["applicant_a2"])
    assert application.status == Status.SUBMITTED


def test_available_actions_follow_the_table_and_the_actor(make_application, personas):
    application = make_application(Status.SUBMITTED)
    assert [row.action for row in available_actions(application, personas["officer_x"])] == [
        Action.RETURN, Action.DECLINE, Action.RECOMMEND,
    ]
    assert available_actions(application, personas["officer_y"]) == []
    assert [row.action for row in available_actions(application, personas["applicant_a"])] == [Action.WITHDRAW]


def test_every_state_is_reachable_from_draft_and_every_non_terminal_state_has_an_exit():
    reached, frontier = {Status.DRAFT.value}, [Status.DRAFT.value]
    while frontier:
        state = frontier.pop()
        for row in TRANSITIONS:
            if row.source == state and row.target not in reached:
                reached.add(row.target)
                frontier.append(row.target)
    assert reached == set(Status.values)
    sources = {row.source for row in TRANSITIONS}
    assert set(Status.values) - sources == set(Status.terminal)
