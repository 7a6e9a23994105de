"""The help pages: one per role, public, with the steps, deadlines and FAQs; the header links each
signed-in user to the page of their role."""

import re

import pytest
from django.conf import settings

from shifan.accounts.session_policy import APPLICANT_IDLE, STAFF_IDLE
from shifan.applications.attachments import SLOTS
from shifan.portal.help import PAGES

pytestmark = pytest.mark.django_db

TITLES = {
    "applicant": "申报单位", "district": "县区主管部门", "bureau": "市中小企业服务局经办人员/负责人",
    "expert": "评审专家", "agency": "第三方评审机构", "public": "公众",
}
# persona → the help page the header's 帮助 link opens
HEADER = {
    None: "/help/", "applicant_a": "/help/applicant/", "officer_x": "/help/district/",
    "bureau_officer": "/help/bureau/", "bureau_head": "/help/bureau/", "bureau_admin": "/help/bureau/",
    "auditor": "/help/bureau/", "expert_1": "/help/expert/", "agency": "/help/agency/",
}


def headings(page: str, level: int) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", page, re.S)]


def test_the_index_lists_every_role(client):
    page = client.get("/help/").content.decode()
    assert headings(page, 1) == ["帮助"]
    assert headings(page, 2) == list(TITLES.values())
    for slug in TITLES:
        assert f'href="/help/{slug}/"' in page


@pytest.mark.parametrize("slug", list(TITLES))
def test_each_role_page_has_its_steps_deadlines_and_questions(client_for, slug):
    response = client_for(None).get(f"/help/{slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert headings(page, 1) == [f"帮助：{TITLES[slug]}"]
    expected = ["全年工作步骤", "时间要求", *(["上传文件的格式和大小"] if slug == "applicant" else []), "常见问题",
                "其他角色的帮助"]
    assert headings(page, 2) == expected
    assert headings(page, 3) == [step.title for step in PAGES[slug].steps]
    assert 'class="article-link" href="/regulation/#' in page  # the deadlines and steps cite the regulation


def test_the_applicant_page_answers_lockout_timeouts_autosave_and_file_limits(client):
    page = client.get("/help/applicant/").content.decode()
    assert f"连续输错密码 {settings.AXES_FAILURE_LIMIT} 次后，登录会被锁定 30 分钟" in page
    assert f"连续 {APPLICANT_IDLE // 3600} 小时没有操作会自动退出登录" in page
    assert "每 30 秒自动保存一次" in page
    for slot in SLOTS:
        assert f"<th scope=\"row\">{slot.title}</th>" in page
        assert f"<td>{slot.kinds_label}</td><td>{slot.size_label}</td><td>{slot.max_files}</td>" in page
    assert "身份验证器" not in page  # applicants have no second factor to lose


def test_staff_pages_answer_the_lost_authenticator_and_password_expiry(client):
    for slug in ("district", "bureau", "expert", "agency"):
        page = client.get(f"/help/{slug}/").content.decode()
        assert "请联系系统管理员重置身份验证器" in page
        assert f"连续 {STAFF_IDLE // 60} 分钟没有操作会自动退出登录" in page
        assert "每 180 天须修改一次" in page
    public = client.get("/help/public/").content.decode()
    assert "身份验证器" not in public and "提出异议需要注册账号吗？" in public


def test_the_deadlines_come_from_the_regulation(client):
    page = client.get("/help/applicant/").content.decode()
    assert ('拟认定名单公示 5 个工作日，期间可在门户网站提出异议'
            '（<a class="article-link" href="/regulation/#article-7-4">') in page
    assert '自认定之日起三年（<a class="article-link" href="/regulation/#article-10">第十条</a>）' in page


def test_an_unknown_role_is_404(client):
    assert client.get("/help/nobody/").status_code == 404


@pytest.mark.parametrize(("persona", "target"), list(HEADER.items()))
def test_the_header_links_to_the_page_of_the_users_role(client_for, persona, target):
    page = client_for(persona).get("/regulation/").content.decode()
    assert f'<a href="{target}" class="help-link">帮助</a>' in page
