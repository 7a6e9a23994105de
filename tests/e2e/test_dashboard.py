"""The bureau opens 统计分析: the vendored ECharts draws each chart, the tables carry the same numbers."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.dashboard.helpers import build_dashboard_batch, build_tracking_rounds

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_officer_opens_the_dashboard_and_sees_charts_and_tables(page, live_server, sign_in, screenshot,
                                                                    personas, batch, district_x, district_y):
    build_dashboard_batch(personas, batch, district_x, district_y)
    build_tracking_rounds(personas)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    sign_in("bureau_officer", PASSWORD)
    page.get_by_role("link", name="统计分析").click()
    expect(page.get_by_role("heading", name=f"统计分析 · {batch.name}")).to_be_visible()

    for code in ("funnel", "districts", "functions", "conditions", "experts", "tracking"):
        chart = page.locator(f'[data-chart="chart-{code}"]')
        expect(chart).to_have_attribute("data-rendered", "true")
        expect(chart.locator("canvas, svg").first).to_be_attached()
    box = page.locator('[data-chart="chart-funnel"] canvas').first.bounding_box()
    assert box["height"] > 200 and box["width"] > 200

    funnel = page.locator("#chart-funnel-table")
    expect(funnel.get_by_role("row", name="已提交 8")).to_be_visible()
    expect(funnel.get_by_role("row", name="已认定 1")).to_be_visible()
    expect(page.locator("#chart-tracking-table").get_by_role("row", name="不符合基本条件 1")).to_be_visible()
    expect(page.locator("#chart-experts-table").get_by_role("row", name="甲专家 1 3 2")).to_be_visible()
    screenshot("dashboard")

    with page.expect_download() as download:
        page.locator("#chart-funnel-title").locator("xpath=..").get_by_role("link", name="下载 Excel").click()
    assert download.value.suggested_filename == f"申报进度漏斗-{batch.year}.xlsx"
    assert all(url.startswith(live_server.url) for url in requested), "the page must load nothing from outside"
