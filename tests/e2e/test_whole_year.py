"""The whole year in one browser session (issue 11 part 1).

An organisation registers and applies (sections, lists imported from the page's Excel templates,
uploads, the signed declaration), its district surveys 12 served enterprises and recommends, the
bureau accepts after the formal check, sets up a group and draws three experts who accept, declare
and score; the bureau closes the review and proposes the list, the head approves, the list is
published, an objection is filed on the portal and dismissed, the decision is prepared by the
officer and approved by the head, and the certificate is verified on the portal.

Preconditions that other browser tests cover step by step are made by factories: the personas,
the batch, the three pool experts and the holiday calendar. Every step of the year itself happens
in the browser. Time travel: the publicity window is moved into the past after the objection,
as tests/e2e/test_publicity_to_certificate.py does, rather than waiting five working days.
"""

import datetime as dt
import json
from datetime import datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from shifan.accounts.roles import Role
from shifan.applications.attachments import SLOTS
from shifan.applications.enums import Status
from shifan.applications.models import Application
from shifan.applications.sections import SECTIONS
from shifan.city_review.domain.setup import indicators_for
from shifan.city_review.models import Score
from shifan.district_review.models import SurveyResponse
from shifan.publicity.models import Objection, Publicity
from shifan.recognition.models import Decision, Recognition
from shifan.workdays.models import CalendarYear
from tests.applications.dossiers import SAMPLE_PATH
from tests.conftest import PASSWORD
from tests.e2e.year_steps import (
    SAMPLE_LISTS,
    check_uscc_and_survey_twelve,
    confirm_next_dialog,
    fill_sample_sections,
    fill_section,
    import_list,
    sign_out,
    upload_pdf,
)
from tests.factories import BatchFactory, UserFactory
from tests.review_factories import make_expert

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PLATFORM = "南昌新星中小企业公共服务平台"
ORGANIZATION = "南昌新星服务有限公司"
USERNAME, USER_PASSWORD = "xinxing", "Xin-Passw0rd!"
EXPERTS = (("expert_1", "冯教授"), ("expert_2", "陆会计师"), ("expert_3", "钱工程师"))


@pytest.fixture
def shots(screenshot):
    """Numbered screenshots, so test-artifacts/screenshots/ reads in the order of the year."""
    serial = count(1)
    return lambda name: screenshot(f"year-{next(serial):02d}-{name}")


def test_the_whole_year_in_the_browser(page, live_server, sign_in, shots, personas, tmp_path):
    today = timezone.localdate()
    for year in (today.year, today.year + 1):  # the publicity window counts working days
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试", "complete": True})
    # Opened on 2026-04-01, so that 上一年度 is 2025, the sample dossier's year; still open for submissions.
    batch = BatchFactory(year=2026, opens_at=datetime(2026, 4, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
                         applicant_deadline=timezone.now() + timedelta(days=20),
                         district_deadline=timezone.now() + timedelta(days=30))
    personas["expert_3"] = UserFactory(username="expert_3", role=Role.EXPERT, display_name="专家三")
    for username, name in EXPERTS:
        make_expert(user=personas[username], name=name, employer_name=f"{name}所在单位")

    application = _register_and_apply(page, live_server, sign_in, shots, tmp_path)
    _district_surveys_and_recommends(page, sign_in, shots)
    _bureau_accepts_and_draws(page, sign_in, shots)
    for username, name in EXPERTS:
        _expert_accepts_declares_and_scores(page, sign_in, shots, username, name, batch)
    _bureau_proposes_and_head_approves(page, live_server, sign_in, shots, batch)
    _publish_object_and_dismiss(page, live_server, sign_in, shots)

    # Time passes: the five working days end (the window moved 30 days back rather than waited for).
    Publicity.objects.update(published_on=today - dt.timedelta(days=30), starts_on=today - dt.timedelta(days=30),
                             ends_on=today - dt.timedelta(days=20))
    _decision_prepared_and_approved(page, live_server, sign_in, shots)
    _certificate_verified(page, live_server, sign_in, shots)

    application.refresh_from_db()
    assert application.status == Status.RECOGNISED
    assert Recognition.objects.get().application == application


def _register_and_apply(page, live_server, sign_in, shots, tmp_path) -> Application:
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="注册").click()
    page.get_by_label("单位名称").fill(ORGANIZATION)
    page.get_by_label("统一社会信用代码").fill("91110108551385082Q")
    page.get_by_label("所在辖区").select_option(label="东湖区")
    page.get_by_label("姓名").fill("王新")
    page.get_by_label("用户名").fill(USERNAME)
    page.get_by_label("电子邮箱").fill("wangxin@example.test")
    page.locator("#id_password1").fill(USER_PASSWORD)
    page.get_by_label("再次输入密码").fill(USER_PASSWORD)
    page.get_by_role("button", name="注册").click()
    expect(page.locator(".message.success")).to_have_text("注册成功。登记类型：企业。请登录后开始申报。")
    shots("registered")

    sign_in(USERNAME, USER_PASSWORD)
    page.get_by_label("平台名称").fill(PLATFORM)
    page.get_by_role("button", name="开始申报").click()
    expect(page.locator(".message.success")).to_have_text("已创建申报草稿。")
    application = Application.objects.get(platform_name=PLATFORM)
    base = f"{live_server.url}/applicant/applications/{application.pk}"
    expect(page.locator("[data-eligible]")).to_have_attribute("data-eligible", "false")

    sample = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
    fill_sample_sections(page, base)
    for section, kind, key in SAMPLE_LISTS:
        import_list(page, base, section, kind, sample[key], tmp_path)
    expect(page.locator("#list-served_smes .hint").first).to_have_text(f"共 {len(sample['served_smes'])} 行")
    shots("served-list-imported")

    fill_section(page, base, "declaration", {"法定代表人（签字）": "张三", "声明日期": "2026-04-20"})
    for slot in SLOTS:
        if slot.required:
            section = next(s.code for s in SECTIONS if slot.code in s.uploads)
            upload_pdf(page, base, section, slot.code, f"材料-{slot.code}.pdf")
    shots("materials-uploaded")

    page.goto(f"{base}/")
    expect(page.locator("[data-eligible]")).to_have_attribute("data-eligible", "true")
    expect(page.locator("#missing")).to_contain_text("均已齐全")
    shots("eligible")
    confirm_next_dialog(page)
    page.get_by_role("button", name="提交申报").click()
    expect(page.locator(".message.success")).to_have_text("办理成功，申报当前状态：待县区初审。")
    shots("submitted")
    sign_out(page)
    return application


def _district_surveys_and_recommends(page, sign_in, shots) -> None:
    sign_in("officer_x", PASSWORD)
    page.get_by_role("link", name=PLATFORM).first.click()
    page.get_by_role("link", name="初审：查验、抽样测评、填写推荐表").click()
    check_uscc_and_survey_twelve(page, checked_on=timezone.localdate().isoformat(), served=120)
    shots("district-survey")

    page.get_by_label("对区域中小企业发展的影响和作用").fill("服务辖区中小企业一百二十家，带动明显。")
    page.get_by_label("示范性").fill("线上线下结合，服务规范。")
    page.get_by_role("textbox", name="推荐意见").fill("同意推荐。")
    page.get_by_role("button", name="保存推荐表内容").click()
    expect(page.get_by_text("查验、测评和推荐意见均已完成")).to_be_visible()
    page.get_by_role("link", name="前往办理（推荐 / 退回修改 / 不予推荐）").click()
    confirm_next_dialog(page)
    page.get_by_role("button", name="推荐", exact=True).click()
    expect(page.locator(".message.success")).to_have_text("办理成功，申报当前状态：县区已推荐。")
    shots("district-recommended")
    assert SurveyResponse.objects.filter(satisfied=True).count() == 12
    sign_out(page)


def _bureau_accepts_and_draws(page, sign_in, shots) -> None:
    sign_in("bureau_officer", PASSWORD)
    page.get_by_role("link", name=PLATFORM).first.click()
    formal = page.locator("section", has=page.get_by_role("heading", name="形式审查"))
    expect(formal.get_by_text("符合", exact=True)).to_have_count(3)  # 材料齐全, 附件1 完整, 符合基本条件
    expect(formal.get_by_text("需核实", exact=True)).to_have_count(0)
    shots("bureau-formal-check")
    confirm_next_dialog(page)
    page.get_by_role("button", name="受理", exact=True).click()
    expect(page.locator(".message.success")).to_have_text("办理成功，申报当前状态：市局已受理。")

    page.get_by_role("link", name="市局后台").first.click()
    page.get_by_role("link", name="市局评审").first.click()
    page.get_by_label("评审组名称").fill("第一组")
    page.get_by_role("spinbutton", name="专家人数", exact=True).fill("3")
    page.get_by_label("备选专家人数").fill("0")
    page.get_by_role("button", name="新建评审组").click()
    expect(page.locator(".message.success")).to_contain_text("已新建评审组「第一组」")
    page.get_by_label(f"{PLATFORM}（{ORGANIZATION}）").check()
    page.get_by_role("button", name="加入本组并进入评审").click()
    expect(page.locator(".message.success")).to_have_text("已将 1 份申报分配到本组，申报进入评审。")
    confirm_next_dialog(page)
    page.get_by_role("button", name="随机抽取专家").click()
    expect(page.locator(".message.success")).to_contain_text("已随机抽取专家 3 人")
    for _, name in EXPERTS:
        expect(page.get_by_role("cell", name=name, exact=True)).to_be_visible()
    shots("experts-drawn")
    sign_out(page)


def _expert_accepts_declares_and_scores(page, sign_in, shots, username, name, batch) -> None:
    sign_in(username, PASSWORD)
    page.get_by_role("button", name="接受邀请").click()
    expect(page.get_by_role("heading", name="回避声明 · 第一组")).to_be_visible()
    expect(page.get_by_text(ORGANIZATION).first).to_be_visible()
    page.get_by_label("本人承诺与上述申报单位均无利害关系").check()
    page.get_by_role("button", name="声明无利害关系").click()
    page.get_by_role("link", name="开始评分").click()
    indicators = indicators_for(batch)
    given = 1 + Score.objects.count()  # each expert is a little stricter than the one before
    for indicator in indicators:
        page.get_by_label(indicator.name, exact=True).fill(str(indicator.max_points - given))
    expect(page.locator("[data-score-total]")).to_have_text(f"{100 - given * len(indicators)}.0")
    if username == EXPERTS[0][0]:
        shots("expert-score-sheet")
    confirm_next_dialog(page)
    page.get_by_role("button", name="提交评分").click()
    expect(page.locator(".message.success")).to_have_text("评分表已提交，不能再修改。")
    sign_out(page)


def _bureau_proposes_and_head_approves(page, live_server, sign_in, shots, batch) -> None:
    sign_in("bureau_officer", PASSWORD)
    page.get_by_role("link", name="市局评审").first.click()
    page.get_by_role("link", name="第一组").click()
    confirm_next_dialog(page)
    page.get_by_role("button", name="结束评审（评分齐全的申报）").click()
    expect(page.locator(".message.success")).to_have_text("1 份申报评审完成。")
    shots("review-closed")
    page.get_by_role("link", name="拟认定名单").first.click()
    page.get_by_role("button", name="按评审排名拟定名单").click()
    expect(page.get_by_label(f"列入：{PLATFORM}")).to_be_checked()
    confirm_next_dialog(page)
    page.get_by_role("button", name="保存并报批").click()
    expect(page.locator(".message.success")).to_have_text("拟认定名单已报领导审批。")
    shots("list-proposed")
    sign_out(page)

    sign_in("bureau_head", PASSWORD)
    page.goto(f"{live_server.url}/bureau/review/proposed/?batch={batch.pk}")
    page.get_by_label("审批意见（退回时必填）").fill("同意。")
    confirm_next_dialog(page)
    page.get_by_role("button", name="审批通过").click()
    expect(page.locator(".message.success")).to_have_text("拟认定名单已审批通过。")
    shots("list-approved")
    sign_out(page)


def _publish_object_and_dismiss(page, live_server, sign_in, shots) -> None:
    sign_in("bureau_officer", PASSWORD)
    page.get_by_role("link", name="公示与认定").first.click()
    page.get_by_label("异议受理联系方式").fill("创新创业服务科 0791-83869992")
    confirm_next_dialog(page)
    page.get_by_role("button", name="发布公示").click()
    expect(page.locator(".message.success")).to_contain_text("已发布公示")
    shots("list-published")
    sign_out(page)

    page.goto(f"{live_server.url}/publicity/")
    expect(page.get_by_role("cell", name=PLATFORM)).to_be_visible()
    page.get_by_role("link", name="在线提出异议（实名）").click()
    page.get_by_label("对哪个平台提出异议").select_option(label=PLATFORM)
    page.get_by_label("真实姓名").fill("王某")
    page.get_by_label("联系电话（手机）").fill("13800138000")
    page.get_by_label("异议内容").fill("该平台的服务企业名单与实际不符，请核实。")
    confirm_next_dialog(page)
    page.get_by_role("button", name="提交异议").click()
    expect(page.get_by_role("heading", name="异议已受理")).to_be_visible()
    shots("objection-filed")

    sign_in("bureau_officer", PASSWORD)
    page.get_by_role("link", name="公示与认定").first.click()
    page.get_by_role("link", name=Publicity.objects.get().title).first.click()
    page.get_by_role("link", name="调查处理").click()
    page.get_by_label("异议不成立").check()
    page.get_by_label("调查核实情况和处理意见").fill("经抽查名单中 20 家企业，均确认接受过服务。")
    confirm_next_dialog(page)
    page.get_by_role("button", name="提交处理结果").click()
    expect(page.locator(".message.success")).to_have_text("异议处理结果已记录。")
    shots("objection-dismissed")
    assert Objection.objects.get().state == Objection.State.DISMISSED
    sign_out(page)


def _decision_prepared_and_approved(page, live_server, sign_in, shots) -> None:
    detail = f"{live_server.url}/bureau/publicity/{Publicity.objects.get().pk}/"
    sign_in("bureau_officer", PASSWORD)
    page.goto(detail)
    confirm_next_dialog(page)
    page.get_by_role("button", name="报领导审批").click()
    expect(page.locator(".message.success")).to_have_text("认定决定已报领导审批。")
    expect(page.get_by_role("button", name="审批通过并发文")).to_have_count(0)  # not by who prepared it
    shots("decision-prepared")
    sign_out(page)

    sign_in("bureau_head", PASSWORD)
    page.goto(detail)
    confirm_next_dialog(page)
    page.get_by_role("button", name="审批通过并发文").click()
    expect(page.locator(".message.success")).to_contain_text("示范平台认定生效")
    shots("decision-approved")
    decision = Decision.objects.get()
    assert (decision.prepared_by.username, decision.decided_by.username) == ("bureau_officer", "bureau_head")
    sign_out(page)


def _certificate_verified(page, live_server, sign_in, shots) -> None:
    sign_in(USERNAME, USER_PASSWORD)
    verify = page.get_by_role("link", name="验证页").first.get_attribute("href")
    code = Recognition.objects.get().verification_code
    assert verify == f"/verify/{code}/"
    shots("applicant-recognised")
    sign_out(page)

    page.goto(f"{live_server.url}{verify}")
    expect(page.get_by_text("有效", exact=True).first).to_be_visible()
    expect(page.get_by_text(PLATFORM).first).to_be_visible()
    expect(page.get_by_text(ORGANIZATION).first).to_be_visible()
    shots("certificate-verified")
