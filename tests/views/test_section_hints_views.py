"""The section pages state the thresholds of the application's own policy version (applicant and officials),
and the general help pages say whose figures they quote."""

import re
from html import unescape

import pytest

from shifan.applications.enums import Status
from shifan.applications.section_hints import section_hint
from shifan.applications.sections import SECTIONS_BY_CODE
from shifan.policies.hints import number
from shifan.policies.models import Policy
from shifan.policies.seeds import NANCHANG_2022, NATIONAL_2017
from shifan.portal.help import FIGURES_NOTE
from tests.factories import ApplicationFactory, shipped_policy

pytestmark = pytest.mark.django_db

NANCHANG_SCALE = "第五条(一)：资产总额 100 万元以上，固定服务场所面积 150 平方米以上（自有与租用合计）。"
NANCHANG_STAFF = "第五条(二)：专职从业人员 10 人以上，其中大专及以上学历或中级及以上技术职称的占 70% 以上。"
NANCHANG_SERVED = "名单须 100 家以上；满意度按“满意”行数占全部行数计算，须达 80% 以上。"
NATIONAL_SCALE = (f"第五条(一)：资产总额 {number(NATIONAL_2017['min_total_assets'])} 万元以上，"
                  "有固定的服务场所（本版本办法不限面积）。")
NATIONAL_STAFF = (f"第五条(二)：专职从业人员 {NATIONAL_2017['min_staff']} 人以上，"
                  f"其中大专及以上学历或中级及以上技术职称的占 {number(NATIONAL_2017['min_qualified_ratio'])}% 以上。")
NATIONAL_SERVED = f"满意度按“满意”行数占全部行数计算，须达 {number(NATIONAL_2017['min_satisfaction'])}% 以上。"


def banners(page: str) -> list[str]:
    return [unescape(text) for text in re.findall(r'<p class="rule-hint">(.*?)</p>', page, re.S)]


def applicant_page(client_for, application, code: str) -> str:
    response = client_for("applicant_a").get(f"/applicant/applications/{application.pk}/sections/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def official_page(client_for, persona: str, prefix: str, application, code: str) -> str:
    response = client_for(persona).get(f"/{prefix}/applications/{application.pk}/sections/{code}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def draft(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")


@pytest.fixture
def submitted(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED, platform_name="甲平台")


def pin(batch, policy) -> None:
    batch.policy = policy
    batch.save()


def test_a_nanchang_batch_shows_the_banners_as_before(client_for, draft):
    assert banners(applicant_page(client_for, draft, "scale")) == [NANCHANG_SCALE]
    assert banners(applicant_page(client_for, draft, "staff")) == [NANCHANG_STAFF]
    assert banners(applicant_page(client_for, draft, "served")) == [NANCHANG_SERVED]
    assert "培训服务类年培训 1000 人次以上；集聚社会服务机构 2 家以上。" in banners(
        applicant_page(client_for, draft, "capability"))[0]


def test_a_national_batch_shows_its_own_numbers_and_not_nanchangs(client_for, draft, batch):
    pin(batch, shipped_policy("national-2017"))
    scale = applicant_page(client_for, draft, "scale")
    assert banners(scale) == [NATIONAL_SCALE]
    assert "100 万元" not in scale and "150 平方米" not in scale
    staff = applicant_page(client_for, draft, "staff")
    assert banners(staff) == [NATIONAL_STAFF]
    assert "10 人以上" not in staff and "70%" not in staff
    assert banners(applicant_page(client_for, draft, "served")) == [NATIONAL_SERVED]
    operations = banners(applicant_page(client_for, draft, "operations"))[0]
    assert f"年服务 {NATIONAL_2017['min_smes_served']} 户以上" in operations and "80 户" not in operations
    capability = banners(applicant_page(client_for, draft, "capability"))[0]
    assert "人次" not in capability  # the national version sets no training volume
    assert f"集聚社会服务机构 {NATIONAL_2017['min_partners']} 家以上" in capability


def test_a_threshold_the_version_leaves_empty_is_omitted_from_the_page(client_for, draft, batch):
    spec = {**NANCHANG_2022, "code": "sparse-test", "is_default": False, "min_total_assets": None,
            "min_served_list_rows": None, "min_staff": None}
    pin(batch, Policy.objects.create(**spec))
    scale = applicant_page(client_for, draft, "scale")
    assert banners(scale) == ["第五条(一)：固定服务场所面积 150 平方米以上（自有与租用合计）。"]
    assert "None" not in scale
    assert banners(applicant_page(client_for, draft, "served")) == [
        "满意度按“满意”行数占全部行数计算，须达 80% 以上。"]
    assert banners(applicant_page(client_for, draft, "staff")) == [
        "第五条(二)：专职从业人员中大专及以上学历或中级及以上技术职称的占 70% 以上。"]


def test_a_version_without_the_sections_thresholds_shows_no_banner(client_for, draft, batch):
    spec = {**NANCHANG_2022, "code": "bare-test", "is_default": False, "min_total_assets": None,
            "min_site_area": None}
    pin(batch, Policy.objects.create(**spec))
    assert banners(applicant_page(client_for, draft, "scale")) == []


def test_sections_without_a_rule_keep_their_instructions(client_for, draft, batch):
    pin(batch, shipped_policy("national-2017"))
    certificates = SECTIONS_BY_CODE["certificates"]
    assert certificates.hint in banners(applicant_page(client_for, draft, "certificates"))


@pytest.mark.parametrize(("persona", "prefix"), [("officer_x", "district"), ("bureau_officer", "bureau")])
def test_the_officials_readonly_pages_show_the_same_banner(client_for, submitted, batch, persona, prefix):
    assert banners(official_page(client_for, persona, prefix, submitted, "scale")) == [NANCHANG_SCALE]
    pin(batch, shipped_policy("national-2017"))
    scale = official_page(client_for, persona, prefix, submitted, "scale")
    assert banners(scale) == [NATIONAL_SCALE]
    assert NANCHANG_SCALE not in scale
    assert banners(official_page(client_for, persona, prefix, submitted, "served")) == [NATIONAL_SERVED]
    national = Policy.objects.get(code="national-2017")
    for code in ("operations", "capability", "staff"):
        page = official_page(client_for, persona, prefix, submitted, code)
        assert banners(page) == [section_hint(SECTIONS_BY_CODE[code], national)]
    # the applicant's upload instructions are not repeated to officials
    assert banners(official_page(client_for, persona, prefix, submitted, "certificates")) == []


def test_the_help_pages_say_whose_figures_they_quote(client, batch):
    page = client.get("/help/applicant/").content.decode()
    assert FIGURES_NOTE in page
    assert "以所属申报批次适用的认定管理办法为准" in page
    assert f"当前开放申报的“{batch.name}”适用{batch.policy.name}（{batch.policy.document_number}）。" in page
    pin(batch, shipped_policy("national-2017"))
    district = client.get("/help/district/").content.decode()
    assert "：12 家以上" in district and FIGURES_NOTE in district
    assert f"适用{NATIONAL_2017['name']}（{NATIONAL_2017['document_number']}）" in district
    for slug in ("expert", "agency"):  # no figures of the regulation there
        assert FIGURES_NOTE not in client.get(f"/help/{slug}/").content.decode()


def test_the_help_note_names_no_batch_when_none_is_open(client):
    page = client.get("/help/public/").content.decode()
    assert FIGURES_NOTE in page
    assert "当前开放申报" not in page
