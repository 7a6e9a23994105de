import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shifan.applications.enums import Status
from shifan.applications.list_excel import sheet_for
from shifan.applications.models import ListImport, StaffMember
from shifan.documents.xlsx import export_rows
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def draft(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT)


def staff_file(rows) -> SimpleUploadedFile:
    return SimpleUploadedFile("附件4.xlsx", export_rows(sheet_for("staff"), rows), content_type=XLSX)


def test_the_template_downloads_as_an_xlsx_attachment(client_for, draft):
    response = client_for("applicant_a").get(f"/applicant/applications/{draft.pk}/rows/staff/template.xlsx")
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    assert response.content[:2] == b"PK"


def test_upload_shows_the_report_then_keeping_valid_rows_replaces_the_list(client_for, draft):
    client = client_for("applicant_a")
    rows = [{"name": "王工", "age": 35, "education": "bachelor", "full_time": True},
            {"name": "", "full_time": True},
            {"name": "李工", "age": 200, "full_time": True}]
    response = client.post(f"/applicant/applications/{draft.pk}/rows/staff/import/", {"file": staff_file(rows)})
    checked = ListImport.objects.get()
    assert response["Location"] == f"/applicant/applications/{draft.pk}/imports/{checked.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "第 3 行「姓名」：必填，不能为空。" in page
    assert "第 4 行「年龄」：确保该值小于或等于100。" in page
    assert "保留 1 行有效数据，替换现有名单" in page

    client.post(f"/applicant/applications/{draft.pk}/imports/{checked.pk}/apply/")
    assert list(StaffMember.objects.values_list("name", flat=True)) == ["王工"]


def test_a_file_that_is_not_excel_is_refused_with_a_message(client_for, draft):
    client = client_for("applicant_a")
    bad = SimpleUploadedFile("附件4.xlsx", b"%PDF-1.7 not a workbook", content_type=XLSX)
    response = client.post(f"/applicant/applications/{draft.pk}/rows/staff/import/", {"file": bad}, follow=True)
    assert "未能导入：" in response.content.decode()
    assert not ListImport.objects.exists()


def test_uploading_without_a_file_says_so(client_for, draft):
    response = client_for("applicant_a").post(f"/applicant/applications/{draft.pk}/rows/staff/import/", follow=True)
    assert "请选择要导入的 Excel 文件（.xlsx）。" in response.content.decode()


def test_another_organisations_import_is_not_found(client_for, draft, org_b, batch):
    client_for("applicant_a").post(f"/applicant/applications/{draft.pk}/rows/staff/import/",
                                   {"file": staff_file([{"name": "甲", "full_time": True}])})
    checked = ListImport.objects.get()
    other = client_for("applicant_b")
    assert other.get(f"/applicant/applications/{draft.pk}/imports/{checked.pk}/").status_code == 404
    assert other.post(f"/applicant/applications/{draft.pk}/imports/{checked.pk}/apply/").status_code == 404
    assert ListImport.objects.get().state == "pending"
