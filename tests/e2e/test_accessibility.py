"""An automated accessibility check (axe-core, WCAG 2.0/2.1 A and AA) of the main pages of every role.

Each page is checked at 1366×768 (an office screen) and the public pages also at 390×844 (a
phone): no violation of impact serious or critical, and no sideways scrolling. The check runs
with the product's CSP in force (tests/e2e/a11y.py explains how axe is loaded).
"""

import pytest
from playwright.sync_api import expect

from shifan.applications.enums import Status
from shifan.applications.list_excel import sheet_for
from shifan.documents.xlsx import export_rows
from tests.applications.test_list_excel import served_rows
from tests.conftest import PASSWORD
from tests.dashboard.helpers import build_dashboard_batch
from tests.e2e.a11y import axe_violations, describe, has_horizontal_scroll
from tests.factories import ApplicationFactory, BatchFactory
from tests.recognition_factories import make_recognition
from tests.review_factories import make_expert, make_group, put_in_group, seat_expert

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PUBLIC_PATHS = ["/", "/platforms/", "/platforms/ACCS2345ABCD/", "/publicity/", "/verify/", "/verify/ACCS2345ABCD/",
                "/regulation/", "/notices/", "/cases/", "/login/"]
PHONE = {"width": 390, "height": 844}


class Findings:
    """Collects every page's problems so one run lists them all."""

    def __init__(self):
        self.problems: list[str] = []
        self.checked: list[str] = []

    def check(self, page, label: str) -> None:
        page.wait_for_load_state("networkidle")
        self.checked.append(label)
        violations = axe_violations(page)
        if violations:
            self.problems.append(describe(f"{label} ({page.url})", violations))
        if has_horizontal_scroll(page):
            widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            self.problems.append(f"{label} ({page.url}): horizontal scroll, scrollWidth {widths[0]} > {widths[1]}")

    def visit(self, page, base: str, path: str, label: str = "") -> None:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        self.check(page, label or path)

    def assert_clean(self) -> None:
        assert not self.problems, "Accessibility problems:\n" + "\n".join(self.problems)


def _sign_out(page) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state()


@pytest.fixture
def world(personas, org_a, batch, district_x, district_y):
    apps = build_dashboard_batch(personas, batch, district_x, district_y)["apps"]
    officer = personas["bureau_officer"]
    draft = ApplicationFactory(organization=org_a, batch=BatchFactory(year=batch.year + 3), status=Status.DRAFT,
                               platform_name="甲草稿平台")
    make_recognition(ApplicationFactory(organization=org_a, batch=BatchFactory(year=batch.year - 6),
                                        platform_name="甲认定平台"),
                     officer=officer, head=personas["bureau_head"], verification_code="ACCS2345ABCD")
    # An expert's invitation and score sheet.
    in_review = ApplicationFactory(batch=batch, status=Status.IN_REVIEW, platform_name="评审中平台")
    group = make_group(batch, actor=officer, name="无障碍组")
    put_in_group(in_review, group, officer)
    seat_expert(group, make_expert(user=personas["expert_1"], name="冯教授"), actor=officer)
    # An agency's group.
    agency_group = make_group(batch, actor=officer, mode="agency", agency=personas["agency"].organization,
                              name="机构组")
    put_in_group(ApplicationFactory(batch=batch, status=Status.IN_REVIEW, platform_name="机构评审平台"),
                 agency_group, officer)
    return {"apps": apps, "draft": draft, "in_review": in_review, "group": group}


def test_main_pages_of_every_role_pass_the_accessibility_check(page, live_server, sign_in, world, batch, tmp_path):
    findings = Findings()
    base = live_server.url
    for path in PUBLIC_PATHS:
        findings.visit(page, base, path)
    page.get_by_role("button", name="登录").click()  # the form's errors, tied to their fields
    expect(page.locator("#id_username_error")).to_be_visible()
    findings.check(page, "login with errors")

    draft, apps = world["draft"], world["apps"]
    sign_in("applicant_a", PASSWORD)
    findings.check(page, "applicant home")
    for path in (f"/applicant/applications/{draft.pk}/", "/home/inbox/",
                 f"/applicant/applications/{draft.pk}/sections/basics/",
                 f"/applicant/applications/{draft.pk}/sections/served/"):
        findings.visit(page, base, path)
    rows = served_rows(3)
    rows[1]["mobile"] = "12345"
    upload = tmp_path / "附件5.xlsx"
    upload.write_bytes(export_rows(sheet_for("served_smes"), rows))
    page.get_by_label("从 Excel 导入").set_input_files(str(upload))
    page.get_by_role("button", name="检查并导入").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("导入检查结果：上一年度服务中小企业")
    findings.check(page, "applicant list import report")
    _sign_out(page)

    submitted = apps["x_submitted"]
    sign_in("officer_x", PASSWORD)
    findings.check(page, "district inbox")
    for path in (f"/district/applications/{submitted.pk}/", f"/district/applications/{submitted.pk}/review/"):
        findings.visit(page, base, path)
    _sign_out(page)

    sign_in("bureau_officer", PASSWORD)
    findings.check(page, "bureau home")
    for path in ("/bureau/applications/", f"/bureau/applications/{apps['x_recommended'].pk}/", "/bureau/review/",
                 f"/bureau/review/groups/{world['group'].pk}/", f"/bureau/review/ranking/?batch={batch.pk}",
                 f"/bureau/review/proposed/?batch={batch.pk}", "/bureau/publicity/", "/bureau/experts/",
                 "/bureau/dashboard/"):
        findings.visit(page, base, path)
    _sign_out(page)

    sign_in("expert_1", PASSWORD)
    findings.check(page, "expert home")
    findings.visit(page, base, f"/expert/applications/{world['in_review'].pk}/score/")
    _sign_out(page)

    sign_in("agency", PASSWORD)
    findings.check(page, "agency home")
    _sign_out(page)

    findings.assert_clean()


def test_public_pages_pass_on_a_phone(browser, live_server, world):
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    try:
        page = context.new_page()
        findings = Findings()
        for path in PUBLIC_PATHS:
            findings.visit(page, live_server.url, path, f"{path} (phone)")
        findings.assert_clean()
    finally:
        context.close()


def test_the_skip_link_is_the_first_stop_and_moves_to_the_main_content(page, live_server, batch):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "跳到主要内容"]
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Focus is visible: a 3px outline on the focused control.
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineWidth") == "3px"


def test_the_check_finds_a_violation_when_there_is_one(page, live_server):
    """The check above can fail: an unlabelled field and sideways overflow are reported."""
    page.goto(f"{live_server.url}/login/")
    page.evaluate("""() => {
      const input = document.createElement('input'); input.type = 'text'; document.querySelector('main').append(input);
      const wide = document.createElement('div'); wide.textContent = 'x'.repeat(4000);
      document.querySelector('main').append(wide);
    }""")
    page.evaluate("""() => {
      const h = document.createElement('h4'); h.textContent = '跳级标题'; document.querySelector('main').append(h);
    }""")
    ids = {v["id"] for v in axe_violations(page)}
    assert {"label", "heading-order"} <= ids
    assert has_horizontal_scroll(page)
