"""Lists with nothing in them say what happens next, not only that they are empty.

Each test puts data in a neighbouring scope (another district, another expert, another user), so
the page is empty because of scoping, and the sentence about the next step is what shows.
"""

import pytest

from shifan.applications.enums import Status
from shifan.notifications.domain import notify
from tests.factories import ApplicationFactory
from tests.review_factories import make_expert, make_group, put_in_group, seat_expert

pytestmark = pytest.mark.django_db


def empty_text(response) -> list[str]:
    """The texts of the page's empty-state paragraphs."""
    import re

    assert response.status_code == 200
    html = response.content.decode()
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r'<p class="empty"[^>]*>(.*?)</p>', html, re.S)]


def test_applicant_home_without_an_application_says_how_to_start(client_for, org_b, batch):
    ApplicationFactory(organization=org_b, batch=batch, platform_name="乙示范平台")  # another organisation's
    response = client_for("applicant_a").get("/applicant/")
    assert empty_text(response) == [
        "本单位还没有申报记录。申报批次开放期间，在上方“待办”中填写平台名称，点击“开始申报”即可新建申报。"]
    assert "乙示范平台" not in response.content.decode()
    assert 'action="/applicant/applications/start/"' in response.content.decode()


def test_applicant_home_without_an_open_batch_says_when_to_come_back(client_for):
    assert empty_text(client_for("applicant_a").get("/applicant/")) == [
        "目前没有正在受理的申报批次。申报通知发布后即可在此开始申报。",
        "本单位还没有申报记录。申报批次开放期间，在上方“待办”中填写平台名称，点击“开始申报”即可新建申报。",
    ]


def test_district_inbox_empty_says_where_submissions_appear(client_for, org_b, batch):
    ApplicationFactory(organization=org_b, batch=batch, status=Status.SUBMITTED, platform_name="乙示范平台")
    response = client_for("officer_x").get("/district/")
    assert empty_text(response) == [
        "暂无待初审的申报。辖区内单位提交申报后会出现在这里。",
        "没有符合条件的申报。已办理的申报会出现在这里；筛选时请调整或清除筛选条件。",
    ]
    assert "乙示范平台" not in response.content.decode()


def test_bureau_home_empty_points_to_the_full_list(client_for, batch):
    ApplicationFactory(batch=batch, status=Status.DRAFT, platform_name="草稿平台")  # not the bureau's to handle
    response = client_for("bureau_officer").get("/bureau/")
    assert empty_text(response) == [
        "暂无需要您办理的申报。县区推荐或等待审批的申报会出现在这里；查看其他申报请进入“全部申报”。"]


def test_bureau_application_list_empty_with_and_without_filters(client_for, batch):
    client = client_for("bureau_officer")
    assert empty_text(client.get("/bureau/applications/")) == [
        "还没有申报。各单位提交申报后会出现在这里，县区推荐后由市局受理。"]
    ApplicationFactory(batch=batch, status=Status.RECOMMENDED, platform_name="已推荐平台")
    filtered = client.get("/bureau/applications/", {"q": "不存在的平台名称"})
    assert empty_text(filtered) == ["没有符合条件的申报。请调整或清除筛选条件后重新筛选。"]


def test_bureau_review_lists_empty_say_what_to_do(client_for, batch):
    client = client_for("bureau_officer")
    assert empty_text(client.get("/bureau/review/")) == [
        "没有待分配的申报。县区推荐的申报须先在申报页面“受理”（形式审查），才能分配评审组。",
        "还没有评审组。在下方新建一个评审组。",
    ]
    assert empty_text(client.get("/bureau/review/ranking/", {"batch": batch.pk})) == [
        "还没有进入评审的申报。在“市局评审”中将已受理的申报分配到评审组、抽取专家后，评分和排名会显示在这里。"]
    assert empty_text(client.get("/bureau/publicity/")) == ["还没有公示。拟认定名单审批后在这里发布公示。"]


def test_expert_pool_empty_says_how_to_add_experts(client_for):
    assert empty_text(client_for("bureau_officer").get("/bureau/experts/")) == [
        "专家库中还没有专家。点击“新增专家”逐个添加，或下载模板后从 Excel 批量导入。"]


def test_expert_home_without_invitations_explains_the_draw(client_for, personas, batch):
    make_expert(user=personas["expert_1"])
    other = make_expert(user=personas["expert_2"])
    group = make_group(batch, actor=personas["bureau_officer"])
    put_in_group(ApplicationFactory(batch=batch, status=Status.IN_REVIEW, platform_name="他人评审平台"), group,
                 personas["bureau_officer"])
    seat_expert(group, other, actor=personas["bureau_officer"])  # another expert's seat
    response = client_for("expert_1").get("/expert/")
    assert "暂无评审邀请。市中小企业服务局从专家库随机抽取您参加评审时，邀请会出现在这里并发送到您的邮箱；" in "".join(
        empty_text(response))
    assert "他人评审平台" not in response.content.decode()


def test_inbox_empty_says_what_will_arrive(client_for, personas):
    notify([personas["applicant_b"]], event="test", subject="给乙的消息", body="正文")
    response = client_for("applicant_a").get("/home/inbox/")
    assert empty_text(response) == ["暂无消息。需要您办理的事项会在这里提醒，并同时发送到您的电子邮箱。"]
    assert "给乙的消息" not in response.content.decode()
