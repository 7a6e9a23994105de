"""The district's documents: 附件1 推荐表 (.docx) and the jurisdiction's 推荐汇总表 (.xlsx)."""

import io
from datetime import datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from openpyxl import load_workbook

from shifan.applications.enums import Action, Status
from shifan.applications.models import Application, ApplicationProfile, ServedEnterprise, StatusChange
from shifan.audit.models import AuditEvent
from shifan.district_review.documents import recommendation_for, render_recommendation, summary_for
from shifan.district_review.domain import current_draw, record_response, save_review
from tests.documents.docx_reading import body_paragraphs, open_docx, table_rows
from tests.factories import ApplicationFactory, BatchFactory, OrganizationFactory, make_recommendable

pytestmark = pytest.mark.django_db

RECOMMENDED_AT = datetime(2026, 5, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEADER = ["序号", "申报单位", "统一社会信用代码", "平台名称", "申报服务功能", "测评企业数", "抽样满意度(%)", "推荐时间"]


def recommend(application: Application, officer, at: datetime = RECOMMENDED_AT) -> Application:
    """The application as the district leaves it after “推荐”, on a fixed day."""
    Application.objects.filter(pk=application.pk).update(status=Status.RECOMMENDED, status_changed_at=at)
    StatusChange.objects.create(application=application, action=Action.RECOMMEND, from_status=Status.SUBMITTED,
                                to_status=Status.RECOMMENDED, actor=officer, at=at)
    application.refresh_from_db()
    return application


@pytest.fixture
def reviewed(org_a, batch, personas):
    """A's submitted application with a complete review: 12 surveyed, two of them unsatisfied."""
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED, platform_name="甲平台")
    officer = personas["officer_x"]
    make_recommendable(application, officer)
    survey_draw = current_draw(application)
    enterprises = ServedEnterprise.objects.in_bulk(survey_draw.sample_ids)
    for index, enterprise_id in enumerate(survey_draw.sample_ids):
        record_response(survey_draw, enterprises[enterprise_id], actor=officer, method=index % 5 + 1,
                        interviewee=f"被访人{index}", position="经理", mobile=f"1390000{index:04d}",
                        service="政策咨询", satisfied=index not in (3, 7))
    save_review(application, actor=officer, impact="带动辖区企业转型。\n服务企业 300 家。", exemplarity="全市领先。",
                opinion="同意推荐。")
    ApplicationProfile.objects.create(application=application, service_functions=["technology", "training"])
    return application


def _sampled(application) -> list[tuple[str, str, str, str]]:
    survey_draw = current_draw(application)
    enterprises = ServedEnterprise.objects.in_bulk(survey_draw.sample_ids)
    return [(enterprises[pk].name, str(index % 5 + 1), f"1390000{index:04d}", "不满意" if index in (3, 7) else "满意")
            for index, pk in enumerate(survey_draw.sample_ids)]


def test_the_recommendation_form_holds_the_cover_the_survey_and_the_texts(reviewed, personas):
    recommend(reviewed, personas["officer_x"])
    document = open_docx(render_recommendation(reviewed))

    assert body_paragraphs(document) == [
        "附件1", "南昌市中小企业公共服务示范平台", "推荐表", "申报单位（盖章）：甲服务机构有限公司",
        "推荐部门（盖章）：东湖区中小企业服务主管部门", "填报日期：2026年5月1日", "南昌市中小企业服务局 制",
    ]
    assert document.sections[0].page_width.twips == 11906
    rows = table_rows(document.tables[0])
    assert rows[0] == ["推荐部门组织测评情况（随机抽取服务企业名单 12 家以上）"]
    assert rows[1] == ["测评方法", "1、上门拜访 2、电话询问 3、网络互动 4、书面征求 5、其他"]
    assert rows[2] == ["抽样企业名称", "测评方法（填编号）", "被访人姓名", "职务", "手机", "服务内容",
                       "对所受服务满意与否"]
    survey = rows[3:15]
    assert [(row[0], row[1], row[4], row[6]) for row in survey] == _sampled(reviewed)
    assert [row[2] for row in survey] == [f"被访人{index}" for index in range(12)]
    assert {(row[3], row[5]) for row in survey} == {("经理", "政策咨询")}
    assert rows[15] == ["对区域中小企业发展的影响和作用", "带动辖区企业转型。\n服务企业 300 家。"]
    assert rows[16] == ["示范性", "全市领先。"]
    assert rows[17] == ["县区、开发区、湾里管理局中小企业服务主管部门推荐意见：\n同意推荐。\n\n（盖章）\n2026年5月1日"]
    assert len(rows) == 18


def test_before_the_recommendation_the_form_is_dated_today_and_left_to_date_by_hand(org_a, batch, district_x):
    district_x.authority_name = "东湖区工业和信息化局"
    district_x.save()
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    document = open_docx(render_recommendation(application))

    paragraphs = body_paragraphs(document)
    assert "推荐部门（盖章）：东湖区工业和信息化局" in paragraphs
    today = timezone.localdate()
    assert f"填报日期：{today.year}年{today.month}月{today.day}日" in paragraphs
    rows = table_rows(document.tables[0])
    assert rows[3] == ["（无）"]  # no draw yet
    assert rows[4:6] == [["对区域中小企业发展的影响和作用", ""], ["示范性", ""]]
    assert rows[6] == ["县区、开发区、湾里管理局中小企业服务主管部门推荐意见：\n\n\n（盖章）\n　　年　　月　　日"]


def test_the_form_is_for_those_who_may_see_the_application_and_its_download_is_audited(reviewed, personas):
    with pytest.raises(PermissionDenied):
        recommendation_for(reviewed, actor=personas["officer_y"])
    office_file = recommendation_for(reviewed, actor=personas["officer_x"])
    assert (office_file.name, office_file.content_type) == ("附件1 南昌市中小企业公共服务示范平台推荐表.docx", DOCX)
    event = AuditEvent.objects.get(event="district.recommendation_downloaded")
    assert (event.target_id, event.actor_label) == (str(reviewed.pk), "officer_x")


def _summary_rows(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data))["推荐汇总表"]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_summary_lists_the_recommended_applications_of_the_jurisdiction_only(reviewed, personas, batch,
                                                                                  org_b, district_x):
    officer = personas["officer_x"]
    recommend(reviewed, officer)
    accepted = ApplicationFactory(organization=OrganizationFactory(name="丙服务机构", jurisdiction=district_x),
                                  batch=batch, platform_name="丙平台", status=Status.SUBMITTED)
    recommend(accepted, officer, datetime(2026, 5, 3, 23, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    Application.objects.filter(pk=accepted.pk).update(status=Status.ACCEPTED)
    for status in (Status.SUBMITTED, Status.RETURNED, Status.DISTRICT_DECLINED, Status.WITHDRAWN):
        ApplicationFactory(organization=OrganizationFactory(jurisdiction=district_x), batch=batch, status=status)
    other_district = recommend(ApplicationFactory(organization=org_b, batch=batch, status=Status.SUBMITTED),
                               personas["officer_y"])
    other_batch = recommend(ApplicationFactory(organization=reviewed.organization, batch=BatchFactory(year=2020),
                                               status=Status.SUBMITTED), officer)
    assert Application.objects.filter(pk__in=[other_district.pk, other_batch.pk],
                                      status=Status.RECOMMENDED).count() == 2

    office_file = summary_for(officer, batch)
    rows = _summary_rows(office_file.data)
    assert rows[0] == HEADER
    accepted.refresh_from_db()
    assert rows[1:] == [  # numbers come back from openpyxl as int or float
        [1, "丙服务机构", accepted.organization.uscc, "丙平台", None, 0, None, datetime(2026, 5, 3)],
        [2, "甲服务机构有限公司", reviewed.organization.uscc, "甲平台", "技术服务、培训服务", 12, 83.3,
         datetime(2026, 5, 1)],
    ]
    assert "乙服务机构有限公司" not in {row[1] for row in rows}
    event = AuditEvent.objects.get(event="district.summary_downloaded")
    assert (event.target_id, event.data["applications"]) == (str(batch.pk), [accepted.pk, reviewed.pk])


def _file_name(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    return unquote(disposition.split("''", 1)[1])


def _assert_private(response) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("persona, prefix", [("officer_x", "district"), ("bureau_officer", "bureau"),
                                             ("bureau_head", "bureau")])
def test_the_district_and_the_bureau_download_the_form(client_for, reviewed, persona, prefix):
    response = client_for(persona).get(f"/{prefix}/applications/{reviewed.pk}/recommendation.docx")
    assert (response.status_code, response["Content-Type"]) == (200, DOCX)
    _assert_private(response)
    assert _file_name(response) == f"附件1 南昌市中小企业公共服务示范平台推荐表-甲平台-{reviewed.batch.year}.docx"
    assert "南昌市中小企业服务局 制" in body_paragraphs(open_docx(response.content))
    assert AuditEvent.objects.filter(event="district.recommendation_downloaded", actor_label=persona).count() == 1


def test_another_district_does_not_find_the_form(client_for, reviewed):
    response = client_for("officer_y").get(f"/district/applications/{reviewed.pk}/recommendation.docx")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(event="district.recommendation_downloaded").exists()


def test_the_summary_download_defaults_to_the_current_batch(client_for, reviewed, personas, batch):
    recommend(reviewed, personas["officer_x"])
    client = client_for("officer_x")
    response = client.get("/district/summary.xlsx")
    assert response.status_code == 200
    _assert_private(response)
    assert _file_name(response) == f"推荐汇总表-东湖区-{batch.year}.xlsx"
    assert [row[3] for row in _summary_rows(response.content)] == ["平台名称", "甲平台"]
    assert client.get(f"/district/summary.xlsx?batch={batch.pk}").content != b""
    assert client.get("/district/summary.xlsx?batch=x").status_code == 404
    assert client.get("/district/summary.xlsx?batch=999999").status_code == 404
    assert AuditEvent.objects.filter(event="district.summary_downloaded").count() == 2


def test_the_pages_link_to_the_downloads(client_for, reviewed):
    client = client_for("officer_x")
    assert "下载推荐表（附件1）" in client.get(f"/district/applications/{reviewed.pk}/review/").content.decode()
    assert "下载本辖区推荐汇总表" in client.get("/district/").content.decode()


def test_the_recommendation_date_is_the_day_in_beijing(reviewed, personas):
    recommend(reviewed, personas["officer_x"], datetime(2026, 4, 30, 17, 0, tzinfo=ZoneInfo("UTC")))
    assert "填报日期：2026年5月1日" in body_paragraphs(open_docx(render_recommendation(reviewed)))
