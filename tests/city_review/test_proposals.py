"""The proposed list: selection from the ranking, reasons for departures, the head's approval."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shifan.applications.enums import Status
from shifan.applications.models import StatusChange
from shifan.city_review.domain import proposals
from shifan.city_review.models import ProposedList
from shifan.notifications.models import Notification
from tests.factories import ApplicationFactory, UserFactory
from tests.review_factories import make_reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(batch, officer):
    """Three reviewed applications scoring 90, 80 and 60 (pass mark 70)."""
    apps = {}
    for name, points in (("高分", 90), ("中分", 80), ("低分", 60)):
        application = ApplicationFactory(batch=batch, status=Status.REVIEWED, platform_name=name)
        make_reviewed(application, actor=officer, points=D(points))
        apps[name] = application
    return apps


def _entries(plist):
    return {e.application.platform_name: e for e in plist.entries.select_related("application")}


def test_the_list_follows_the_ranking_and_preselects_from_the_pass_mark(batch, officer, reviewed):
    plist = proposals.prepare(batch, actor=officer)
    assert [(e.application.platform_name, e.rank, e.score, e.selected)
            for e in plist.entries.select_related("application")] == [
        ("高分", 1, D("90.00"), True), ("中分", 2, D("80.00"), True), ("低分", 3, D("60.00"), False)]
    assert proposals.selection_problems(plist) == {}


def test_every_departure_from_the_ranking_needs_a_reason(batch, officer, reviewed):
    plist = proposals.prepare(batch, actor=officer)
    entries = _entries(plist)
    choices = {entries["高分"].pk: (False, ""), entries["中分"].pk: (True, ""), entries["低分"].pk: (True, "")}
    proposals.save_selection(plist, choices, actor=officer)
    assert proposals.selection_problems(plist) == {
        entries["高分"].pk: "排名在列入的申报之前而未列入，须填写理由。",
        entries["中分"].pk: "排名在未列入的申报之后而列入，须填写理由。",
        entries["低分"].pk: "排名在未列入的申报之后而列入，须填写理由。",
    }
    with pytest.raises(ValidationError) as error:
        proposals.submit(plist, actor=officer)
    assert len(error.value.messages) == 3
    plist.refresh_from_db()
    assert plist.state == ProposedList.State.DRAFT


def test_selecting_below_the_pass_mark_needs_a_reason(batch, officer, reviewed):
    plist = proposals.prepare(batch, actor=officer)
    entries = _entries(plist)
    proposals.save_selection(plist, {entries["低分"].pk: (True, "")}, actor=officer)
    assert proposals.selection_problems(plist) == {
        entries["低分"].pk: "评审得分低于合格分数线（70 分）而列入，须填写理由。"}


def test_approval_by_a_head_moves_every_application_and_tells_the_ones_left_off(batch, officer, head, reviewed,
                                                                              personas):
    plist = proposals.prepare(batch, actor=officer)
    entries = _entries(plist)
    proposals.save_selection(plist, {entries["中分"].pk: (False, "服务区域与已认定平台重复")}, actor=officer)
    proposals.submit(plist, actor=officer)
    assert Notification.objects.get(event="review.list_submitted").recipient == head
    proposals.approve(plist, actor=head, comment="同意")
    statuses = {a.platform_name: a.status for a in (x.__class__.objects.get(pk=x.pk) for x in reviewed.values())}
    assert statuses == {"高分": Status.PROPOSED, "中分": Status.NOT_PROPOSED, "低分": Status.NOT_PROPOSED}
    reasons = dict(StatusChange.objects.filter(action="not_propose").values_list("application__platform_name",
                                                                                "reason"))
    assert reasons == {
        "中分": "服务区域与已认定平台重复", "低分": "评审得分 60.00 分（排名第 3 位），未列入拟认定名单。"}
    assert set(StatusChange.objects.filter(action__in=("propose", "not_propose")).values_list("actor", flat=True)) \
        == {head.pk}


def test_only_a_head_decides_and_never_on_a_list_they_prepared(batch, officer, head, reviewed):
    plist = proposals.prepare(batch, actor=officer)
    proposals.submit(plist, actor=officer)
    with pytest.raises(PermissionDenied):
        proposals.approve(plist, actor=officer)
    ProposedList.objects.filter(pk=plist.pk).update(prepared_by=head)  # e.g. an account whose role changed
    with pytest.raises(PermissionDenied, match="拟定人不能审批"):
        proposals.approve(plist, actor=head)


def test_a_return_needs_a_comment_and_reopens_the_list(batch, officer, head, reviewed):
    plist = proposals.prepare(batch, actor=officer)
    proposals.submit(plist, actor=officer)
    with pytest.raises(ValidationError):
        proposals.send_back(plist, actor=head, comment=" ")
    proposals.send_back(plist, actor=head, comment="请补充中分平台的说明")
    plist.refresh_from_db()
    assert (plist.state, plist.head_comment) == ("returned", "请补充中分平台的说明")
    assert Notification.objects.get(event="review.list_returned").recipient == officer
    proposals.save_selection(plist, {}, actor=officer)
    proposals.submit(plist, actor=officer)


def test_a_submitted_list_is_frozen_and_a_second_head_cannot_approve_twice(batch, officer, head, reviewed):
    plist = proposals.prepare(batch, actor=officer)
    proposals.submit(plist, actor=officer)
    with pytest.raises(ValidationError, match="已报批"):
        proposals.save_selection(plist, {}, actor=officer)
    with pytest.raises(ValidationError, match="已报领导审批"):
        proposals.prepare(batch, actor=officer)
    proposals.approve(plist, actor=head)
    with pytest.raises(ValidationError, match="不在待审批状态"):
        proposals.approve(plist, actor=UserFactory(role="bureau_head"))


def test_no_list_without_reviewed_applications(batch, officer):
    with pytest.raises(ValidationError, match="还没有评审完成的申报"):
        proposals.prepare(batch, actor=officer)
