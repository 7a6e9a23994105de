"""The pages of 扶持 and 典型经验: bureau, district, applicant home and portal."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from shifan.support.domain import GrantInput, publish_case, record_grant, save_case
from shifan.support.models import CaseState, SupportGrant, TypicalCase
from tests.factories import MINIMAL_PDF, ApplicationFactory
from tests.recognition_factories import make_recognition
from tests.support.helpers import BODY, recognised, submitted_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform_x(personas, district_x):
    return recognised(district_x, personas, name="东湖示范平台")


def _grant(platform, personas, **changes):
    values = {"kind": "funding", "granted_on": timezone.localdate(), "amount": Decimal("4321.5")}
    return record_grant(platform, GrantInput(**{**values, **changes}), actor=personas["bureau_officer"])


def test_an_officer_records_a_grant_from_the_recognition_page(platform_x, client_for):
    client = client_for("bureau_officer")
    page = client.get(reverse("bureau:recognition", args=[platform_x.pk])).content.decode()
    assert "扶持情况（第十一条）" in page and "尚未登记扶持情况。" in page
    response = client.post(reverse("bureau:support-grant-add", args=[platform_x.pk]), {
        "kind": "funding", "amount": "50", "granted_on": timezone.localdate().isoformat(),
        "document_number": "洪企服字〔2026〕30号", "document": SimpleUploadedFile("奖补.pdf", MINIMAL_PDF),
    })
    assert response.status_code == 302
    assert response["Location"] == reverse("bureau:recognition", args=[platform_x.pk])
    grant = SupportGrant.objects.get()
    page = client.get(reverse("bureau:recognition", args=[platform_x.pk])).content.decode()
    assert "洪企服字〔2026〕30号" in page and "奖补.pdf" in page and ">50<" in page
    download = client.get(reverse("bureau:support-grant-document", args=[grant.pk]))
    assert b"".join(download.streaming_content) == MINIMAL_PDF
    assert download["X-Content-Type-Options"] == "nosniff"


def test_bad_grant_input_comes_back_with_the_message_and_what_was_typed(platform_x, client_for):
    response = client_for("bureau_officer").post(reverse("bureau:support-grant-add", args=[platform_x.pk]), {
        "kind": "funding", "amount": "-3", "granted_on": "", "document_number": "洪企服字〔2026〕31号",
    })
    assert response.status_code == 400
    page = response.content.decode()
    assert "扶持金额不能为负数。" in page and "请填写扶持日期。" in page
    assert 'value="洪企服字〔2026〕31号"' in page
    response = client_for("bureau_officer").post(reverse("bureau:support-grant-add", args=[platform_x.pk]),
                                                 {"kind": "funding", "amount": "五十"})
    assert "扶持金额请填写数字（万元）。" in response.content.decode()
    assert not SupportGrant.objects.exists()


def test_the_head_sees_grants_but_gets_no_buttons(platform_x, personas, client_for):
    _grant(platform_x, personas)
    page = client_for("bureau_head").get(reverse("bureau:recognition", args=[platform_x.pk])).content.decode()
    assert "4321.5" in page
    assert reverse("bureau:support-grant-add", args=[platform_x.pk]) not in page


def test_the_portal_shows_kind_and_date_and_only_public_amounts(platform_x, personas, client_for):
    _grant(platform_x, personas, granted_on=timezone.localdate() - timedelta(days=1))
    _grant(platform_x, personas, kind="voucher", amount=Decimal("12.25"), public=True)
    page = client_for(None).get(reverse("portal:platform", args=[platform_x.verification_code])).content.decode()
    assert "资金补助" in page and "服务券/购买服务" in page
    assert "12.25" in page
    assert "4321" not in page


def test_the_organisation_sees_its_grants_with_amounts_on_its_home(personas, org_a, client_for):
    application = ApplicationFactory(organization=org_a, platform_name="甲示范平台")
    platform = make_recognition(application, officer=personas["bureau_officer"], head=personas["bureau_head"],
                                starts_on=timezone.localdate() - timedelta(days=5))
    _grant(platform, personas)
    assert "4321.5" in client_for("applicant_a").get(reverse("applicant:home")).content.decode()
    assert "4321.5" not in client_for("applicant_b").get(reverse("applicant:home")).content.decode()


def test_a_district_writes_saves_and_submits_a_case(platform_x, personas, district_y, client_for):
    other = recognised(district_y, personas, name="红谷滩示范平台")
    client = client_for("officer_x")
    page = client.get(reverse("district:cases")).content.decode()
    assert "东湖示范平台" in page and "红谷滩示范平台" not in page
    assert client.get(reverse("district:case-new", args=[other.pk])).status_code == 404
    response = client.post(reverse("district:case-new", args=[platform_x.pk]),
                           {"title": "服务站模式", "summary": "摘要", "body": "太短"})
    assert response.status_code == 400
    assert "正文过短：请写明平台的做法和成效（至少50个字）。" in response.content.decode()
    assert 'value="服务站模式"' in response.content.decode()
    response = client.post(reverse("district:case-new", args=[platform_x.pk]),
                           {"title": "服务站模式", "summary": "摘要", "body": BODY})
    case = TypicalCase.objects.get()
    assert response["Location"] == reverse("district:case", args=[case.pk])
    assert client.post(reverse("district:case-submit", args=[case.pk])).status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    assert client_for("officer_y").get(reverse("district:case", args=[case.pk])).status_code == 404
    again = client.post(reverse("district:case-submit", args=[case.pk]))
    assert again.status_code == 400 and "该典型经验已报送。" in again.content.decode()


def test_the_bureau_publishes_and_the_portal_shows_published_cases_only(platform_x, personas, client_for):
    draft = save_case(platform_x, actor=personas["officer_x"], title="草稿中的经验", summary="摘要", body=BODY)
    case = submitted_case(platform_x, personas["officer_x"], title="服务站模式的经验")
    anon = client_for(None)
    assert anon.get(reverse("portal:case", args=[case.pk])).status_code == 404
    assert anon.get(reverse("portal:case", args=[draft.pk])).status_code == 404
    client = client_for("bureau_officer")
    inbox = client.get(reverse("bureau:support-cases")).content.decode()
    assert "服务站模式的经验" in inbox and "草稿中的经验" not in inbox
    assert client.get(reverse("bureau:support-case", args=[draft.pk])).status_code == 404
    refused = client.post(reverse("bureau:support-case-decide", args=[case.pk]), {"decision": "decline"})
    assert refused.status_code == 400 and "不予采用须填写理由。" in refused.content.decode()
    client.post(reverse("bureau:support-case-decide", args=[case.pk]), {"decision": "publish"})
    case.refresh_from_db()
    assert case.state == CaseState.PUBLISHED
    listing = anon.get(reverse("portal:cases")).content.decode()
    assert "服务站模式的经验" in listing and "草稿中的经验" not in listing
    detail = anon.get(reverse("portal:case", args=[case.pk])).content.decode()
    assert "东湖示范平台" in detail and reverse("portal:platform", args=[platform_x.verification_code]) in detail
    assert "东湖区经办" not in detail  # the author stays internal
    home = anon.get(reverse("portal:index")).content.decode()
    assert "服务站模式的经验" in home and reverse("portal:cases") in home
    platform_page = anon.get(reverse("portal:platform", args=[platform_x.verification_code])).content.decode()
    assert "服务站模式的经验" in platform_page


def test_a_published_case_of_a_platform_is_linked_from_its_portal_page(platform_x, personas, client_for):
    case = publish_case(submitted_case(platform_x, personas["officer_x"]), actor=personas["bureau_head"])
    page = client_for(None).get(reverse("portal:platform", args=[platform_x.verification_code])).content.decode()
    assert reverse("portal:case", args=[case.pk]) in page
