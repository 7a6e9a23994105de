"""The city review's pages end to end through the views (bureau, expert, agency)."""

from decimal import Decimal

import pytest

from shifan.applications.enums import Status
from shifan.city_review.domain.draws import draw_experts
from shifan.city_review.domain.setup import indicators_for
from shifan.city_review.models import AgencyReport, ExpertDraw, ReviewGroup, ReviewSettings, Score
from tests.factories import MINIMAL_PDF, ApplicationFactory
from tests.review_factories import make_expert, make_group, make_reviewed, put_in_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(batch, org_a):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.ACCEPTED, platform_name="甲平台")


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_officer_creates_a_group_assigns_and_draws(client_for, batch, accepted, personas):
    for _ in range(3):
        make_expert()
    client = client_for("bureau_officer")
    response = client.post("/bureau/review/groups/new/", {"batch": batch.pk, "name": "第一组", "mode": "experts",
                                                          "panel_size": 2, "backup_count": 1})
    group = ReviewGroup.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/bureau/review/groups/{group.pk}/"
    response = client.post(f"/bureau/review/groups/{group.pk}/assign/", {"applications": [accepted.pk]})
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.status == Status.IN_REVIEW
    response = client.post(f"/bureau/review/groups/{group.pk}/draw/", {})
    assert response.status_code == 302
    draw = ExpertDraw.objects.get()
    page = client.get(f"/bureau/review/draws/{draw.pk}/").content.decode()
    assert "按记录的随机种子和候选名单复算，抽取结果一致，且与审计日志相符。" in page and draw.seed in page
    response = client.post(f"/bureau/review/groups/{group.pk}/draw/", {"reason": ""})
    assert response.status_code == 400
    assert "重新抽取须填写理由，原抽取记录将保留备查。" in response.content.decode()


def test_a_bad_group_form_comes_back_with_the_reason_and_what_was_typed(client_for, batch):
    response = client_for("bureau_officer").post("/bureau/review/groups/new/", {
        "batch": batch.pk, "name": "机构评审组", "mode": "agency", "panel_size": 5, "backup_count": 3})
    page = response.content.decode()
    assert response.status_code == 400
    assert "第三方机构评审须选择评审机构。" in page and 'value="机构评审组"' in page
    assert not ReviewGroup.objects.exists()


def test_heads_read_the_review_pages_but_cannot_change_them(client_for, batch):
    client = client_for("bureau_head")
    assert client.get(f"/bureau/review/?batch={batch.pk}").status_code == 200
    assert client.post("/bureau/review/settings/", {"batch": batch.pk, "aggregation": "mean"}).status_code == 403
    assert client.post("/bureau/review/groups/new/", {"batch": batch.pk}).status_code == 403


def test_settings_and_the_score_sheet_are_saved_with_row_level_errors(client_for, batch):
    client = client_for("bureau_officer")
    response = client.post(f"/bureau/review/settings/?batch={batch.pk}", {
        "aggregation": "mean", "outlier_points": "0", "pass_mark": "60"})
    assert response.status_code == 400 and "确保该值大于或等于1。" in response.content.decode()
    response = client.post(f"/bureau/review/settings/?batch={batch.pk}", {
        "aggregation": "mean", "outlier_points": "12", "pass_mark": "60", "avoid_same_jurisdiction": "on"})
    assert response.status_code == 302
    saved = ReviewSettings.objects.get(batch=batch)
    assert (saved.aggregation, saved.outlier_points, saved.pass_mark, saved.avoid_previous_reviewers) == (
        "mean", Decimal(12), Decimal(60), False)
    form = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0",
            "form-0-category": "综合", "form-0-name": "综合评价", "form-0-max_points": "90",
            "form-1-category": "特色", "form-1-name": "", "form-1-max_points": "10"}
    response = client.post(f"/bureau/review/sheet/?batch={batch.pk}", form)
    assert response.status_code == 400 and "第 2 行「评分指标」" in response.content.decode()
    form["form-1-name"] = "示范带动"
    assert client.post(f"/bureau/review/sheet/?batch={batch.pk}", form).status_code == 302
    assert [(i.name, i.max_points) for i in indicators_for(batch)] == [("综合评价", 90), ("示范带动", 10)]


@pytest.fixture
def drawn(batch, personas, accepted):
    officer = personas["bureau_officer"]
    expert = make_expert(user=personas["expert_1"], name="专家一")
    group = make_group(batch, actor=officer, panel_size=1)
    put_in_group(accepted, group, officer)
    accepted.status = Status.IN_REVIEW
    accepted.save()
    draw_experts(group, actor=officer)
    return expert.seats.get()


def test_the_expert_declines_only_with_a_reason(client_for, drawn):
    client = client_for("expert_1")
    response = client.post(f"/expert/seats/{drawn.pk}/respond/", {"answer": "decline", "reason": ""}, follow=True)
    assert "谢绝邀请须填写理由。" in _messages(response)
    drawn.refresh_from_db()
    assert drawn.state == "invited"


def test_the_expert_accepts_declares_and_scores(client_for, drawn, accepted, batch):
    client = client_for("expert_1")
    response = client.post(f"/expert/seats/{drawn.pk}/respond/", {"answer": "accept"})
    assert response["Location"] == f"/expert/seats/{drawn.pk}/declare/"
    page = client.get(response["Location"]).content.decode()
    assert accepted.organization.name in page and accepted.platform_name not in page
    response = client.post(f"/expert/seats/{drawn.pk}/declare/", {"conflict": "0"})
    assert response.status_code == 400 and "请勾选确认本人与上述申报单位均无利害关系" in response.content.decode()
    response = client.post(f"/expert/seats/{drawn.pk}/declare/", {"conflict": "1", "detail": " "})
    assert response.status_code == 400 and "请说明与哪家申报单位存在何种利害关系。" in response.content.decode()
    assert client.post(f"/expert/seats/{drawn.pk}/declare/", {"conflict": "0", "confirm": "on"}).status_code == 302
    assert accepted.platform_name in client.get("/expert/").content.decode()

    indicators = indicators_for(batch)
    data = {f"points_{i.pk}": str(i.max_points) for i in indicators}
    data[f"points_{indicators[0].pk}"] = "9"
    data[f"note_{indicators[1].pk}"] = "场地充足"
    data["submit"] = "1"
    response = client.post(f"/expert/applications/{accepted.pk}/score/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "「基础条件·运营年限与资产」的得分须在 0 到 5.0 分之间，最多一位小数。" in page
    assert 'value="9"' in page and 'value="场地充足"' in page  # nothing typed is lost
    data[f"points_{indicators[0].pk}"] = "4.5"
    assert client.post(f"/expert/applications/{accepted.pk}/score/", data).status_code == 302
    score = Score.objects.get()
    assert (score.state, score.total) == ("submitted", Decimal("99.5"))
    page = client.get(f"/expert/applications/{accepted.pk}/score/").content.decode()
    assert "99.5" in page and "提交评分" not in page
    assert client.post(f"/expert/applications/{accepted.pk}/score/", data).status_code == 403


def test_the_agency_uploads_its_report_and_a_disguised_file_is_refused(client_for, batch, personas, accepted,
                                                                     agency_org):
    officer = personas["bureau_officer"]
    group = make_group(batch, actor=officer, mode="agency", agency=agency_org)
    put_in_group(accepted, group, officer)
    client = client_for("agency")
    fake = ("报告.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(f"/agency/groups/{group.pk}/report/",
                           {"file": SimpleUploadedFile(*fake)}, follow=True)
    assert not AgencyReport.objects.exists()
    assert _messages(response) == ["文件内容是可执行程序，出于安全原因不能上传。"]
    response = client.post(f"/agency/groups/{group.pk}/report/",
                           {"file": SimpleUploadedFile("评审报告.pdf", MINIMAL_PDF, "application/pdf")}, follow=True)
    assert "评审报告已上传。" in _messages(response)
    report = AgencyReport.objects.get()
    assert report.name == "评审报告.pdf"
    download = client_for("bureau_officer").get(f"/bureau/review/groups/{group.pk}/reports/{report.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == MINIMAL_PDF


def test_the_list_is_prepared_submitted_and_approved_through_the_pages(client_for, batch, personas):
    officer = personas["bureau_officer"]
    high = ApplicationFactory(batch=batch, status=Status.REVIEWED, platform_name="高分平台")
    low = ApplicationFactory(batch=batch, status=Status.REVIEWED, platform_name="低分平台")
    make_reviewed(high, actor=officer, points=Decimal(90))
    make_reviewed(low, actor=officer, points=Decimal(75))
    client = client_for("bureau_officer")
    assert client.post("/bureau/review/proposed/prepare/", {"batch": batch.pk}).status_code == 302
    plist = batch.proposed_lists.get()
    entries = {e.application_id: e for e in plist.entries.all()}
    data = {f"selected_{entries[low.pk].pk}": "on", f"reason_{entries[high.pk].pk}": "", "submit": "1"}
    response = client.post(f"/bureau/review/proposed/{plist.pk}/save/", data)
    page = response.content.decode()
    assert response.status_code == 400 and "排名在列入的申报之前而未列入，须填写理由。" in page
    data[f"reason_{entries[high.pk].pk}"] = "存在失信记录"
    data[f"reason_{entries[low.pk].pk}"] = "替补列入"
    assert client.post(f"/bureau/review/proposed/{plist.pk}/save/", data).status_code == 302
    head = client_for("bureau_head")
    assert head.post(f"/bureau/review/proposed/{plist.pk}/decide/", {"decision": "approve"}).status_code == 302
    high.refresh_from_db()
    low.refresh_from_db()
    assert (high.status, low.status) == (Status.NOT_PROPOSED, Status.PROPOSED)
    assert "已审批" in head.get(f"/bureau/review/proposed/?batch={batch.pk}").content.decode()


def test_the_formal_check_shows_its_items_and_the_officer_accepts_or_sends_back(client_for, batch, org_a,
                                                                               personas):
    from tests.factories import make_recommendable, make_submittable

    application = make_submittable(ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED))
    make_recommendable(application, personas["officer_x"])
    application.status = Status.RECOMMENDED
    application.save()
    client = client_for("bureau_officer")
    page = client.get(f"/bureau/applications/{application.pk}/").content.decode()
    assert "形式审查" in page and "申请材料齐全（第八条）" in page and "县区推荐表完整（附件1）" in page
    assert "信用代码已查验一致，抽样测评已完成且可复核，推荐意见已填写。" in page
    response = client.post(f"/bureau/applications/{application.pk}/act/", {"action": "send_back", "reason": ""})
    refused = response.content.decode()
    assert response.status_code == 400 and "「退回县区」须填写理由。" in refused
    assert "形式审查" in refused and "申请材料齐全（第八条）" in refused  # still there to correct against
    response = client.post(f"/bureau/applications/{application.pk}/act/",
                           {"action": "send_back", "reason": "推荐表未盖章"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.SENT_BACK


def test_review_buttons_are_never_offered_on_the_application_page(client_for, batch, org_a, personas):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.ACCEPTED)
    page = client_for("bureau_officer").get(f"/bureau/applications/{application.pk}/").content.decode()
    assert 'value="start_review"' not in page
    response = client_for("bureau_officer").post(f"/bureau/applications/{application.pk}/act/",
                                                 {"action": "start_review"})
    assert response.status_code == 400
    assert "「进入评审」须在市局评审的「分配评审组」中办理。" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
