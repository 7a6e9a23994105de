"""Query guard of the score sheet page (评分表, issue 10): the page reads each of its rows once.

An expert's application comes in one query with its review group (the group's batch is the application's)
and the id of the seat through which the expert reads it; an agency's application comes with its group in
the scoped query. Then the indicators (from the cache once scoring has started) and the sheet (with its
items once saved). Anything more (the membership or the seat read again, a query per indicator) fails here.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shifan.applications.enums import Status
from shifan.city_review.domain.scoring import Entry, save_sheet
from shifan.city_review.domain.setup import indicators_for
from tests.factories import ApplicationFactory
from tests.review_factories import make_expert, make_group, put_in_group, seat_expert

pytestmark = pytest.mark.django_db

FROM = re.compile(r'\bFROM "(\w+)"')


def page_queries(client, url: str) -> list[str]:
    """The main table of each query the page runs, leaving out the session and login's own reads."""
    client.get(url)  # warm: the session's first touch is not the page's cost
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    tables = [FROM.search(q["sql"]).group(1) for q in captured.captured_queries]
    return [t for t in tables if not t.startswith(("django_session", "accounts_user", "otp_"))]


@pytest.fixture
def in_review(batch, personas):
    officer = personas["bureau_officer"]
    application = ApplicationFactory(batch=batch, status=Status.IN_REVIEW)
    group = make_group(batch, actor=officer)
    put_in_group(application, group, officer)
    seat_expert(group, make_expert(user=personas["expert_1"]), actor=officer)
    return application


def test_the_expert_s_score_page_reads_each_row_once(client_for, personas, in_review):
    client, url = client_for("expert_1"), f"/expert/applications/{in_review.pk}/score/"
    start = ["applications_application"]
    # Before anyone has scored, the sheet is read each time, and whether scoring has started (it can still change).
    assert page_queries(client, url) == [*start, "city_review_indicator", "city_review_score", "city_review_score"]
    indicators = indicators_for(in_review.batch)
    save_sheet(in_review, actor=personas["expert_1"], entries={indicators[0].pk: Entry("4", "好")})
    # From the first score on the sheet is fixed and comes from the cache.
    assert page_queries(client, url) == [*start, "city_review_score", "city_review_scoreitem"]
    shown = client.get(url).content.decode()
    assert f'name="points_{indicators[0].pk}" value="4.0"' in shown and 'value="好"' in shown


def test_the_agency_s_score_page_needs_no_seat(client_for, personas, batch, agency_org):
    officer = personas["bureau_officer"]
    application = ApplicationFactory(batch=batch, status=Status.IN_REVIEW)
    put_in_group(application, make_group(batch, actor=officer, mode="agency", agency=agency_org), officer)
    url = f"/agency/applications/{application.pk}/score/"
    assert page_queries(client_for("agency"), url) == [
        "applications_application", "city_review_indicator", "city_review_score", "city_review_score"]


def test_the_expert_s_application_page_reads_application_and_seat_at_once(client_for, in_review):
    """The application with its related rows and the reading seat's id (no membership, no seat again), the
    expert's sheet, the policy the eligibility panel cites and the timeline."""
    assert page_queries(client_for("expert_1"), f"/expert/applications/{in_review.pk}/") == [
        "applications_application", "city_review_score", "policies_policy",
        "applications_statuschange"]
