"""The applicant downloads its application report (附件2) from its page (the zip: test_jobs.py)."""

import pytest
from playwright.sync_api import expect

from shifan.applications.dossier_io import import_dossier
from shifan.applications.enums import Status
from tests.applications.dossiers import sample_batch, sample_for
from tests.conftest import PASSWORD
from tests.documents.docx_reading import body_paragraphs, open_docx, table_rows
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def batch(db):
    return sample_batch()


def test_applicant_downloads_the_report(page, live_server, sign_in, screenshot, personas, org_a, batch,
                                                     tmp_path):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲示范平台")
    import_dossier(application, sample_for(application), actor=personas["applicant_a"])

    sign_in("applicant_a", PASSWORD)
    page.goto(f"{live_server.url}/applicant/applications/{application.pk}/")
    card = page.locator("#documents")
    expect(card.get_by_role("heading", level=2)).to_have_text("申报材料文档（Word）")
    card.scroll_into_view_if_needed()
    screenshot("applicant-documents")

    with page.expect_download() as report:
        card.get_by_role("link", name="附件2 南昌市中小企业公共服务示范平台申请报告").click()
    assert report.value.suggested_filename == "附件2 南昌市中小企业公共服务示范平台申请报告-甲示范平台-2026.docx"
    path = tmp_path / "report.docx"
    report.value.save_as(path)
    document = open_docx(path.read_bytes())
    assert body_paragraphs(document)[1:4] == [
        "南昌市中小企业公共服务示范平台", "申请报告", "申报单位（盖章）：甲服务机构有限公司",
    ]
    assert table_rows(document.tables[0])[3][0] == "法定代表人：章示范"
    # The whole dossier as a zip is built in the background: tests/e2e/test_jobs.py follows it.
