"""认定决定 (two people, numbered), recognitions valid for the policy's years, 撤销 and expiry by date."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shifan.applications.enums import Status
from shifan.notifications.models import Notification
from shifan.publicity.domain import file_objection, publish
from shifan.recognition.domain import (
    approve_decision,
    decide_revocation,
    expiry_for,
    prepare_decision,
    prepare_revocation,
    return_decision,
    submit_decision,
)
from shifan.recognition.models import Recognition
from tests.factories import MINIMAL_PDF, UserFactory
from tests.publicity.conftest import SEPT_24

pytestmark = pytest.mark.django_db
OCT_12 = dt.date(2026, 10, 12)


@pytest.fixture
def publicity(approved_list, officer):
    return publish(approved_list, actor=officer, published_on=SEPT_24, contact="市中小企业服务局")


@pytest.fixture
def submitted(publicity, officer):
    decision = prepare_decision(publicity, actor=officer)
    return submit_decision(decision, actor=officer)


def test_a_head_approves_a_numbered_decision_and_every_platform_on_the_list_is_recognised(submitted, head,
                                                                                         personas):
    decision = approve_decision(submitted, actor=head, comment="同意", today=OCT_12)
    assert (decision.number, decision.decided_on, decision.state) == ("洪企服字〔2026〕2号", OCT_12, "approved")
    recognitions = Recognition.objects.order_by("platform_name")
    assert [(r.platform_name, r.starts_on, r.expires_on, r.service_functions) for r in recognitions] == [
        ("乙示范平台", OCT_12, dt.date(2029, 10, 11), ["technology"]),
        ("甲示范平台", OCT_12, dt.date(2029, 10, 11), ["technology"]),
    ]
    assert {r.application.status for r in recognitions} == {Status.RECOGNISED}
    assert len({r.verification_code for r in recognitions}) == 2
    told = set(Notification.objects.filter(event="application.recognised").values_list("recipient__username",
                                                                                       flat=True))
    assert {"applicant_a", "applicant_a2", "applicant_b"} <= told


def test_the_preparer_never_approves_and_only_heads_decide(submitted, officer, head):
    with pytest.raises(PermissionDenied, match="只有市局领导"):
        approve_decision(submitted, actor=officer, today=OCT_12)
    submitted.prepared_by = head
    submitted.save()
    with pytest.raises(PermissionDenied, match="拟稿人不能审批"):
        approve_decision(submitted, actor=head, today=OCT_12)
    assert not Recognition.objects.exists()


def test_a_returned_decision_is_reworked_and_submitted_again(submitted, officer, head):
    with pytest.raises(ValidationError):
        return_decision(submitted, actor=head, comment=" ")
    return_decision(submitted, actor=head, comment="请补充公示情况")
    decision = prepare_decision(submitted.publicity, actor=officer, title="关于认定示范平台的决定")
    submit_decision(decision, actor=officer)
    assert approve_decision(decision, actor=head, today=OCT_12).title == "关于认定示范平台的决定"


def test_an_open_objection_blocks_the_submission_and_the_approval(publicity, officer, head):
    decision = prepare_decision(publicity, actor=officer)
    file_objection(publicity, entry=publicity.entries.first(), name="李某", mobile="13800138001",
                   content="该平台场地面积与申报不符，请核实。", today=dt.date(2026, 10, 9))
    with pytest.raises(ValidationError) as error:
        submit_decision(decision, actor=officer)
    assert error.value.messages == ["尚有 1 件异议未处理完毕。"]


def test_the_policy_s_three_years_end_the_day_before_the_anniversary():
    assert expiry_for(dt.date(2026, 10, 12), 3) == dt.date(2029, 10, 11)
    assert expiry_for(dt.date(2028, 2, 29), 3) == dt.date(2031, 2, 28)


def test_expiry_applies_by_date_without_anything_running(submitted, head):
    approve_decision(submitted, actor=head, today=OCT_12)
    recognition = Recognition.objects.first()
    assert recognition.status_on(dt.date(2029, 10, 11)) == "valid"
    assert recognition.status_on(dt.date(2029, 10, 12)) == "expired"


def test_a_revocation_needs_reason_and_a_head_and_then_it_is_in_force(submitted, officer, head):
    approve_decision(submitted, actor=head, today=OCT_12)
    recognition = Recognition.objects.first()
    with pytest.raises(ValidationError) as error:
        prepare_revocation(recognition, actor=officer, reason="", public_reason="", evidence=(b"MZ", "x.pdf"))
    assert set(error.value.message_dict) == {"reason", "public_reason", "evidence"}
    revocation = prepare_revocation(recognition, actor=officer, reason="年度跟踪发现提供虚假材料（第十条）。",
                                    public_reason="提供虚假申报材料", evidence=(MINIMAL_PDF, "核查报告.pdf"))
    with pytest.raises(PermissionDenied):
        decide_revocation(revocation, actor=officer, approve=True)
    decide_revocation(revocation, actor=head, approve=True)
    recognition.refresh_from_db()
    revocation.refresh_from_db()
    assert recognition.status_on(OCT_12) == "revoked"
    assert revocation.number == "洪企服字〔2026〕3号" and revocation.state == "approved"
    with pytest.raises(ValidationError, match="已撤销"):
        prepare_revocation(recognition, actor=officer, reason="再次撤销理由", public_reason="重复")


def test_another_head_may_return_a_revocation_with_a_comment(submitted, officer, head):
    approve_decision(submitted, actor=head, today=OCT_12)
    recognition = Recognition.objects.first()
    revocation = prepare_revocation(recognition, actor=officer, reason="跟踪检查未达标。", public_reason="未达标")
    other = UserFactory(role="bureau_head")
    with pytest.raises(ValidationError):
        decide_revocation(revocation, actor=other, approve=False)
    decide_revocation(revocation, actor=other, approve=False, comment="证据不足")
    recognition.refresh_from_db()
    assert recognition.revoked_at is None
