import pytest
from openpyxl import load_workbook

from shifan.applications.dossier_io import import_dossier
from shifan.applications.enums import Status
from shifan.applications.list_excel import list_template, sheet_for
from shifan.applications.models import Application
from tests.applications.dossiers import sample_batch, sample_for
from tests.factories import ApplicationFactory


@pytest.fixture
def batch(db):
    return sample_batch()


@pytest.fixture
def submitted(personas, org_a, batch):
    """Application A with the sample dossier, submitted: the district and the bureau see it too."""
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲示范平台")
    import_dossier(application, sample_for(application), actor=personas["applicant_a"])
    Application.objects.filter(pk=application.pk).update(status=Status.SUBMITTED)
    application.refresh_from_db()
    return application


@pytest.fixture
def draft(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT)


def served_file(rows: int, *, bad_every: int = 0) -> bytes:
    """附件5 in the real template with ``rows`` rows (every ``bad_every``-th without a name)."""
    from io import BytesIO

    sheet = sheet_for("served_smes")
    book = load_workbook(BytesIO(list_template("served_smes")))
    worksheet = book[sheet.title]
    for n in range(1, rows + 1):
        values = {"name": "" if bad_every and n % bad_every == 0 else f"南昌市第{n}科技有限公司",
                  "contact": f"联系人{n}", "position": "总经理", "mobile": f"139{n:08d}",
                  "service": "融资对接与人才培训", "satisfied": "是"}
        worksheet.append([values.get(column.key, "") for column in sheet.columns])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
