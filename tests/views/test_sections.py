"""The applicant fills the application section by section and row by row."""

import pytest
from django.core.cache import cache

from shifan.applications.enums import Status
from shifan.applications.models import ApplicationProfile, ServedEnterprise, StaffMember
from shifan.applications.sections import SECTIONS
from shifan.audit.models import AuditEvent
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")


def url(app, code):
    return f"/applicant/applications/{app.pk}/sections/{code}/"


BASICS = {
    "nature": "企业法人", "registration_authority": "南昌市市场监督管理局", "registered_on": "2018-03-01",
    "address": "南昌市东湖区八一大道1号", "postcode": "330000", "legal_representative_name": "张三",
    "legal_representative_id_number": "11010519491231002x", "legal_representative_mobile": "+86 138-1234-8000",
    "contact_name": "李四", "contact_phone": "0791-88888888", "contact_fax": "", "contact_mobile": "13900001111",
    "website": "https://example.cn", "icp_filing": "赣ICP备12345678号", "email": "a@example.cn",
    "registered_capital": "500",
}


def test_every_section_page_opens_with_its_article(client_for, draft):
    client = client_for("applicant_a")
    for section in SECTIONS:
        page = client.get(url(draft, section.code)).content.decode()
        assert f"<h1>{section.title}</h1>" in page
        assert f"依据：{section.article}" in page


def test_basics_are_saved_normalised_and_audited_without_values(client_for, draft):
    response = client_for("applicant_a").post(url(draft, "basics"), {**BASICS, "version": draft.version})
    assert response.status_code == 302
    profile = ApplicationProfile.objects.get(application=draft)
    assert (profile.legal_representative_id_number, profile.legal_representative_mobile) == (
        "11010519491231002X", "13812348000")
    event = AuditEvent.objects.get(event="application.section_saved")
    assert "legal_representative_id_number" in event.data["fields"]
    assert "13812348000" not in str(event.data)


def test_bad_id_and_mobile_are_named_and_everything_typed_is_kept(client_for, draft):
    data = {**BASICS, "legal_representative_id_number": "110105194912310021", "contact_mobile": "1390000",
            "version": draft.version}
    response = client_for("applicant_a").post(url(draft, "basics"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "身份证号码校验位不正确，请核对。" in page
    assert "手机号码应为以 1 开头的 11 位数字（可带 +86）。" in page
    assert 'value="南昌市东湖区八一大道1号"' in page
    assert not ApplicationProfile.objects.filter(application=draft).exists()


def test_a_stale_save_is_refused_and_the_input_kept(client_for, draft):
    client = client_for("applicant_a")
    client.post(url(draft, "scale"), {"total_assets": "120", "version": draft.version})
    response = client.post(url(draft, "scale"), {"total_assets": "999", "version": draft.version})
    page = response.content.decode()
    assert response.status_code == 400
    assert "申报内容已被同事或其他窗口修改" in page
    assert 'value="999"' in page
    assert str(ApplicationProfile.objects.get(application=draft).total_assets) == "120.00"


def test_a_submitted_application_is_read_only(client_for, org_a, batch):
    submitted = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    client = client_for("applicant_a")
    page = client.get(url(submitted, "scale")).content.decode()
    assert "申报已提交，内容只读" in page
    response = client.post(url(submitted, "scale"), {"total_assets": "1", "version": submitted.version})
    assert response.status_code == 400
    assert "申报当前状态为「待县区初审」，不能修改" in response.content.decode()


def test_rows_are_added_checked_edited_and_deleted(client_for, draft):
    client = client_for("applicant_a")
    add = f"/applicant/applications/{draft.pk}/rows/served_smes/add/"
    bad = client.post(add, {"name": "某企业", "uscc": "91110108551385082A", "mobile": "123", "satisfied": "on"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "统一社会信用代码校验位不正确" in page
    assert 'value="某企业"' in page
    good = client.post(add, {"name": "某企业", "uscc": "91110108551385082q", "mobile": "13800001234",
                             "satisfied": "on"})
    assert good["Location"].endswith("#list-served_smes")
    row = ServedEnterprise.objects.get(application=draft)
    assert (row.seq, row.uscc, row.satisfied) == (1, "91110108551385082Q", True)

    edit = f"/applicant/applications/{draft.pk}/rows/served_smes/{row.pk}/edit/"
    client.post(edit, {"name": "某企业（更名）", "mobile": "13800001234"})
    row.refresh_from_db()
    assert (row.name, row.satisfied) == ("某企业（更名）", False)
    client.post(f"/applicant/applications/{draft.pk}/rows/served_smes/{row.pk}/delete/")
    assert not ServedEnterprise.objects.exists()
    assert list(AuditEvent.objects.filter(event__startswith="application.row").values_list("event", flat=True)) == [
        "application.row_added", "application.row_changed", "application.row_deleted"]


def test_rows_of_someone_elses_application_are_not_found(client_for, draft, org_b, batch):
    other = ApplicationFactory(organization=org_b, batch=batch, status=Status.DRAFT)
    staff = StaffMember.objects.create(application=other, name="乙员工", full_time=True)
    client = client_for("applicant_a")
    assert client.get(url(other, "staff")).status_code == 404
    assert client.post(f"/applicant/applications/{draft.pk}/rows/staff/{staff.pk}/delete/").status_code == 404
    assert client.post(f"/applicant/applications/{other.pk}/rows/staff/{staff.pk}/delete/").status_code == 404
    assert StaffMember.objects.filter(pk=staff.pk).exists()


def test_an_unknown_section_or_list_is_not_found(client_for, draft):
    client = client_for("applicant_a")
    assert client.get(url(draft, "nonsense")).status_code == 404
    assert client.post(f"/applicant/applications/{draft.pk}/rows/nonsense/add/", {}).status_code == 404


def test_a_long_list_page_costs_the_same_queries_for_10_and_120_rows(client_for, draft, django_assert_max_num_queries):
    client = client_for("applicant_a")
    ServedEnterprise.objects.bulk_create(
        [ServedEnterprise(application=draft, name=f"企业{i}", satisfied=True, seq=i) for i in range(10)])
    cache.clear()  # both requests start cold: the per-user unread count is cached for a few seconds
    with django_assert_max_num_queries(20) as small:
        client.get(url(draft, "served"))
    ServedEnterprise.objects.bulk_create(
        [ServedEnterprise(application=draft, name=f"企业{i}", satisfied=True, seq=i) for i in range(10, 120)])
    cache.clear()
    with django_assert_max_num_queries(20) as large:
        client.get(url(draft, "served"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_each_section_shows_the_conditions_its_data_decides_after_every_save(client_for, draft):
    client = client_for("applicant_a")
    before = client.get(url(draft, "scale")).content.decode()
    assert 'data-condition="total_assets"><span class="badge badge-danger">未通过</span>' in before
    client.post(url(draft, "scale"), {"total_assets": "100", "site_area_owned": "150", "version": draft.version})
    after = client.get(url(draft, "scale")).content.decode()
    assert 'data-condition="total_assets"><span class="badge badge-success">通过</span>' in after
    assert 'data-condition="site_area"><span class="badge badge-success">通过</span>' in after
    assert 'data-condition="staff_count"' not in after


def test_the_scale_section_computes_the_derived_figures(client_for, draft):
    client = client_for("applicant_a")
    client.post(url(draft, "scale"), {"total_assets": "400", "equipment_value": "50", "site_area_owned": "100",
                                      "site_area_rented": "60.5", "version": draft.version})
    page = client.get(url(draft, "scale")).content.decode()
    assert "<dt>仪器、设备购买价格占总资产（自动计算）</dt><dd>12.50%</dd>" in page
    assert "<dt>服务场地面积合计（自动计算）</dt><dd>160.50 平方米</dd>" in page


def test_an_unknown_birthplace_saves_with_a_warning(client_for, draft):
    data = {**BASICS, "legal_representative_id_number": "360113201001011239", "version": draft.version}
    response = client_for("applicant_a").post(url(draft, "basics"), data, follow=True)
    page = response.content.decode()
    assert "已保存「一、平台基本情况」。" in page
    assert "身份证号码的地址码不在行政区划表中" in page
    assert ApplicationProfile.objects.get(application=draft).legal_representative_id_number == "360113201001011239"


def test_autosave_answers_json_and_carries_the_version_forward(client_for, draft):
    client = client_for("applicant_a")
    first = client.post(url(draft, "scale"), {"total_assets": "10", "version": draft.version},
                        headers={"X-Autosave": "1"})
    assert first.status_code == 200
    answer = first.json()
    assert (answer["saved"], answer["version"]) == (True, draft.version + 1)
    assert answer["message"].startswith("已于 ") and answer["message"].endswith(" 自动保存。")
    second = client.post(url(draft, "scale"), {"total_assets": "20", "version": answer["version"]},
                         headers={"X-Autosave": "1"})
    assert second.json()["version"] == draft.version + 2
    assert str(ApplicationProfile.objects.get(application=draft).total_assets) == "20.00"


def test_autosave_never_overwrites_a_newer_save_or_saves_invalid_input(client_for, draft):
    client = client_for("applicant_a")
    client.post(url(draft, "scale"), {"total_assets": "10", "version": draft.version})
    stale = client.post(url(draft, "scale"), {"total_assets": "99", "version": draft.version},
                        headers={"X-Autosave": "1"})
    assert stale.status_code == 409
    assert stale.json()["message"].startswith("申报内容已被同事或其他窗口修改")
    invalid = client.post(url(draft, "scale"), {"total_assets": "-1", "version": draft.version + 1},
                          headers={"X-Autosave": "1"})
    assert (invalid.status_code, invalid.json()["message"]) == (400, "有 1 处内容需要修改，暂未自动保存。")
    assert str(ApplicationProfile.objects.get(application=draft).total_assets) == "10.00"


@pytest.mark.parametrize("refused", ["submission", "dossier import"])
def test_a_refused_post_shows_the_page_again_with_what_is_still_missing(client_for, draft, refused):
    client = client_for("applicant_a")
    if refused == "submission":
        response = client.post(f"/applicant/applications/{draft.pk}/act/", {"action": "submit", "reason": ""})
    else:
        response = client.post(f"/applicant/applications/{draft.pk}/dossier/import/", {})
    page = response.content.decode()
    assert response.status_code == 400
    assert "提交前还需补齐" in page and "均已齐全" not in page
    basics = f'<a href="/applicant/applications/{draft.pk}/sections/basics/">去填写</a>'
    assert f"尚未填写：单位性质、注册日期、法定代表人、联系人、联系人手机。 {basics}" in page


def test_the_completeness_list_links_each_missing_item_to_its_section(client_for, draft):
    page = client_for("applicant_a").get(f"/applicant/applications/{draft.pk}/").content.decode()
    assert "提交前还需补齐" in page
    basics = f'<a href="/applicant/applications/{draft.pk}/sections/basics/">去填写</a>'
    assert f"尚未填写：单位性质、注册日期、法定代表人、联系人、联系人手机。 {basics}" in page
    assert f'<a href="/applicant/applications/{draft.pk}/sections/declaration/">去填写</a>' in page
    assert f'<a href="/applicant/applications/{draft.pk}/sections/certificates/">去填写</a>' in page
