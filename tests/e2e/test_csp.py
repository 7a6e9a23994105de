"""In a real browser, the main pages of each role run under the Content-Security-Policy without a violation.

The policy (shifan/core/headers.py) has no 'unsafe-inline' for scripts or styles: an inline
<script>, an on*= handler, a style="" attribute, or a script that writes one (ECharts on the
dashboard, the page scripts in static/js) would be refused by Chromium and reported on the
console as "… violates the following Content Security Policy directive …".
"""

import pytest
from playwright.sync_api import expect

from shifan.applications.enums import Status
from tests.conftest import PASSWORD
from tests.dashboard.helpers import build_dashboard_batch
from tests.factories import ApplicationFactory, BatchFactory
from tests.recognition_factories import make_recognition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CSP_MARK = "Content Security Policy"


@pytest.fixture
def violations(page):
    """Console messages and page errors mentioning the policy, collected while the test runs."""
    found = []
    page.on("console", lambda message: found.append(f"{page.url}: {message.text}")
            if CSP_MARK in message.text else None)
    page.on("pageerror", lambda error: found.append(f"{page.url}: {error}"))
    return found


def _visit(page, live_server, path: str) -> None:
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None and response.status == 200, f"{path}: {response and response.status}"
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")


def _sign_out(page) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state()


def test_main_pages_of_each_role_raise_no_csp_violation(page, live_server, sign_in, violations, personas, org_a,
                                                         batch, district_x, district_y):
    build_dashboard_batch(personas, batch, district_x, district_y)
    draft = ApplicationFactory(organization=org_a, batch=BatchFactory(year=batch.year + 3), status=Status.DRAFT,
                               platform_name="甲草稿平台")
    make_recognition(ApplicationFactory(organization=org_a, batch=BatchFactory(year=batch.year - 6),
                                        platform_name="甲认定平台"),
                     officer=personas["bureau_officer"], head=personas["bureau_head"], verification_code="CSPX2345ABCD")

    for path in ("/", "/publicity/", "/verify/", "/verify/CSPX2345ABCD/", "/login/"):
        _visit(page, live_server, path)
    expect(page.get_by_label("用户名")).to_be_visible()

    visits = {
        "applicant_a": ["/applicant/", f"/applicant/applications/{draft.pk}/"],
        "officer_x": ["/district/"],
        "bureau_officer": ["/bureau/", "/bureau/dashboard/", "/bureau/experts/"],
        "expert_1": ["/expert/"],
        "agency": ["/agency/"],
        "auditor": ["/oversight/"],
    }
    for username, paths in visits.items():
        sign_in(username, PASSWORD)
        for path in paths:
            _visit(page, live_server, path)
            if path == "/bureau/dashboard/":
                chart = page.locator('[data-chart="chart-funnel"]')
                expect(chart).to_have_attribute("data-rendered", "true")
                page.locator('[data-chart="chart-funnel"] canvas').first.hover()  # the tooltip is drawn too
        _sign_out(page)

    assert violations == [], "\n".join(sorted(set(line[:160] for line in violations)))


def test_the_listener_sees_a_violation_when_there_is_one(page, live_server, violations):
    """The check above can fail: an inline style written into a page is refused and reported."""
    _visit(page, live_server, "/")
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.evaluate("(() => { const s = document.createElement('script'); s.textContent = '1'; "
                  "document.body.appendChild(s); })()")
    page.wait_for_timeout(300)
    assert any(CSP_MARK in line for line in violations)
