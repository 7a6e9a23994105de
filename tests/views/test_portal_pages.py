"""The public portal's pages and its JSON API: anonymous access, filters, pagination, 404s, the API's shape."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import BatchFactory, OrganizationFactory
from tests.portal.helpers import (
    ADDRESS,
    CONTACT_MOBILE,
    CONTACT_NAME,
    EMAIL,
    LEGAL_ID,
    OFFICE_PHONE,
    WEBSITE,
    make_decision,
    make_recognition,
)
from tests.recognition_factories import PUBLIC_REASON

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def anon(client_for):
    return client_for(None)


@pytest.fixture
def officer(personas):
    return personas["bureau_officer"]


@pytest.fixture
def tech(batch, officer, org_a):
    return make_recognition(batch=batch, officer=officer, organization=org_a, platform_name="赣江科技创新服务平台",
                            functions=("technology", "quality"), code="TECH23456789")


@pytest.fixture
def money(batch, officer, org_b):
    return make_recognition(batch=batch, officer=officer, organization=org_b, platform_name="红谷滩融资服务平台",
                            functions=("financing",), code="MNY234567892")


def many(batch, officer, n: int, district) -> list:
    decision = make_decision(batch, officer)
    return [make_recognition(batch=batch, officer=officer, decision=decision, platform_name=f"批量平台{i:02d}",
                             organization=OrganizationFactory(jurisdiction=district)) for i in range(n)]


@pytest.mark.parametrize("path", ["/", "/platforms/", "/platforms/TECH23456789/", "/regulation/", "/notices/",
                                  "/api/v1/platforms/", "/api/v1/platforms/TECH23456789/"])
def test_public_pages_answer_anonymous_visitors(anon, tech, path):
    assert anon.get(path).status_code == 200


def test_the_directory_filters_by_name_function_and_district(anon, tech, money, district_y):
    assert "红谷滩融资服务平台" not in text(anon.get("/platforms/?q=科技"))
    page = text(anon.get("/platforms/?q=甲服务机构"))
    assert "赣江科技创新服务平台" in page and "红谷滩融资服务平台" not in page
    page = text(anon.get("/platforms/?function=financing"))
    assert "红谷滩融资服务平台" in page and "赣江科技创新服务平台" not in page
    page = text(anon.get(f"/platforms/?district={district_y.code}"))
    assert "红谷滩融资服务平台" in page and "赣江科技创新服务平台" not in page
    assert "没有符合条件的示范平台" in text(anon.get("/platforms/?q=不存在的平台"))


def test_the_directory_pages_by_20(anon, batch, officer, district_x):
    many(batch, officer, 23, district_x)
    first, second = text(anon.get("/platforms/")), text(anon.get("/platforms/?page=2"))
    assert first.count('class="platform-item"') == 20 and second.count('class="platform-item"') == 3
    assert "共 23 家示范平台" in first and "第 1 / 2 页" in first
    assert "第 2 / 2 页" in text(anon.get("/platforms/?page=99"))


def test_the_platform_page_shows_the_public_card_and_nobody(anon, tech):
    page = text(anon.get("/platforms/TECH23456789/"))
    for shown in ("赣江科技创新服务平台", "甲服务机构有限公司", "东湖区", "技术服务", "质量管理", tech.decision.number,
                  OFFICE_PHONE, ADDRESS, WEBSITE, "有效", "/regulation/#article-5"):
        assert shown in page
    for hidden in (CONTACT_NAME, CONTACT_MOBILE, EMAIL, LEGAL_ID):
        assert hidden not in page


def test_the_platform_page_finds_a_code_in_lower_case(anon, tech):
    assert anon.get("/platforms/tech23456789/").status_code == 200


def test_unknown_platforms_are_404(anon, tech):
    assert anon.get("/platforms/NOSUCHCODE23/").status_code == 404
    assert anon.get(f"/platforms/{tech.pk}/").status_code == 404  # never by database id
    response = anon.get("/api/v1/platforms/NOSUCHCODE23/")
    assert response.status_code == 404
    assert json.loads(response.content) == {"detail": "未找到该示范平台。"}


def test_a_revoked_platform_keeps_its_page_with_the_status(anon, batch, officer):
    make_recognition(batch=batch, officer=officer, platform_name="已撤销平台", revoked=True, code="REV234567892")
    assert "已撤销平台" not in text(anon.get("/platforms/"))
    page = text(anon.get("/platforms/REV234567892/"))
    assert "已撤销" in page and "示范平台称号已于" in page
    assert PUBLIC_REASON in page  # the approved revocation's public reason (第十条)


def test_the_api_answers_the_exact_shape(anon, tech):
    response = anon.get("/api/v1/platforms/")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=300"
    assert "赣江科技创新服务平台".encode() in response.content  # ensure_ascii=False: Chinese as UTF-8
    today = timezone.localdate()
    card = {
        "code": "TECH23456789",
        "platform_name": "赣江科技创新服务平台",
        "organization": "甲服务机构有限公司",
        "district": "东湖区",
        "district_code": "360102",
        "service_functions": [{"code": "technology", "label": "技术服务"}, {"code": "quality", "label": "质量管理"}],
        "decision_number": tech.decision.number,
        "decision_date": tech.starts_on.isoformat(),
        "valid_until": tech.expires_on.isoformat(),
        "status": "valid",
        "status_label": "有效",
        "revoked_on": None,
        "contact": {"phone": OFFICE_PHONE, "address": ADDRESS, "website": WEBSITE},
        "services": "平台为中小企业提供检测和咨询服务，联系人＊＊＊，手机＊＊＊，邮箱＊＊＊，"
                    "法定代表人＊＊＊（身份证＊＊＊）。",
        "url": "http://testserver/platforms/TECH23456789/",
    }
    assert json.loads(response.content) == {"count": 1, "results": [card], "next": None}
    assert tech.starts_on < today < tech.expires_on
    one = anon.get("/api/v1/platforms/TECH23456789/")
    assert one["Cache-Control"] == "public, max-age=300"
    assert json.loads(one.content) == card


def test_the_api_filters_and_pages(anon, tech, money, batch, officer, district_x, monkeypatch):
    monkeypatch.setattr("shifan.portal.api.API_PAGE_SIZE", 2)
    assert [r["code"] for r in json.loads(anon.get("/api/v1/platforms/?function=financing").content)["results"]] \
        == ["MNY234567892"]
    many(batch, officer, 3, district_x)
    first = json.loads(anon.get(f"/api/v1/platforms/?district={district_x.code}").content)
    assert first["count"] == 4 and len(first["results"]) == 2
    assert first["next"] == f"http://testserver/api/v1/platforms/?district={district_x.code}&page=2"
    second = json.loads(anon.get(first["next"]).content)
    assert len(second["results"]) == 2 and second["next"] is None
    assert anon.get("/api/v1/platforms/?page=9").status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/platforms/", "/api/v1/platforms/TECH23456789/"])
def test_the_api_is_read_only(anon, client, tech, path):
    assert anon.post(path, {}).status_code == 405
    assert client.post(path, {}).status_code == 405  # no CSRF token: still 405, nothing to protect
    assert anon.put(path).status_code == 405
    assert anon.delete(path).status_code == 405


def test_pages_are_get_only(anon, tech):
    for path in ("/platforms/", "/platforms/TECH23456789/", "/regulation/", "/notices/"):
        assert anon.post(path, {}).status_code == 405


def test_the_regulation_page_has_each_article_with_its_anchor(anon):
    page = text(anon.get("/regulation/"))
    assert "第五条" in page and 'id="article-5"' in page
    assert 'id="article-14"' in page and 'id="chapter-3"' in page and 'id="attachment-6"' in page
    assert "市级示范平台认定有效期为三年" in page  # 第十条, verbatim
    assert 'href="#article-10"' in page  # the table of contents


def test_the_notices_page_lists_published_notices_newest_first(anon, batch):
    BatchFactory(year=batch.year - 1, state="closed", notice_title="去年的申报通知", notice_number="洪企服字〔旧〕1号")
    BatchFactory(year=batch.year + 1, state="preparing", notice_title="筹备中的通知")
    batch.notice_title, batch.notice_number = "今年的申报通知", "洪企服字〔新〕2号"
    batch.notice_text = "请各单位按时申报。"
    batch.save()
    page = text(anon.get("/notices/"))
    assert page.index("今年的申报通知") < page.index("去年的申报通知")
    assert "洪企服字〔新〕2号" in page and "请各单位按时申报。" in page and f'id="batch-{batch.year}"' in page
    assert "筹备中的通知" not in page


def test_the_home_page_shows_ten_platforms_the_batch_and_the_portal_links(anon, batch, officer, district_x):
    many(batch, officer, 12, district_x)
    page = text(anon.get("/"))
    assert page.count('class="platform-item"') == 10
    assert "查看全部 12 家示范平台" in page
    assert batch.name in page
    for link in ('href="/platforms/"', 'href="/publicity/"', 'href="/verify/"', 'href="/notices/"',
                 'href="/regulation/"', 'href="/regulation/#article-5"'):
        assert link in page


def test_the_procedure_states_the_open_batch_s_numbers_else_the_regulation_s(anon, batch):
    from shifan.batches.models import Batch
    from shifan.policies.models import Policy

    policy = batch.policy
    policy.survey_sample_size, policy.publicity_working_days = 15, 7
    policy.save()
    home = text(anon.get("/"))
    assert "抽取 15 家以上服务企业测评满意度" in home and "公示</a> 7 个工作日" in home
    assert "将在这里公示 7 个工作日" in text(anon.get("/publicity/"))  # no list published yet
    # No open batch: the default version's numbers; with no version at all, the regulation's own.
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.CLOSED)
    Policy.objects.update(is_default=False)
    Policy.objects.filter(pk=policy.pk).update(is_default=True)
    assert "抽取 15 家以上" in text(anon.get("/"))
    Policy.objects.update(is_default=False)
    home = text(anon.get("/"))
    assert "抽取 12 家以上服务企业测评满意度" in home and "公示</a> 5 个工作日" in home
    assert "将在这里公示 5 个工作日" in text(anon.get("/publicity/"))


def test_logged_in_users_read_the_portal_too(client_for, tech):
    assert client_for("applicant_b").get("/platforms/TECH23456789/").status_code == 200
    assert client_for("bureau_head").get("/regulation/").status_code == 200


def test_an_expired_platform_keeps_its_page(anon, batch, officer):
    today = timezone.localdate()
    make_recognition(batch=batch, officer=officer, platform_name="过期平台", code="EXP234567892",
                     starts_on=today - timedelta(days=1100), expires_on=today - timedelta(days=2))
    page = text(anon.get("/platforms/EXP234567892/"))
    assert "已过期" in page and "期满" in page
