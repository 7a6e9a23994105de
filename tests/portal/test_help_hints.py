"""Hints on the fields the regulation defines: each renders its article as a link to /regulation/, the
thresholds follow the batch's policy, and every anchor any hint (or condition) cites exists on /regulation/."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from shifan.applications.attachments import SLOTS
from shifan.applications.enums import Status
from shifan.applications.models import (
    Activity,
    Equipment,
    Investor,
    OperatingYear,
    Partner,
    ServedEnterprise,
    ServiceProduct,
    StaffMember,
)
from shifan.applications.sections import LISTS, SECTIONS
from shifan.city_review.domain.setup import DEFAULT_SHEET
from shifan.policies import hints
from shifan.policies.articles import anchor_for, references
from shifan.policies.models import Policy
from shifan.policies.seeds import NANCHANG_2022, NATIONAL_2017
from shifan.portal.help import PAGES
from shifan.tracking.domain import open_round
from tests.factories import ApplicationFactory
from tests.tracking.helpers import recognised

pytestmark = pytest.mark.django_db


def hint_of(page: str, name: str) -> str:
    """The inner HTML of the hint of the field named ``name`` (its ``<div class="field">`` block)."""
    blocks = [block for block in page.split('<div class="field') if f'name="{name}"' in block.split("</label>")[0]
              or f'name="{name}"' in block.split('class="hint"')[0]]
    assert blocks, f"no field {name}"
    match = re.search(r'<p class="hint"[^>]*>(.*?)</p>', blocks[0], re.S)
    assert match, f"no hint rendered for {name}"
    return match.group(1)


def assert_linked(page: str, name: str, hint) -> None:
    html = hint_of(page, name)
    anchor = anchor_for(hint.article)
    assert anchor, hint.article
    assert f'<a class="article-link" href="/regulation/#{anchor}">' in html, (name, html)
    assert unescape(re.sub(r"<[^>]+>", "", html)).startswith(f"{hint.article}："), (name, html)


@pytest.fixture
def draft(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")


SECTION_FIELDS = [(section.code, name) for section in SECTIONS for name in section.fields if name in hints.PROFILE]


def test_every_profile_field_of_the_sections_has_a_hint():
    fields = {name for section in SECTIONS for name in section.fields}
    assert fields - set(hints.PROFILE) == set()


@pytest.mark.parametrize(("code", "name"), SECTION_FIELDS)
def test_each_section_field_links_its_article(client_for, draft, code, name):
    page = client_for("applicant_a").get(f"/applicant/applications/{draft.pk}/sections/{code}/").content.decode()
    assert_linked(page, name, hints.PROFILE[name])


def test_section_hints_state_the_pinned_policys_numbers(client_for, draft, batch):
    client = client_for("applicant_a")
    scale = client.get(f"/applicant/applications/{draft.pk}/sections/scale/").content.decode()
    assert "资产总额 100 万元以上" in hint_of(scale, "total_assets")
    assert "面积 150 平方米以上" in hint_of(scale, "site_area_owned")
    national = Policy.objects.get(code=NATIONAL_2017["code"])
    batch.policy = national
    batch.save()
    scale = client.get(f"/applicant/applications/{draft.pk}/sections/scale/").content.decode()
    assert "资产总额 300 万元以上" in hint_of(scale, "total_assets")
    assert "平方米以上" not in hint_of(scale, "site_area_owned")
    capability = client.get(f"/applicant/applications/{draft.pk}/sections/capability/").content.decode()
    assert "信息查询类平台年开展大型服务活动 8 次以上；技术服务类平台年开展大型服务活动 5 次以上" in capability


ROW_SAMPLES = {
    "investors": lambda app: Investor(application=app, name="投资方"),
    "operating_years": lambda app: OperatingYear(application=app, year=2024),
    "service_products": lambda app: ServiceProduct(application=app, name="产品"),
    "partners": lambda app: Partner(application=app, name="南昌大学"),
    "activities": lambda app: Activity(application=app, date=date(2024, 5, 1), title="活动", function="technology"),
    "equipment": lambda app: Equipment(application=app, name="设备"),
    "staff": lambda app: StaffMember(application=app, name="张三"),
    "served_smes": lambda app: ServedEnterprise(application=app, name="企业", satisfied=True),
}
ROW_FIELDS = [(kind, name) for kind, table in hints.ROWS.items() for name in table]


def test_every_list_has_a_sample_row_and_hints_name_real_fields():
    assert set(ROW_SAMPLES) == set(LISTS)
    for kind, table in hints.ROWS.items():
        assert set(table) <= set(LISTS[kind].fields), kind


@pytest.mark.parametrize(("kind", "name"), ROW_FIELDS)
def test_each_row_field_links_its_article(client_for, draft, kind, name):
    row = ROW_SAMPLES[kind](draft)
    row.save()
    url = reverse("applicant:row-edit", args=[draft.pk, kind, row.pk])
    page = client_for("applicant_a").get(url).content.decode()
    assert_linked(page, name, hints.ROWS[kind][name])


def test_the_district_forms_link_their_articles(client_for, org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    ServedEnterprise.objects.bulk_create(
        [ServedEnterprise(application=application, name=f"企业{i}", satisfied=True, seq=i, mobile=f"137{i:08d}")
         for i in range(15)])
    client = client_for("officer_x")
    base = f"/district/applications/{application.pk}/review/"
    page = client.get(base).content.decode()
    for name in ("uscc_checked_on", "uscc_check", "impact", "exemplarity", "opinion", "sample_size"):
        assert_linked(page, name, hints.DISTRICT[name])
    client.post(f"{base}draw/", {"sample_size": "12"})
    page = client.get(base).content.decode()
    assert page.count('<a class="article-link" href="/regulation/#attachment-1">附件1</a>：测评方法') == 12


def test_the_tracking_report_links_its_articles_with_the_recognitions_policy(client_for, personas, org_a):
    today = timezone.localdate()
    recognised(org_a, officer=personas["bureau_officer"], head=personas["bureau_head"], year=today.year - 3,
               starts_on=today - timedelta(days=10), platform_name="甲平台")
    report = open_round(actor=personas["bureau_officer"], year=today.year - 1, title="跟踪", opens_on=today,
                        due_on=today + timedelta(days=30)).reports.get()
    page = client_for("applicant_a").get(reverse("applicant:tracking-report", args=[report.pk])).content.decode()
    for name in ("total_assets", "staff_full_time", "staff_qualified", "smes_served", "partners", "summary"):
        assert_linked(page, name, hints.TRACKING[name])
    assert "专职从业人员 10 人以上" in hint_of(page, "staff_full_time")


def test_eligibility_rows_link_each_condition(client_for, draft):
    page = client_for("applicant_a").get(f"/applicant/applications/{draft.pk}/").content.decode()
    table = page.split('class="data eligibility-table"')[1].split("</table>")[0]
    rows = re.findall(r'<tr data-condition="(\w+)">(.*?)</tr>', table, re.S)
    assert len(rows) >= 10
    for code, row in rows:
        cited = (r'<td class="nowrap"><a class="article-link" '
                 r'href="/regulation/#(article-5-[1-6]|article-6|attachment-5)">')
        assert re.search(cited, row), code


def test_the_formal_check_links_each_item(client_for, org_a, batch, personas):
    from tests.factories import make_recommendable, make_submittable

    application = make_submittable(ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED))
    make_recommendable(application, personas["officer_x"])
    application.status = Status.RECOMMENDED
    application.save()
    page = client_for("bureau_officer").get(f"/bureau/applications/{application.pk}/").content.decode()
    for anchor, label in (("article-8", "第八条"), ("attachment-1", "附件1"), ("article-5", "第五条")):
        assert f'<a class="article-link cite" href="/regulation/#{anchor}">查看{label}原文</a>' in page


def _cited_texts() -> list[str]:
    """Everything that cites the regulation: hints (with and without a policy), sections, upload slots,
    the default score sheet, the help pages."""
    texts = hints.all_hints() + hints.all_hints(Policy(**{k: v for k, v in NANCHANG_2022.items()}))
    texts += [section.article for section in SECTIONS] + [section.hint for section in SECTIONS]
    texts += [slot.article for slot in SLOTS] + [row.guidance for row in DEFAULT_SHEET]
    for page in PAGES.values():
        texts += [page.intro, *page.deadlines, *(step.text for step in page.steps), *(f.answer for f in page.faqs)]
    return texts


def test_every_anchor_cited_anywhere_exists_on_the_regulation_page(client):
    anchors = {anchor for text in _cited_texts() for _, _, anchor in references(text)}
    anchors |= {anchor_for(code) for code in ("五(一)", "五(二)", "五(三)", "五(四)", "五(五)", "五(六)", "附件5")}
    assert {"article-5-1", "article-5-6", "article-7-4", "article-8-10", "attachment-1", "article-13"} <= anchors
    page = client.get("/regulation/").content.decode()
    missing = sorted(anchor for anchor in anchors if f'id="{anchor}"' not in page)
    assert missing == []


def test_the_regulation_page_anchors_each_numbered_condition(client):
    page = client.get("/regulation/").content.decode()
    assert re.search(r'<p id="article-5-2">（二）有专业的服务团队', page)
    assert re.search(r'<li id="article-8-4">\(四\)上一年度包含服务收支情况的审计报告', page)
    assert re.search(r'<p id="article-7-3">\(三\)各县区', page)
    assert [f"article-4-{i}" for i in range(1, 11)] == re.findall(r'id="(article-4-\d+)"', page)


def test_the_filters_link_citations_and_leave_other_help_texts_plain():
    from shifan.policies.templatetags.regulation_tags import article_link, hint_links, regulation_links

    assert str(article_link("五(一)")) == '<a class="article-link" href="/regulation/#article-5-1">五(一)</a>'
    assert str(regulation_links("见第八条（二）（三）<b>")) == (
        '见<a class="article-link" href="/regulation/#article-8-2">第八条（二）</a>'
        '<a class="article-link" href="/regulation/#article-8-3">（三）</a>&lt;b&gt;')
    # Linked texts are remembered per text: a safe string and a plain one of the same text stay apart.
    assert str(regulation_links(mark_safe("<b>无引用</b>"))) == "<b>无引用</b>"
    assert str(regulation_links("<b>无引用</b>")) == "&lt;b&gt;无引用&lt;/b&gt;"
    plain = "由导入的服务企业名单（附件5）自动计算。"
    assert str(hint_links(plain)) == plain
    assert str(hint_links("附件5：名单<x>")) == (
        '<a class="article-link" href="/regulation/#attachment-5">附件5</a>：名单&lt;x&gt;')
