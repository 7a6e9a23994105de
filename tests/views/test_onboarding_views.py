import pytest
from django.test import RequestFactory

from shifan.accounts.models import JoinRequest, Organization, User
from tests.conftest import CsrfClient

pytestmark = pytest.mark.django_db

FORM = {
    "name": "南昌新星服务有限公司", "uscc": "91110108551385082q", "display_name": "王新",
    "username": "wangxin", "email": "wangxin@example.test", "password1": "Xin-Passw0rd!", "password2": "Xin-Passw0rd!",
}


def test_an_organisation_registers_and_sees_its_registrant_kind(district_x):
    response = CsrfClient().post("/register/", {**FORM, "jurisdiction": district_x.pk}, follow=True)
    assert "注册成功。登记类型：企业。请登录后开始申报。" in response.content.decode()
    assert Organization.objects.get(uscc="91110108551385082Q").users.get().username == "wangxin"


def test_a_bad_uscc_and_mismatched_passwords_are_named_and_the_input_kept(district_x):
    data = {**FORM, "jurisdiction": district_x.pk, "uscc": "91110108551385082A", "password2": "other"}
    response = CsrfClient().post("/register/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。" in page
    assert "两次输入的密码不一致。" in page
    assert 'value="南昌新星服务有限公司"' in page
    assert "Xin-Passw0rd!" not in page  # passwords are never echoed back
    assert not Organization.objects.filter(name="南昌新星服务有限公司").exists()


def test_a_registered_uscc_offers_to_ask_to_join(org_a, district_x):
    response = CsrfClient().post("/register/", {**FORM, "jurisdiction": district_x.pk, "uscc": org_a.uscc})
    page = response.content.decode()
    assert f"已由「{org_a.name}」注册，不能重复注册" in page
    assert f'action="/register/join/{org_a.pk}/"' in page
    assert 'value="wangxin"' in page


def test_a_join_request_is_sent_and_the_account_waits(org_a, personas):
    data = {key: FORM[key] for key in ("display_name", "username", "email", "password1", "password2")}
    response = CsrfClient().post(f"/register/join/{org_a.pk}/", {**data, "message": "市场部"}, follow=True)
    assert f"已提交加入「{org_a.name}」的申请" in response.content.decode()
    assert JoinRequest.objects.get().user.is_active is False
    # django-axes needs the request to count the attempt against (username, IP).
    login_request = RequestFactory().post("/login/")
    assert not CsrfClient().login(username="wangxin", password="Xin-Passw0rd!", request=login_request)


def test_a_colleague_approves_the_request_from_the_colleagues_page(org_a, client_for):
    CsrfClient().post(f"/register/join/{org_a.pk}/", {
        key: FORM[key] for key in ("display_name", "username", "email", "password1", "password2")})
    client = client_for("applicant_a")
    page = client.get("/applicant/colleagues/").content.decode()
    assert "王新" in page
    request = JoinRequest.objects.get()
    client.post(f"/applicant/colleagues/requests/{request.pk}/decide/", {"decision": "approve"})
    assert User.objects.get(username="wangxin").is_active


def test_the_colleagues_page_shows_only_my_organisation(org_a, client_for, personas):
    page = client_for("applicant_a").get("/applicant/colleagues/").content.decode()
    assert "甲同事" in page
    assert "乙用户" not in page


def test_an_invalid_invitation_link_says_why(client):
    response = client.get("/invite/not-a-token/")
    assert response.status_code == 404
    assert "邀请链接无效。请向邀请您的同事索取新的邀请。" in response.content.decode()
