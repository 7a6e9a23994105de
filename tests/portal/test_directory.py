"""The public directory and the public card: search, what is listed, and what is never shown."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shifan.portal.directory import search
from shifan.recognition.public import looks_like_mobile, public_cards, public_contact, public_text
from shifan.recognition.queries import directory
from tests.factories import OrganizationFactory
from tests.portal.helpers import (
    CONTACT_MOBILE,
    CONTACT_NAME,
    EMAIL,
    LEGAL_ID,
    LEGAL_MOBILE,
    LEGAL_NAME,
    OFFICE_PHONE,
    make_decision,
    make_recognition,
)

pytestmark = pytest.mark.django_db
PERSONAL = (CONTACT_NAME, CONTACT_MOBILE, EMAIL, LEGAL_ID, LEGAL_MOBILE, LEGAL_NAME)


@pytest.fixture
def platforms(batch, personas, org_a, org_b, district_x, district_y):
    officer = personas["bureau_officer"]
    decision = make_decision(batch, officer)
    today = timezone.localdate()
    return {
        "tech": make_recognition(batch=batch, officer=officer, decision=decision, organization=org_a,
                                 platform_name="赣江科技创新服务平台", functions=("technology", "quality")),
        "money": make_recognition(batch=batch, officer=officer, decision=decision, organization=org_b,
                                  platform_name="红谷滩融资服务平台", functions=("financing",)),
        "expired": make_recognition(batch=batch, officer=officer, decision=decision,
                                    organization=OrganizationFactory(name="丙检测有限公司", jurisdiction=district_x),
                                    platform_name="已过期检测平台", functions=("technology",),
                                    starts_on=today - timedelta(days=1200), expires_on=today - timedelta(days=1)),
        "revoked": make_recognition(batch=batch, officer=officer, decision=decision,
                                    organization=OrganizationFactory(name="丁培训有限公司", jurisdiction=district_y),
                                    platform_name="已撤销培训平台", functions=("technology",), revoked=True),
    }


def names(params: dict) -> set[str]:
    return {r.platform_name for r in search(params).found}


def test_search_by_platform_name(platforms):
    assert names({"q": "科技"}) == {"赣江科技创新服务平台"}
    assert names({"q": "  融资 "}) == {"红谷滩融资服务平台"}


def test_search_by_organisation_name(platforms):
    assert names({"q": "乙服务机构"}) == {"红谷滩融资服务平台"}


def test_search_by_service_function(platforms):
    assert names({"function": "technology"}) == {"赣江科技创新服务平台"}
    assert names({"function": "financing"}) == {"红谷滩融资服务平台"}
    assert names({"function": "training"}) == set()


def test_search_by_district(platforms, district_x, district_y):
    assert names({"district": district_x.code}) == {"赣江科技创新服务平台"}
    assert names({"district": district_y.code}) == {"红谷滩融资服务平台"}


def test_filters_combine_and_unknown_values_filter_nothing(platforms, district_y):
    assert names({"q": "平台", "function": "technology", "district": district_y.code}) == set()
    assert names({"function": "no-such-function", "district": "999999"}) == {"赣江科技创新服务平台",
                                                                            "红谷滩融资服务平台"}


def test_expired_and_revoked_recognitions_are_not_listed(platforms):
    listed = names({})
    assert listed == {"赣江科技创新服务平台", "红谷滩融资服务平台"}
    assert "已过期检测平台" not in names({"q": "检测"})
    assert "已撤销培训平台" not in names({"q": "培训"})


def test_the_public_card_shows_the_platform_and_its_office_contact(platforms):
    [card] = public_cards([platforms["tech"]])
    assert (card.platform_name, card.organization, card.district) == (
        "赣江科技创新服务平台", "甲服务机构有限公司", "东湖区")
    assert card.function_labels == ["技术服务", "质量管理"]
    assert card.decision_number == platforms["tech"].decision.number
    assert card.status == "valid" and card.status_label == "有效"
    assert card.contact.phone == OFFICE_PHONE
    assert card.contact.address and card.contact.website_url == "http://www.example-platform.test"
    assert card.services.startswith("平台为中小企业提供检测和咨询服务")


def test_the_public_card_never_contains_a_person(platforms, batch, personas):
    mobile_office = make_recognition(batch=batch, officer=personas["bureau_officer"], platform_name="手机号平台",
                                     profile={"contact_phone": "139 0000 2222"})
    cards = public_cards([platforms["tech"], platforms["revoked"], mobile_office])
    dumped = json.dumps([c.as_json() for c in cards], ensure_ascii=False) + repr(cards)
    for secret in (*PERSONAL, "13900002222", "139 0000 2222"):
        assert secret not in dumped
    assert cards[2].contact.phone == ""  # a mobile declared as the office phone is not shown at all
    assert cards[2].contact.address  # the rest of the organisation's contact still is


def test_status_of_revoked_and_expired_cards(platforms):
    cards = {c.platform_name: c for c in public_cards([platforms["expired"], platforms["revoked"]])}
    assert cards["已过期检测平台"].status == "expired"
    assert cards["已撤销培训平台"].status == "revoked"
    assert cards["已撤销培训平台"].revoked_on == timezone.localdate()


@pytest.mark.parametrize("phone", [
    "13912345678", "139 1234 5678", "139-1234-5678", "+86 139 1234 5678", "8613912345678",
    "0791-86123456 / 13912345678", "0791-86123456-13912345678", "（手机）13912345678",
])
def test_mobiles_are_recognised_in_any_writing(phone):
    assert looks_like_mobile(phone)
    assert public_contact({"contact_phone": phone}).phone == ""


@pytest.mark.parametrize("phone", ["0791-86123456", "(0791) 8612 3456", "86123456", "400-800-1234",
                                   "0791-86123456转8001", "0791-88881234、0791-88885678"])
def test_office_phones_are_shown(phone):
    assert not looks_like_mobile(phone)
    assert public_contact({"contact_phone": phone}).phone == phone


def test_public_contact_reads_nothing_but_the_office_fields():
    contact = public_contact({"contact_phone": OFFICE_PHONE, "contact_name": CONTACT_NAME, "email": EMAIL,
                              "contact_mobile": CONTACT_MOBILE, "website": "javascript:alert(1)"})
    assert contact.as_json() == {"phone": OFFICE_PHONE, "address": "", "website": "javascript:alert(1)"}
    assert contact.website_url == ""  # shown as text, never as a link


def test_public_text_masks_people_and_trims():
    text = public_text(f"联系{CONTACT_NAME} {CONTACT_MOBILE}，{EMAIL}，证件{LEGAL_ID}。" + "服务" * 400,
                       names=(CONTACT_NAME,))
    assert not any(secret in text for secret in (CONTACT_NAME, CONTACT_MOBILE, EMAIL, LEGAL_ID))
    assert len(text) == 301 and text.endswith("…")


def test_a_list_of_cards_costs_the_same_queries_for_2_and_20_platforms(batch, personas, client):
    officer = personas["bureau_officer"]
    decision = make_decision(batch, officer)

    def measure() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as domain:
            public_cards(directory())
        cache.clear()  # the portal keeps the page's data a minute (shifan.portal.caching): measure a cold page
        with CaptureQueriesContext(connection) as page:
            assert client.get("/platforms/").status_code == 200
        return len(domain.captured_queries), len(page.captured_queries)

    for _ in range(2):
        make_recognition(batch=batch, officer=officer, decision=decision)
    two = measure()
    for _ in range(18):
        make_recognition(batch=batch, officer=officer, decision=decision)
    twenty = measure()
    assert len(directory()) == 20
    assert two == twenty
    assert two[0] == 2
