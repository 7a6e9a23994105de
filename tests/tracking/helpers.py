"""Recognised platforms and tracking figures for the tracking tests."""

from datetime import date
from decimal import Decimal

from shifan.applications.list_excel import sheet_for
from shifan.applications.models import ApplicationProfile
from shifan.documents.xlsx import export_rows
from tests.factories import ApplicationFactory, BatchFactory
from tests.recognition_factories import make_recognition

# Figures that meet every 第五条 condition of nanchang-2022 for a technology + information platform.
PASSING = {
    "total_assets": Decimal("500"), "site_area_owned": Decimal("200"), "site_area_rented": None,
    "staff_full_time": 12, "staff_qualified": 10, "smes_served": 120, "smes_served_previous": 100,
    "served_listed": 120, "served_satisfied": 110, "training_person_times": None, "service_volume": 1000,
    "public_welfare_volume": 200, "partners": 3,
}  # fmt: skip
ACTIVITIES = {"technology": 2, "information": 4}
# Fails exactly two conditions: total assets (50 < 100 万元) and satisfaction (80 / 120 = 66.66% < 80%).
FAILING = {**PASSING, "total_assets": Decimal("50"), "served_satisfied": 80}


def recognised(organization, *, officer, head, year: int, starts_on: date | None = None, **fields):
    """A platform of ``organization`` recognised from ``starts_on`` (its application registered 2018)."""
    application = ApplicationFactory(organization=organization, batch=BatchFactory(year=year))
    ApplicationProfile.objects.update_or_create(application=application,
                                                defaults={"registered_on": date(2018, 3, 1)})
    return make_recognition(application, officer=officer, head=head, starts_on=starts_on, **fields)


def served_rows(count: int, *, satisfied: int) -> list[dict]:
    """附件5 rows as the template's columns: the first ``satisfied`` rows say 满意, the rest not."""
    return [
        {"name": f"南昌市跟踪企业{i:03d}有限公司", "uscc": "", "contact": f"联系人{i:03d}", "position": "总经理",
         "mobile": f"1390792{i:04d}", "service": "政策咨询与对接", "satisfied": i <= satisfied}
        for i in range(1, count + 1)
    ]


def served_workbook(rows: list[dict]) -> bytes:
    """The rows in the application's own 附件5 template (what a platform downloads and fills in)."""
    return export_rows(sheet_for("served_smes"), rows)
