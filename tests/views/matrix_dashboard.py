"""Matrix rows of the bureau's dashboard (统计分析) and its per-chart Excel downloads.

No world objects of its own: the world's open batch is the one shown; the chart is a literal slug.
"""

from tests.views.matrix import Row, only

BUREAU = ("bureau_officer", "bureau_head")

DASHBOARD_ROWS = [
    Row("bureau:dashboard", "GET", 403, only(*BUREAU)),
    Row("bureau:dashboard-xlsx", "GET", 403, only(*BUREAU), {"chart": "=funnel"}),
    Row("bureau:dashboard-xlsx", "GET", 403, only(*BUREAU, ok=404), {"chart": "=no-such-chart"}),
]
