"""The rows of the application lists, built by {% application_rows %}: links, escaping, local time."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from shifan.applications.enums import Status
from shifan.applications.queries import for_listing, listing_row
from shifan.applications.templatetags.workflow_tags import application_rows
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_a_row_links_the_application_escapes_its_names_and_shows_local_time(batch, org_a, org_b):
    sent = ApplicationFactory(batch=batch, organization=org_a, status=Status.SUBMITTED, platform_name="<b>甲</b>平台",
                              submitted_at=datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("UTC")))
    draft = ApplicationFactory(batch=batch, organization=org_b, status=Status.DRAFT, platform_name="乙平台")
    html = application_rows([listing_row(sent), listing_row(draft)], "bureau:application")
    assert html == (
        f'<tr><td><a href="/bureau/applications/{sent.pk}/">&lt;b&gt;甲&lt;/b&gt;平台</a></td>'
        f"<td>{org_a.name}</td><td>{org_a.jurisdiction.name}</td><td>{batch.year}</td>"
        '<td><span class="badge badge-info" data-status="submitted">待县区初审</span></td>'
        "<td>2026-03-02 07:30</td></tr>\n"  # 23:30 UTC is 07:30 the next day in Nanchang
        f'<tr><td><a href="/bureau/applications/{draft.pk}/">乙平台</a></td>'
        f"<td>{org_b.name}</td><td>{org_b.jurisdiction.name}</td><td>{batch.year}</td>"
        '<td><span class="badge badge-neutral" data-status="draft">草稿</span></td><td>—</td></tr>'
    )


def test_a_listed_row_is_the_loaded_application_s_row(batch, org_a):
    application = ApplicationFactory(batch=batch, organization=org_a, status=Status.RECOMMENDED, platform_name="丙平台",
                                     submitted_at=datetime(2026, 3, 1, 8, 0, tzinfo=ZoneInfo("UTC")))
    listed = for_listing(type(application).objects.filter(pk=application.pk))
    assert list(listed) == [listing_row(application)]
