"""The city review in the browser: group → draw → the expert declares and scores → ranking → list → approval."""

import pytest
from playwright.sync_api import expect

from shifan.applications.enums import Status
from shifan.applications.models import Application
from shifan.city_review.domain.setup import indicators_for
from shifan.city_review.models import ExpertDraw, Score
from tests.conftest import PASSWORD
from tests.factories import ApplicationFactory
from tests.review_factories import make_expert

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _confirm(page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())


def test_from_the_draw_to_the_approved_proposed_list(page, live_server, sign_in, screenshot, personas, org_a,
                                                    batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.ACCEPTED,
                                     platform_name="甲示范平台")
    make_expert(user=personas["expert_1"], name="冯教授", employer_name="南昌大学")
    make_expert(name="陆会计师", with_account=False)  # excluded: no account yet
    indicators = indicators_for(batch)

    sign_in("bureau_officer", PASSWORD)
    page.get_by_role("link", name="市局评审").click()
    page.get_by_label("评审组名称").fill("第一组")
    page.get_by_role("spinbutton", name="专家人数", exact=True).fill("1")
    page.get_by_label("备选专家人数").fill("0")
    page.get_by_role("button", name="新建评审组").click()
    expect(page.locator(".message.success")).to_contain_text("已新建评审组「第一组」")
    page.get_by_label("甲示范平台（甲服务机构有限公司）").check()
    page.get_by_role("button", name="加入本组并进入评审").click()
    expect(page.locator(".message.success")).to_have_text("已将 1 份申报分配到本组，申报进入评审。")
    _confirm(page)
    page.get_by_role("button", name="随机抽取专家").click()
    expect(page.locator(".message.success")).to_contain_text("已随机抽取专家 1 人")
    expect(page.get_by_role("cell", name="冯教授")).to_be_visible()
    page.get_by_role("link", name="查看抽取记录与复核").click()
    expect(page.get_by_text("按记录的随机种子和候选名单复算，抽取结果一致，且与审计日志相符。")).to_be_visible()
    expect(page.get_by_text("账号未激活：尚未激活系统账号")).to_be_visible()
    screenshot("city-review-draw-record")
    page.get_by_role("button", name="退出").click()

    sign_in("expert_1", PASSWORD)
    page.get_by_role("button", name="接受邀请").click()
    expect(page.get_by_role("heading", name="回避声明 · 第一组")).to_be_visible()
    expect(page.get_by_text("甲服务机构有限公司")).to_be_visible()
    page.get_by_label("本人承诺与上述申报单位均无利害关系").check()
    page.get_by_role("button", name="声明无利害关系").click()
    page.get_by_role("link", name="开始评分").click()
    for indicator in indicators:
        page.get_by_label(indicator.name, exact=True).fill(str(indicator.max_points - 1))
    expect(page.locator("[data-score-total]")).to_have_text(f"{100 - len(indicators)}.0")
    screenshot("city-review-score-sheet")
    _confirm(page)
    page.get_by_role("button", name="提交评分").click()
    expect(page.locator(".message.success")).to_have_text("评分表已提交，不能再修改。")
    assert Score.objects.get().total == 100 - len(indicators)
    # The application's page: its status and what happened when, but not which official acted.
    page.locator(".crumbs").get_by_role("link", name="甲示范平台").click()
    expect(page.get_by_role("heading", level=1).locator(".badge")).to_have_text("评审中")
    steps = page.locator('[data-timeline="reviewer"] li')
    expect(steps).to_have_count(1)
    expect(steps.first).to_contain_text("进入评审 → 评审中")
    expect(page.locator("main")).not_to_contain_text(personas["bureau_officer"].display_name)
    screenshot("city-review-expert-application")
    page.get_by_role("button", name="退出").click()

    sign_in("bureau_officer", PASSWORD)
    page.goto(f"{live_server.url}/bureau/review/groups/{ExpertDraw.objects.get().group_id}/")
    _confirm(page)
    page.get_by_role("button", name="结束评审（评分齐全的申报）").click()
    expect(page.locator(".message.success")).to_have_text("1 份申报评审完成。")
    page.get_by_role("link", name="拟认定名单").first.click()
    page.get_by_role("button", name="按评审排名拟定名单").click()
    expect(page.get_by_label("列入：甲示范平台")).to_be_checked()
    _confirm(page)
    page.get_by_role("button", name="保存并报批").click()
    expect(page.locator(".message.success")).to_have_text("拟认定名单已报领导审批。")
    page.get_by_role("button", name="退出").click()

    sign_in("bureau_head", PASSWORD)
    page.goto(f"{live_server.url}/bureau/review/proposed/?batch={batch.pk}")
    page.get_by_label("审批意见（退回时必填）").fill("同意。")
    _confirm(page)
    page.get_by_role("button", name="审批通过").click()
    expect(page.locator(".message.success")).to_have_text("拟认定名单已审批通过。")
    screenshot("city-review-list-approved")
    assert Application.objects.get(pk=application.pk).status == Status.PROPOSED
