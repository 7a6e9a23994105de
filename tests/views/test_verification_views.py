"""The public certificate verification page: valid, expired and revoked recognitions, unknown codes,
and nothing private on the page even though the application holds it."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from shifan.applications.models import ApplicationProfile
from shifan.portal.verification import NOT_FOUND
from tests.factories import ApplicationFactory, BatchFactory
from tests.recognition_factories import PUBLIC_REASON, make_recognition

pytestmark = pytest.mark.django_db

# Private data of the application: none of it may reach the public page.
PRIVATE = {
    "contact_name": "联系人王小五", "contact_phone": "0791-86661234", "contact_mobile": "13912345678",
    "contact_fax": "0791-86664321", "email": "wangxiaowu@jia.example", "legal_representative_name": "法人赵大六",
    "legal_representative_id_number": "36010219800101123X", "legal_representative_mobile": "13987654321",
}


@pytest.fixture
def make(personas, org_a, batch):
    """Org A's recognitions (one per batch), with a profile full of private contact data."""
    made = []

    def build(code: str, **options):
        application = ApplicationFactory(organization=org_a, batch=BatchFactory(year=batch.year - len(made)),
                                         platform_name="甲科技创新服务平台")
        made.append(application)
        ApplicationProfile.objects.create(application=application, service_functions=["technology"], **PRIVATE)
        return make_recognition(application, officer=personas["bureau_officer"], head=personas["bureau_head"],
                                verification_code=code, service_functions=["technology", "training"], **options)

    return build


def status_of(content: str) -> tuple[str, str]:
    match = re.search(r'id="verify-status" data-status="(\w+)">([^<]+)<', content)
    assert match, "no status on the page"
    return match.group(1), match.group(2)


def assert_nothing_private(content: str) -> None:
    leaked = [value for value in PRIVATE.values() if value in content]
    assert leaked == []
    for fragment in ("13912345678", "139 1234 5678", "王小五", "赵大六", "@jia.example", "8666"):
        assert fragment not in content


def test_a_valid_certificate_shows_valid_and_the_public_facts(make, client):
    recognition = make("VAXD2345ABCD")
    response = client.get(reverse("portal:verify-code", kwargs={"code": "VAXD2345ABCD"}))
    content = response.content.decode()
    assert response.status_code == 200
    assert status_of(content) == ("valid", "有效")
    assert "该证书真实有效" in content
    facts = dict(re.findall(r"<dt>([^<]+)</dt><dd[^>]*>([^<]*)</dd>", content))
    today = timezone.localdate()
    assert facts == {
        "平台名称": "甲科技创新服务平台", "运营单位": "甲服务机构有限公司", "所在辖区": "东湖区",
        "服务功能": "技术服务、培训服务", "认定文号": recognition.decision.number,
        "认定日期": f"{today.year}年{today.month}月{today.day}日",
        "有效期至": f"{recognition.expires_on.year}年{recognition.expires_on.month}月{recognition.expires_on.day}日",
        "证书验证码": "VAXD2345ABCD",
    }
    assert "撤销" not in content
    assert_nothing_private(content)
    assert "no-cache" in response["Cache-Control"]


def test_an_expired_certificate_shows_expired(make, client):
    make("EXP2RD345678", starts_on=date(2022, 6, 1), expires_on=timezone.localdate() - timedelta(days=1))
    response = client.get("/verify/EXP2RD345678/")
    content = response.content.decode()
    assert response.status_code == 200
    assert status_of(content) == ("expired", "已过期")
    assert "认定已于" in content and "期满，证书已过期" in content
    assert_nothing_private(content)


def test_a_revoked_certificate_shows_revoked_with_number_reason_and_date(make, client):
    recognition = make("REVK2D345678", revoked=True)
    revocation = recognition.revocations.get()
    day = timezone.localtime(revocation.decided_at).date()
    response = client.get("/verify/REVK2D345678/")
    content = response.content.decode()
    assert response.status_code == 200
    assert status_of(content) == ("revoked", "已撤销")
    facts = dict(re.findall(r"<dt>([^<]+)</dt><dd[^>]*>([^<]*)</dd>", content))
    assert facts["撤销文号"] == revocation.number
    assert facts["撤销日期"] == f"{day.year}年{day.month}月{day.day}日"
    assert facts["撤销原因"] == PUBLIC_REASON
    assert revocation.reason not in content  # the internal reason stays internal
    assert_nothing_private(content)


def test_a_revoked_certificate_stays_revoked_after_it_would_have_expired(make, client):
    make("REVK2D34567A", starts_on=date(2020, 6, 1), expires_on=date(2023, 5, 31), revoked=True)
    assert status_of(client.get("/verify/REVK2D34567A/").content.decode()) == ("revoked", "已撤销")


def test_the_form_finds_a_code_typed_in_lower_case_with_spaces(make, client):
    make("VAXD2345ABCD")
    response = client.get("/verify/", {"code": " vaxd-2345 abcd "})
    assert response.status_code == 302
    assert response["Location"] == "/verify/VAXD2345ABCD/"


def test_the_empty_form_is_public(client, client_for):
    for visitor in (client, client_for("applicant_b")):
        response = visitor.get("/verify/")
        assert response.status_code == 200
        assert 'name="code"' in response.content.decode()


@pytest.mark.parametrize("code", ["ZZZZZZZZZZZZ", "abc", "VAXD2345ABC0", "VAXD2345ABCD5", "%3Cscript%3E"])
def test_an_unknown_or_malformed_code_is_a_404_with_the_message(make, client, code):
    make("VAXD2345ABCD")
    response = client.get(f"/verify/{code}/")
    assert response.status_code == 404
    content = response.content.decode()
    assert NOT_FOUND == "未找到该验证码对应的证书，请核对后重试。"
    assert NOT_FOUND in content
    assert "<script>" not in content


@pytest.mark.parametrize("typed", ["ZZZZZZZZZZZZ", "not a code", "x" * 500])
def test_the_form_answers_an_unknown_code_with_404_and_keeps_it(make, client, typed):
    make("VAXD2345ABCD")
    response = client.get("/verify/", {"code": typed})
    assert response.status_code == 404
    content = response.content.decode()
    assert NOT_FOUND in content
    assert f'value="{typed[:40]}"' in content


def test_the_form_refuses_an_empty_code(client):
    response = client.get("/verify/", {"code": "  "})
    assert response.status_code == 400
    assert "请输入证书上的验证码。" in response.content.decode()


def test_the_page_costs_a_few_queries(make, client, django_assert_max_num_queries):
    make("VAXD2345ABCD", revoked=True)
    with django_assert_max_num_queries(4):
        assert client.get("/verify/VAXD2345ABCD/").status_code == 200
