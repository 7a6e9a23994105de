"""The dossier on the application pages: download, import with messages, and the eligibility panel."""

import json
import re
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shifan.applications.dossier_io import export_dossier, import_dossier
from shifan.applications.enums import Status
from shifan.applications.models import Application, ServedEnterprise
from shifan.audit.models import AuditEvent
from tests.applications.dossiers import as_exported, sample_batch, sample_for
from tests.factories import ApplicationFactory, make_uscc

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(db):
    return sample_batch()  # 上一年度 2025, the sample's year, whatever today's date


def text(response) -> str:
    return response.content.decode()


def upload(data, name="dossier.json") -> SimpleUploadedFile:
    raw = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()
    return SimpleUploadedFile(name, raw, content_type="application/json")


@pytest.fixture
def draft(personas, org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲示范/平台")


@pytest.fixture
def submitted(personas, org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲示范平台")
    import_dossier(application, sample_for(application), actor=personas["applicant_a"])
    Application.objects.filter(pk=application.pk).update(status=Status.SUBMITTED)
    application.refresh_from_db()
    return application


def _import_url(application) -> str:
    return f"/applicant/applications/{application.pk}/dossier/import/"


# --- import through the page ---------------------------------------------------------------


def test_the_applicant_imports_a_dossier_and_is_told_the_row_counts(client_for, draft):
    client = client_for("applicant_a")
    response = client.post(_import_url(draft), {"dossier": upload(sample_for(draft))})
    assert response.status_code == 302
    assert response["Location"] == f"/applicant/applications/{draft.pk}/"
    page = text(client.get(response["Location"]))
    assert (
        "导入成功，申报内容已按文件更新：主要投资方 1 个、年度运营情况 2 年、主要服务产品 3 项、合作资源 3 家、"
        "大型服务活动 9 次、附件3 设施设备 2 项、附件4 从业人员 14 人、附件5 服务企业 120 家。"
    ) in page
    assert ServedEnterprise.objects.filter(application=draft).count() == 120


@pytest.mark.parametrize(
    "spoil, message",
    [
        (lambda d: d.update(organisation={}), "organisation: 未知的键，本格式不允许；是否应为 “organization”？"),
        (lambda d: d["served_smes"][2].update(uscc="91360102MA00050001"),
         "served_smes[2].uscc: 统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。（第 3 行）"),
        (lambda d: d["organization"].update(uscc=make_uscc()), "organization.uscc: 文件中的统一社会信用代码"),
    ],
    ids=["unknown-key", "bad-row-uscc", "other-organisation"],
)  # fmt: skip
def test_a_bad_dossier_shows_the_page_again_with_messages_and_changes_nothing(client_for, draft, personas, spoil,
                                                                           message):
    import_dossier(draft, sample_for(draft), actor=personas["applicant_a"])
    before = export_dossier(draft)
    data = sample_for(draft)
    spoil(data)
    response = client_for("applicant_a").post(_import_url(draft), {"dossier": upload(data)})
    assert response.status_code == 400
    assert "导入未成功，申报内容未作任何改动。" in text(response)
    assert message in text(response).replace("&quot;", '"').replace("&#x27;", "'")
    assert export_dossier(Application.objects.get(pk=draft.pk)) == before


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"{not json", "文件不是有效的 JSON：第 1 行第 2 列，键名应以双引号括起（或多了一个逗号）。"),
        ('{"a": "中文"}'.encode("gb18030"), "文件不是 UTF-8 编码的文本：请以 UTF-8 编码保存后再导入。"),
        (b"", "所选文件是空的，请检查后重新选择。"),
    ],
    ids=["bad-json", "not-utf8", "empty"],
)
def test_a_file_that_is_not_utf8_json_is_refused_on_the_page(client_for, draft, raw, message):
    response = client_for("applicant_a").post(_import_url(draft), {"dossier": upload(raw)})
    assert response.status_code == 400
    assert message in text(response)


def test_a_name_other_than_the_registered_one_is_imported_with_a_warning(client_for, draft):
    data = sample_for(draft)
    data["organization"]["name"] = "甲服务机构（南昌）有限公司"
    client = client_for("applicant_a")
    page = text(client.post(_import_url(draft), {"dossier": upload(data)}, follow=True))
    assert '<p class="message warning">organization.name: 文件中的单位名称' in page
    assert ServedEnterprise.objects.filter(application=draft).count() == 120


def test_no_file_is_refused_on_the_page(client_for, draft):
    response = client_for("applicant_a").post(_import_url(draft), {})
    assert response.status_code == 400
    assert "请选择要导入的申报材料 JSON 文件。" in text(response)


def test_an_oversized_file_is_dropped_while_it_is_read(client_for, draft):
    data = sample_for(draft)
    data["report"]["plans"] = "很" * (4 * 1024 * 1024)  # 12 MB in UTF-8, over the 10 MB cap
    response = client_for("applicant_a").post(_import_url(draft), {"dossier": upload(data)})
    assert response.status_code == 400
    assert "文件超过 10 MB，不能导入。" in text(response)
    assert not ServedEnterprise.objects.filter(application=draft).exists()


def test_the_import_still_needs_the_csrf_token(client_for, draft):
    client = client_for("applicant_a")
    response = client.post(_import_url(draft), {"dossier": upload(sample_for(draft)), "csrfmiddlewaretoken": "x" * 32})
    assert response.status_code == 403
    assert not ServedEnterprise.objects.filter(application=draft).exists()


def test_a_submitted_application_offers_no_import_and_refuses_one(client_for, submitted):
    client = client_for("applicant_a")
    assert _import_url(submitted) not in text(client.get(f"/applicant/applications/{submitted.pk}/"))
    response = client.post(_import_url(submitted), {"dossier": upload(sample_for(submitted))})
    assert response.status_code == 400
    assert "申报当前状态为「待县区初审」，不能导入；只有草稿或退回修改的申报可以导入。" in text(response)


# --- download --------------------------------------------------------------------------------


def test_the_applicant_downloads_its_dossier_in_clear(client_for, submitted):
    response = client_for("applicant_a").get(f"/applicant/applications/{submitted.pk}/dossier.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert unquote(disposition.split("''", 1)[1]) == f"申报材料-甲示范平台-{submitted.batch.year}.json"
    data = json.loads(response.content.decode("utf-8"))
    assert data == as_exported(sample_for(submitted))
    assert data["organization"]["legal_representative"]["id_number"] == "360102198001010013"


def test_a_file_name_never_carries_a_path(client_for, draft):
    response = client_for("applicant_a").get(f"/applicant/applications/{draft.pk}/dossier.json")
    assert unquote(response["Content-Disposition"].split("''", 1)[1]) == f"申报材料-甲示范_平台-{draft.batch.year}.json"


@pytest.mark.parametrize("persona, prefix", [("officer_x", "district"), ("bureau_officer", "bureau"),
                                             ("bureau_head", "bureau"), ("applicant_a2", "applicant")])
def test_every_export_is_audited(client_for, submitted, personas, persona, prefix):
    response = client_for(persona).get(f"/{prefix}/applications/{submitted.pk}/dossier.json")
    assert response.status_code == 200
    assert len(json.loads(response.content)["served_smes"]) == 120
    event = AuditEvent.objects.get(event="application.dossier_exported")
    assert (event.actor, event.target_id, event.data["counts"]["served_smes"]) == (
        personas[persona], str(submitted.pk), 120
    )


def test_officials_cannot_download_what_they_cannot_see(client_for, draft, personas, org_b, batch):
    other = ApplicationFactory(organization=org_b, batch=batch, status=Status.SUBMITTED)
    assert client_for("officer_x").get(f"/district/applications/{other.pk}/dossier.json").status_code == 404
    assert client_for("bureau_officer").get(f"/bureau/applications/{draft.pk}/dossier.json").status_code == 404
    assert not AuditEvent.objects.filter(event="application.dossier_exported").exists()


# --- the eligibility panel -------------------------------------------------------------------


@pytest.mark.parametrize("persona, prefix", [("applicant_a", "applicant"), ("officer_x", "district"),
                                             ("bureau_officer", "bureau")])
def test_each_application_page_shows_the_eligibility_panel(client_for, submitted, persona, prefix):
    page = text(client_for(persona).get(f"/{prefix}/applications/{submitted.pk}/"))
    year = submitted.batch.opens_at.year - 1
    assert "基本条件检查（第五条）" in page
    assert "南昌市中小企业公共服务示范平台认定管理办法" in page and "nanchang-2022" in page
    assert f"上一年度为 {year} 年" in page
    assert len(re.findall(r'<tr data-condition="', page)) == 18
    assert '<span class="badge badge-success" data-status="pass">通过</span>' in page
    assert '<span class="badge badge-info" data-status="review">待评审</span>' in page
    assert "符合基本条件；另有 4 项须评审人员判断。" in page
    assert "信息查询 5 次、技术服务 3 次" in page  # activities by function, in Chinese
    assert "≥ 100.00 万元" in page


def test_a_failing_condition_is_shown_with_its_message(client_for, draft, personas):
    data = sample_for(draft)
    data["staff"] = data["staff"][:5]
    import_dossier(draft, data, actor=personas["applicant_a"])
    page = text(client_for("applicant_a").get(f"/applicant/applications/{draft.pk}/"))
    assert '<span class="badge badge-danger" data-status="fail">未通过</span>' in page
    assert "不符合基本条件：1 项未通过；另有 4 项须评审人员判断。" in page
    assert "≥ 10 人" in page


def _page_queries(client, url) -> int:
    """The queries of a cold request: the cache is emptied first (sessions, counts and evaluations live
    there in production, and another test process may empty a shared cache at any moment)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_reads_a_constant_number_of_queries(client_for, personas, org_a, org_b, batch):
    small = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT)
    large = ApplicationFactory(organization=org_b, batch=batch, status=Status.DRAFT)
    import_dossier(small, sample_for(small, served=10), actor=personas["applicant_a"])
    import_dossier(large, sample_for(large, served=200), actor=personas["applicant_b"])
    counts = [
        _page_queries(client_for("applicant_a"), f"/applicant/applications/{small.pk}/"),
        _page_queries(client_for("applicant_b"), f"/applicant/applications/{large.pk}/"),
    ]
    assert counts[0] == counts[1]
