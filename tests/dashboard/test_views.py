"""The dashboard page and its downloads: who may open them, what they show, the audit record."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.http import content_disposition_header
from openpyxl import load_workbook

from shifan.audit.models import AuditEvent
from shifan.workspace.dashboard import BatchDashboard
from tests.dashboard.helpers import build_dashboard_batch, build_tracking_rounds
from tests.views.matrix import PERSONAS

pytestmark = pytest.mark.django_db

CHARTS = ("funnel", "districts", "functions", "conditions", "experts", "tracking")
SHEETS = {"funnel": "申报进度漏斗", "districts": "各县区申报情况", "functions": "按服务功能统计",
          "conditions": "认定条件通过情况", "experts": "评审专家工作量", "tracking": "动态跟踪报送情况"}


@pytest.fixture
def world(personas, batch, district_x, district_y):
    world = build_dashboard_batch(personas, batch, district_x, district_y)
    return {**world, **build_tracking_rounds(personas)}


def test_bureau_officers_and_heads_open_it_and_nobody_else(client_for, world):
    url = reverse("bureau:dashboard")
    answers = {p: client_for(None if p == "anon" else p).get(url).status_code for p in PERSONAS}
    assert answers == {p: 200 if p in ("bureau_officer", "bureau_head") else 302 if p == "anon" else 403
                       for p in PERSONAS}


def test_the_page_shows_every_chart_with_its_data_element_table_and_download(client_for, batch, world):
    response = client_for("bureau_head").get(reverse("bureau:dashboard"))
    html = response.content.decode()
    for code in CHARTS:
        assert f'<script id="chart-{code}" type="application/json">' in html
        assert f'data-chart="chart-{code}"' in html
        assert f'id="chart-{code}-table"' in html
        assert f'href="{reverse("bureau:dashboard-xlsx", args=[code])}?batch={batch.pk}"' in html
    assert 'src="/static/vendor/echarts/echarts.min.js"' in html and 'src="/static/js/dashboard.js"' in html
    charts = {item["chart"].code: item for item in response.context["charts"]}
    assert charts["funnel"]["table"]["rows"] == [["已提交", 8], ["县区已推荐", 6], ["评审完成", 4], ["拟认定", 2],
                                                 ["已认定", 1]]
    assert "<th scope=\"row\">甲专家</th><td>1</td><td>3</td><td>2</td>" in html
    assert "<th scope=\"row\">逾期未提交</th><td>1</td>" in html
    assert "<th scope=\"row\">东湖区</th><td>3</td><td>2</td><td>0</td><td>0</td><td>0</td>" in html


def test_the_bureau_home_links_to_it(client_for, world):
    html = client_for("bureau_officer").get(reverse("bureau:home")).content.decode()
    assert f'<a href="{reverse("bureau:dashboard")}">统计分析</a>' in html


def test_batch_is_chosen_with_the_query(client_for, world):
    response = client_for("bureau_officer").get(reverse("bureau:dashboard"), {"batch": world["earlier"].pk})
    assert response.context["batch"] == world["earlier"]
    funnel = response.context["charts"][0]["table"]["rows"]
    assert [count for _, count in funnel] == [1, 1, 1, 1, 1]


@pytest.mark.parametrize("code", CHARTS)
def test_each_chart_downloads_its_numbers_without_formulas_and_is_audited(client_for, personas, batch, world, code):
    response = client_for("bureau_officer").get(reverse("bureau:dashboard-xlsx", args=[code]), {"batch": batch.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == content_disposition_header(True, f"{SHEETS[code]}-{batch.year}.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook[SHEETS[code]]
    rows = list(sheet.iter_rows(values_only=True))
    chart = BatchDashboard(batch, personas["bureau_officer"]).chart(code)
    assert list(rows[0]) == [c.header for c in chart.columns]
    expected = [[row[c.key] for c in chart.columns] for row in chart.rows]
    assert [list(row) for row in rows[1:]] == [[float(v) if isinstance(v, Decimal) else v for v in row]
                                               for row in expected]
    for worksheet in workbook.worksheets:
        for line in worksheet.iter_rows():
            for cell in line:
                assert cell.data_type != "f"
                assert not (isinstance(cell.value, str) and cell.value.startswith("="))
    event = AuditEvent.objects.get(event="dashboard.exported")
    assert (event.actor, event.target_type, event.target_id, event.data) == (
        personas["bureau_officer"], "batches.batch", str(batch.pk), {"chart": code, "format": "xlsx"})


def test_the_funnel_file_has_the_funnels_numbers(client_for, batch, world):
    response = client_for("bureau_head").get(reverse("bureau:dashboard-xlsx", args=["funnel"]))
    rows = list(load_workbook(io.BytesIO(response.content))["申报进度漏斗"].iter_rows(values_only=True))
    assert rows == [("阶段", "申报数"), ("已提交", 8), ("县区已推荐", 6), ("评审完成", 4), ("拟认定", 2), ("已认定", 1)]


def test_an_unknown_chart_is_not_found_and_not_audited(client_for, world):
    response = client_for("bureau_officer").get(reverse("bureau:dashboard-xlsx", args=["no-such-chart"]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(event="dashboard.exported").exists()


def test_downloads_are_for_bureau_staff_only(client_for, world):
    url = reverse("bureau:dashboard-xlsx", args=["funnel"])
    for persona in ("applicant_a", "officer_x", "expert_1", "agency", "auditor", "bureau_admin"):
        assert client_for(persona).get(url).status_code == 403
    assert not AuditEvent.objects.filter(event="dashboard.exported").exists()
