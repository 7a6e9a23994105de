"""Returning an application with reasons per section, shown beside those sections."""

import pytest

from shifan.applications.domain.returns import latest_section_returns, return_for_correction
from shifan.applications.enums import Status
from shifan.applications.errors import ReasonRequired
from shifan.applications.models import SectionReturn, StatusChange
from shifan.notifications.models import Notification
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED, platform_name="甲平台")


def test_section_reasons_are_kept_listed_in_the_timeline_and_sent(submitted, personas):
    return_for_correction(submitted, actor=personas["officer_x"], reason="请按以下意见修改。",
                          section_reasons={"served": "名单不足 100 家", "staff": " ", "nonsense": "忽略"})
    assert submitted.status == Status.RETURNED
    change = StatusChange.objects.get(application=submitted)
    assert change.reason == "请按以下意见修改。\n【附件5 上一年度服务中小企业名单及服务评价表】名单不足 100 家"
    assert list(SectionReturn.objects.values_list("section", "text")) == [("served", "名单不足 100 家")]
    assert latest_section_returns(submitted)["served"].text == "名单不足 100 家"
    assert "名单不足 100 家" in Notification.objects.filter(event="application.returned").first().body


def test_a_return_needs_some_reason(submitted, personas):
    with pytest.raises(ReasonRequired):
        return_for_correction(submitted, actor=personas["officer_x"], reason="", section_reasons={"staff": ""})
    assert not SectionReturn.objects.exists()


def test_section_reasons_alone_are_enough(submitted, personas):
    return_for_correction(submitted, actor=personas["officer_x"], reason="", section_reasons={"staff": "缺职称证明"})
    assert StatusChange.objects.get().reason == "【附件4 主要从业人员情况表】缺职称证明"


def test_the_applicant_sees_the_reason_beside_the_section(client_for, submitted):
    client_for("officer_x").post(f"/district/applications/{submitted.pk}/act/",
                                 {"action": "return", "reason": "", "section_served": "名单不足 100 家"})
    client = client_for("applicant_a")
    page = client.get(f"/applicant/applications/{submitted.pk}/sections/served/").content.decode()
    assert "退回修改理由（东湖区经办" in page
    assert "名单不足 100 家" in page
    assert "退回修改理由" not in client.get(f"/applicant/applications/{submitted.pk}/sections/staff/").content.decode()
    overview = client.get(f"/applicant/applications/{submitted.pk}/").content.decode()
    assert overview.count("badge-warning\">退回修改</span>") == 1
