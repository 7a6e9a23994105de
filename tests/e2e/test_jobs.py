"""The dossier zip as a background job: the link leads to the job's page, which shows the progress; once the
worker (`manage.py db_worker --batch`, run here in the test process) has built it, the page updates by
itself (htmx polling) and offers the download."""

import signal
import zipfile

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from shifan.applications.dossier_io import import_dossier
from shifan.applications.enums import Status
from shifan.audit.models import AuditEvent
from shifan.jobs.models import Job
from tests.applications.dossiers import sample_batch, sample_for
from tests.conftest import PASSWORD
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SIGNALS = [s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGQUIT", None)) if s is not None]


@pytest.fixture
def batch(db):
    return sample_batch()


def run_worker_once() -> None:
    """The real command, in batch mode; it installs its own signal handlers, which are put back after."""
    saved = {s: signal.getsignal(s) for s in SIGNALS}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


def test_the_applicant_follows_the_zip_job_and_downloads_it(page, live_server, sign_in, screenshot, personas, org_a,
                                                             batch, tmp_path):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲示范平台")
    import_dossier(application, sample_for(application), actor=personas["applicant_a"])

    sign_in("applicant_a", PASSWORD)
    page.goto(f"{live_server.url}/applicant/applications/{application.pk}/")
    page.locator("#documents").get_by_role("link", name="下载全部申报材料（ZIP）").click()

    job = Job.objects.get()
    expect(page).to_have_url(f"{live_server.url}/jobs/{job.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("打包下载全部申报材料：甲示范平台")
    status = page.locator("#job-status")
    expect(status.locator("[data-job-state]")).to_have_text("排队中")
    expect(status.locator("progress")).to_have_attribute("value", "0")
    screenshot("job-queued")

    run_worker_once()

    # No reload: the status polls every 2 s and replaces itself.
    expect(status.locator("[data-job-state]")).to_have_text("已完成", timeout=8_000)
    expect(status.locator("progress")).to_have_attribute("value", "100")
    link = status.get_by_role("link", name="下载：申报材料-甲示范平台-2026.zip")
    expect(link).to_be_visible()
    screenshot("job-done")

    with page.expect_download() as archive:
        link.click()
    assert archive.value.suggested_filename == "申报材料-甲示范平台-2026.zip"
    zip_path = tmp_path / "dossier.zip"
    archive.value.save_as(zip_path)
    with zipfile.ZipFile(zip_path) as opened:
        names = opened.namelist()
    assert "附件5 上一年度服务中小企业名单及服务评价表.docx" in names and "申报材料.json" in names
    assert AuditEvent.objects.filter(event="jobs.result_downloaded", actor=personas["applicant_a"]).count() == 1
    # Polling stopped once the job was done: the fragment carries no trigger any more.
    assert status.get_attribute("hx-trigger") is None
