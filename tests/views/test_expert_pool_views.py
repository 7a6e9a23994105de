"""The expert pool's pages: the bureau's list, forms, detail, Excel; the expert's own page; activation."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shifan.audit.models import AuditEvent
from shifan.experts.activation import send_activation
from shifan.experts.models import Activation, Expert, ExpertImport, Relationship
from tests.conftest import CsrfClient
from tests.experts.workbooks import pool_workbook, sheet_values
from tests.factories import ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "王磊", "employer_name": "南昌大学", "employer_uscc": "", "jurisdiction": "", "title": "教授",
    "title_level": "senior", "specialties": ["technology", "quality"], "mobile": "138 0013 8000",
    "email": "wanglei@example.test", "available": "on", "availability_note": "",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(response) -> str:
    return response.content.decode()


def _upload(data: bytes, name: str = "专家.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


# --- list and filters -----------------------------------------------------------------------------

def test_the_list_masks_mobiles_and_filters(client_for):
    ExpertFactory(name="王磊", employer_name="南昌大学", mobile="13800138000", specialties=["financing"])
    ExpertFactory(name="李华", employer_name="江西财经大学", mobile="13900139000", specialties=["technology"],
                  available=False, availability_note="出国")
    client = client_for("bureau_officer")
    page = _page(client.get("/bureau/experts/"))
    assert "138****8000" in page and "13800138000" not in page
    assert "新增专家" in page
    by_text = _page(client.get("/bureau/experts/?q=财经"))
    assert "李华" in by_text and "王磊" not in by_text
    by_specialty = _page(client.get("/bureau/experts/?specialty=financing"))
    assert "王磊" in by_specialty and "李华" not in by_specialty
    unavailable = _page(client.get("/bureau/experts/?available=no"))
    assert "李华" in unavailable and "王磊" not in unavailable


def test_the_list_is_paginated(client_for):
    for number in range(35):
        ExpertFactory(name=f"分页专家{number:02d}")
    client = client_for("bureau_head")
    first, second = _page(client.get("/bureau/experts/")), _page(client.get("/bureau/experts/?page=2"))
    assert "第 1 / 2 页" in first and "分页专家00" in first and "分页专家34" not in first
    assert "分页专家34" in second and "分页专家00" not in second


def test_a_head_reads_but_sees_no_write_controls_and_is_refused_writes(client_for):
    expert = ExpertFactory()
    client = client_for("bureau_head")
    assert "新增专家" not in _page(client.get("/bureau/experts/"))
    detail = _page(client.get(f"/bureau/experts/{expert.pk}/"))
    for action in ("contact/", "activation/", "edit/", "availability/", "relationships/"):
        assert f"/bureau/experts/{expert.pk}/{action}" not in detail
    assert client.post(f"/bureau/experts/{expert.pk}/contact/").status_code == 403
    assert client.post("/bureau/experts/new/", FORM).status_code == 403
    assert not AuditEvent.objects.filter(event="experts.contact_viewed").exists()


# --- create and edit ------------------------------------------------------------------------------

def test_an_officer_creates_an_expert(client_for):
    response = client_for("bureau_officer").post("/bureau/experts/new/", FORM)
    expert = Expert.objects.get()
    assert response["Location"] == f"/bureau/experts/{expert.pk}/"
    assert (expert.mobile, expert.specialties, expert.available) == ("13800138000", ["technology", "quality"], True)


def test_bad_input_is_named_beside_its_field_and_nothing_typed_is_lost(client_for):
    ExpertFactory(name="张三", mobile="13900139000")
    data = FORM | {"mobile": "13900139000", "employer_uscc": "91360100", "available": "", "specialties": []}
    response = client_for("bureau_officer").post("/bureau/experts/new/", data)
    page = _page(response)
    assert response.status_code == 400
    assert "请至少选择一项擅长的服务功能。" in page
    data["specialties"] = ["technology"]
    response = client_for("bureau_officer").post("/bureau/experts/new/", data)
    page = _page(response)
    assert response.status_code == 400
    assert "统一社会信用代码应为 18 位，当前为 8 位。" in page
    assert "手机号码 139****9000 已登记为专家「张三」，同一手机号码不能重复入库。" in page
    assert "不可参加评审时，请填写原因" in page
    assert 'value="王磊"' in page and 'value="南昌大学"' in page and 'value="91360100"' in page
    assert Expert.objects.count() == 1


def test_the_edit_form_never_shows_contact_data_and_blank_keeps_it(client_for):
    expert = ExpertFactory(mobile="13800138000", email="wanglei@example.test")
    client = client_for("bureau_officer")
    page = _page(client.get(f"/bureau/experts/{expert.pk}/edit/"))
    assert "13800138000" not in page and "wanglei@example.test" not in page
    assert "当前为 138****8000；留空表示不修改。" in page
    response = client.post(f"/bureau/experts/{expert.pk}/edit/", FORM | {"mobile": "", "email": "", "title": "研究员"})
    assert response.status_code == 302
    expert.refresh_from_db()
    assert (expert.title, expert.mobile, expert.email) == ("研究员", "13800138000", "wanglei@example.test")
    client.post(f"/bureau/experts/{expert.pk}/edit/", FORM | {"mobile": "13700137000", "email": ""})
    expert.refresh_from_db()
    assert expert.mobile == "13700137000"


# --- detail: contact, availability, relationships, activation -----------------------------------

def test_clear_contact_only_on_request_and_audited(client_for):
    expert = ExpertFactory(mobile="13800138000", email="wanglei@example.test")
    client = client_for("bureau_officer")
    page = _page(client.get(f"/bureau/experts/{expert.pk}/"))
    assert "138****8000" in page and "w***@example.test" in page and "13800138000" not in page
    response = client.post(f"/bureau/experts/{expert.pk}/contact/")
    page = _page(response)
    assert response.status_code == 200
    assert "13800138000" in page and "wanglei@example.test" in page and "本次查看已记入审计日志" in page
    event = AuditEvent.objects.get(event="experts.contact_viewed")
    assert (event.actor_label, event.target_id) == ("bureau_officer", str(expert.pk))


def test_availability_toggle_needs_a_reason(client_for):
    expert = ExpertFactory()
    client = client_for("bureau_officer")
    response = client.post(f"/bureau/experts/{expert.pk}/availability/", {"available": "0", "availability_note": ""})
    assert response.status_code == 400
    assert "不可参加评审时，请填写原因（如：出国、身体原因、本年度回避）。" in _page(response)
    response = client.post(f"/bureau/experts/{expert.pk}/availability/",
                           {"available": "0", "availability_note": "年内出国"})
    assert response.status_code == 302
    expert.refresh_from_db()
    assert (expert.available, expert.availability_note) == (False, "年内出国")


def test_the_bureau_records_and_withdraws_a_relationship(client_for):
    expert = ExpertFactory()
    client = client_for("bureau_officer")
    response = client.post(f"/bureau/experts/{expert.pk}/relationships/",
                           {"organization_name": "", "organization_uscc": "", "kind": "business", "note": "顾问"})
    assert response.status_code == 400 and "请填写单位名称。" in _page(response)
    assert "顾问</textarea>" in _page(response)  # the note typed is kept
    client.post(f"/bureau/experts/{expert.pk}/relationships/",
                {"organization_name": "甲服务机构有限公司", "kind": "business", "note": "顾问"})
    relationship = Relationship.objects.get()
    assert "甲服务机构有限公司" in _page(client.get(f"/bureau/experts/{expert.pk}/"))
    other = ExpertFactory()
    assert client.post(f"/bureau/experts/{other.pk}/relationships/{relationship.pk}/remove/").status_code == 404
    assert client.post(f"/bureau/experts/{expert.pk}/relationships/{relationship.pk}/remove/").status_code == 302
    assert not Relationship.objects.exists()


def test_sending_the_activation_link_emails_it(client_for, django_capture_on_commit_callbacks):
    expert = ExpertFactory(email="wanglei@example.test")
    client = client_for("bureau_officer")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/bureau/experts/{expert.pk}/activation/", follow=True)
    assert "已向 w***@example.test 发送激活链接" in _page(response)
    assert mail.outbox[0].to == ["wanglei@example.test"]
    assert "重新发送激活链接" in _page(response) and "前有效" in _page(response)


def test_no_link_without_email_is_explained(client_for):
    expert = ExpertFactory(email="")
    response = client_for("bureau_officer").post(f"/bureau/experts/{expert.pk}/activation/", follow=True)
    assert "该专家没有登记电子邮箱。" in _page(response)
    assert not Activation.objects.exists()


# --- activation page ------------------------------------------------------------------------------

@pytest.fixture
def invited(personas, django_capture_on_commit_callbacks):
    expert = ExpertFactory(name="王磊", email="wanglei@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        _, token = send_activation(expert, actor=personas["bureau_officer"])
    return expert, token


ACCOUNT = {"username": "wanglei", "password1": "Expert-Passw0rd!", "password2": "Expert-Passw0rd!"}


def test_the_expert_activates_once_through_the_link(invited):
    expert, token = invited
    client = CsrfClient()
    page = _page(client.get(f"/expert/activate/{token}/"))
    assert "激活专家账号：王磊" in page and "w***@example.test" in page
    response = client.post(f"/expert/activate/{token}/", ACCOUNT)
    assert response["Location"] == "/login/"
    expert.refresh_from_db()
    assert expert.user.username == "wanglei" and expert.user.role == "expert"
    again = client.get(f"/expert/activate/{token}/")
    assert again.status_code == 404 and "该激活链接已经使用过了。请直接登录。" in _page(again)
    assert client.post(f"/expert/activate/{token}/", ACCOUNT | {"username": "other"}).status_code == 404


def test_a_weak_password_is_refused_and_the_username_kept(invited):
    _, token = invited
    response = CsrfClient().post(f"/expert/activate/{token}/", ACCOUNT | {"password1": "password",
                                                                          "password2": "password"})
    assert response.status_code == 400
    assert "密码须至少包含小写字母、大写字母、数字、符号中的三类。" in _page(response)
    assert 'value="wanglei"' in _page(response)
    assert Activation.objects.get().used_at is None


def test_expired_and_wrong_links_say_why(invited):
    _, token = invited
    Activation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = CsrfClient().get(f"/expert/activate/{token}/")
    assert response.status_code == 404 and "激活链接已过期（有效期 7 天）" in _page(response)
    response = CsrfClient().get("/expert/activate/wrong-token/")
    assert response.status_code == 404 and "激活链接无效。" in _page(response)


def test_a_signed_in_user_is_asked_to_sign_out_first(invited, client_for):
    _, token = invited
    page = _page(client_for("bureau_officer").get(f"/expert/activate/{token}/"))
    assert "请先退出" in page and 'name="password1"' not in page


# --- the expert's own page ------------------------------------------------------------------------

def test_an_expert_sees_own_profile_masked_and_declares_relationships(personas, client_for):
    expert = ExpertFactory(user=personas["expert_1"], mobile="13800138000", email="e1@example.test")
    client = client_for("expert_1")
    page = _page(client.get("/expert/profile/"))
    assert expert.name in page and "138****8000" in page and "13800138000" not in page
    response = client.post("/expert/profile/relationships/", {"organization_name": "甲服务机构有限公司",
                                                              "organization_uscc": "", "kind": "employment"})
    assert response["Location"] == "/expert/profile/"
    relationship = Relationship.objects.get(expert=expert)
    assert client.post(f"/expert/profile/relationships/{relationship.pk}/remove/").status_code == 302
    assert not Relationship.objects.exists()


def test_an_expert_cannot_remove_another_experts_relationship(personas, client_for):
    ExpertFactory(user=personas["expert_1"])
    other = ExpertFactory(user=personas["expert_2"])
    theirs = Relationship.objects.create(expert=other, organization_name="乙服务机构有限公司", kind="business")
    response = client_for("expert_1").post(f"/expert/profile/relationships/{theirs.pk}/remove/")
    assert response.status_code == 404
    assert Relationship.objects.filter(pk=theirs.pk).exists()
    assert "乙服务机构有限公司" not in _page(client_for("expert_1").get("/expert/profile/"))


def test_an_expert_without_a_pool_entry_is_told_so(client_for):
    page = _page(client_for("expert_2").get("/expert/profile/"))
    assert "您的账号尚未关联专家库中的信息" in page
    response = client_for("expert_2").post("/expert/profile/relationships/", {"organization_name": "甲"})
    assert response["Location"] == "/expert/profile/"
    assert not Relationship.objects.exists()


# --- Excel ----------------------------------------------------------------------------------------

def test_export_follows_the_filters_and_masks(client_for):
    ExpertFactory(name="王磊", mobile="13800138000")
    ExpertFactory(name="李华", mobile="13900139000")
    response = client_for("bureau_head").get("/bureau/experts/export.xlsx?q=王")
    assert response["Content-Type"] == XLSX and "attachment" in response["Content-Disposition"]
    rows = sheet_values(response.content)
    assert [row[0] for row in rows[1:]] == ["王磊"] and rows[1][7] == "138****8000"


def test_the_template_downloads(client_for):
    response = client_for("bureau_officer").get("/bureau/experts/template.xlsx")
    assert response.status_code == 200 and sheet_values(response.content)[0][0] == "姓名"


def test_an_import_with_errors_lists_them_and_keeps_nothing(client_for):
    data = pool_workbook({}, {"name": "", "mobile": "13900139000"})
    response = client_for("bureau_officer").post("/bureau/experts/import/", {"file": _upload(data)})
    page = _page(response)
    assert response.status_code == 400
    assert "文件中有 1 处问题，专家库未改动。" in page and "第 3 行「姓名」：必填，不能为空。" in page
    assert not ExpertImport.objects.exists() and not Expert.objects.exists()


def test_an_import_is_checked_then_confirmed(client_for):
    client = client_for("bureau_officer")
    response = client.post("/bureau/experts/import/", {"file": _upload(pool_workbook({}, {"mobile": "13900139000",
                                                                                         "name": "李华"}))})
    pending = ExpertImport.objects.get()
    assert response["Location"] == f"/bureau/experts/imports/{pending.pk}/"
    page = _page(client.get(response["Location"]))
    assert "全部 2 行检查通过" in page and "第 3 行" in page and "李华" in page
    assert client_for("bureau_head").get(response["Location"]).status_code == 403
    colleague = CsrfClient()
    colleague.force_login(UserFactory(role="bureau_officer"))
    assert colleague.get(response["Location"]).status_code == 404  # another officer's import
    response = client.post(f"/bureau/experts/imports/{pending.pk}/apply/", follow=True)
    assert "新增 2 位专家，更新 0 位专家的信息" in _page(response)
    assert sorted(Expert.objects.values_list("name", flat=True)) == ["李华", "王磊"]


def test_refused_files_and_missing_files_are_explained(client_for):
    client = client_for("bureau_officer")
    response = client.post("/bureau/experts/import/", {})
    assert response.status_code == 400 and "请选择要导入的 Excel 文件（.xlsx）。" in _page(response)
    response = client.post("/bureau/experts/import/", {"file": _upload(b"name,mobile\n", "a.csv")})
    assert response.status_code == 400 and "文件内容不是 Excel 工作簿（.xlsx）" in _page(response)
    # An oversized file is cut while the body is read: tests/security/test_upload_entry_points.py.


def test_a_discarded_import_changes_nothing(client_for):
    client = client_for("bureau_officer")
    client.post("/bureau/experts/import/", {"file": _upload(pool_workbook({}))})
    pending = ExpertImport.objects.get()
    response = client.post(f"/bureau/experts/imports/{pending.pk}/discard/", follow=True)
    assert "已放弃本次导入，专家库未改动。" in _page(response)
    assert not Expert.objects.exists()
    assert re.search(r"本次导入已放弃", _page(client.get(f"/bureau/experts/imports/{pending.pk}/")))
