"""The application lists show a screenful (20 rows) and say how to reach the rest."""

import re

import pytest
from django.utils import timezone

from shifan.applications.enums import Status
from tests.factories import ApplicationFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def table_rows(html: str, detail_prefix: str) -> list[str]:
    return re.findall(rf'<a href="{detail_prefix}(\d+)/">', html)


def waiting_section(html: str) -> str:
    return html.split('id="waiting-title"')[1].split('id="recent-title"')[0]


@pytest.fixture
def many_waiting(batch, district_x, district_y):
    """23 submitted and 2 sent back in 东湖区, and 5 submitted elsewhere (never shown)."""
    def make(count, status, jurisdiction):
        for _ in range(count):
            organization = OrganizationFactory(jurisdiction=jurisdiction)
            ApplicationFactory(batch=batch, organization=organization, status=status, submitted_at=timezone.now())
    make(23, Status.SUBMITTED, district_x)
    make(2, Status.SENT_BACK, district_x)
    make(5, Status.SUBMITTED, district_y)


def test_the_district_inbox_shows_twenty_waiting_and_links_to_all_of_them(client_for, many_waiting):
    html = client_for("officer_x").get("/district/").content.decode()
    section = waiting_section(html)
    assert len(table_rows(section, "/district/applications/")) == 20
    assert "共 25 件待初审，这里显示最近提交的 20 件。" in section
    assert '<a href="?status=submitted">待县区初审</a>' in section

    listed = client_for("officer_x").get("/district/?status=submitted").content.decode()
    shown = table_rows(listed.split('id="recent-title"')[1], "/district/applications/")
    assert len(shown) == 20  # a page of the filtered list; the pager leads to the other 3
    assert "第 1 / 2 页" in listed
    second = client_for("officer_x").get("/district/?status=submitted&page=2").content.decode()
    assert len(table_rows(second.split('id="recent-title"')[1], "/district/applications/")) == 3


def test_no_hint_when_every_waiting_application_is_shown(client_for, batch, org_a):
    ApplicationFactory(batch=batch, organization=org_a, status=Status.SUBMITTED, submitted_at=timezone.now())
    section = waiting_section(client_for("officer_x").get("/district/").content.decode())
    assert len(table_rows(section, "/district/applications/")) == 1
    assert "待初审，这里显示" not in section


def test_the_bureau_list_pages_by_twenty(client_for, many_waiting, batch):
    url = f"/bureau/applications/?batch={batch.pk}&status=submitted"
    first = client_for("bureau_officer").get(url).content.decode()
    assert len(table_rows(first, "/bureau/applications/")) == 20
    assert "第 1 / 2 页" in first
    second = client_for("bureau_officer").get(url + "&page=2").content.decode()
    assert len(table_rows(second, "/bureau/applications/")) == 8  # 23 + 5 submitted in all districts
