"""The exact queries of the district inbox and the bureau's filtered list (issue 10): each statement named,
so that a new one is a decision, not an accident. test_query_counts.py checks they do not grow with data.

Measured warm, as a user's second request: the header's unread count and the names of batches and
districts (core/reference.py) come from the cache then; cold, each is one query more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shifan.applications.enums import Status
from tests.factories import ApplicationFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

# What every logged-in page reads first: the session, the user, and whether a second factor is enrolled.
CHROME = ["django_session", "accounts_user", "otp_totp_totpdevice"]


def tables(client, url: str) -> list[str]:
    """The main table of each statement of a warm GET of url, in order."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [main_table(query["sql"]) for query in captured]


def main_table(sql: str) -> str:
    """The table after the statement's own FROM (not a subquery's)."""
    depth = 0
    for index, char in enumerate(sql):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and sql.startswith(" FROM ", index):
            return sql[index + 6:].split()[0].strip('"')
    raise AssertionError(f"no FROM in {sql}")


@pytest.fixture
def district_world(batch, district_x):
    for status in (Status.SUBMITTED, Status.SENT_BACK, Status.RECOMMENDED, Status.RETURNED, Status.DRAFT):
        ApplicationFactory(batch=batch, organization=OrganizationFactory(jurisdiction=district_x), status=status,
                           platform_name="检测服务平台")


def test_the_district_inbox_reads_its_figures_once(client_for, district_world, district_x):
    client = client_for("officer_x")
    page = client.get("/district/").content.decode()
    assert f"<h1>{district_x.name} · 初审推荐</h1>" in page  # the heading's name comes from the cached names
    assert '<span class="n">2</span><span class="l">待初审</span>' in page  # submitted and sent back
    assert tables(client, "/district/") == [
        *CHROME,  # the open batch and the deadline extensions come from the cache after the first request
        "applications_application",  # counts by status: waiting, the batch's figures, the handled list's size
        "applications_application",  # the waiting list
        "applications_application",  # a page of the handled ones
    ]
    filtered = tables(client, "/district/?status=recommended&q=检测")
    assert filtered == [*CHROME, "applications_application",
                        "applications_application",  # a filtered list counts its own rows for the pager
                        "applications_application", "applications_application"]


def test_the_bureau_s_filtered_list_reads_no_chosen_option_again(client_for, batch, district_world):
    client = client_for("bureau_officer")
    assert tables(client, f"/bureau/applications/?batch={batch.pk}&status=submitted&q=检测") == [
        *CHROME,  # the filter's batches and districts are cached names; the chosen ones are never read
        "applications_application",  # the pager's count
        "applications_application",  # the page
    ]
