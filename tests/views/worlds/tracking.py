"""Tracking objects for the authorization matrix: a round with org A's report, submitted and failing,
with an open rectification (org B's users must not find any of it)."""

from datetime import timedelta

from django.utils import timezone

from shifan.tracking.domain import issue_rectification, open_round, save_report, submit_report
from tests.tracking.helpers import ACTIVITIES, FAILING, recognised


def add(*, personas, world) -> dict:
    officer, head = personas["bureau_officer"], personas["bureau_head"]
    org_a, year = world["app_a"].organization, world["batch"].year
    today = timezone.localdate()
    recognition = recognised(org_a, officer=officer, head=head, year=year - 9, starts_on=today - timedelta(days=5),
                             platform_name="甲跟踪平台")
    tracking_round = open_round(actor=officer, year=year - 1, title="矩阵跟踪", opens_on=today,
                                due_on=today + timedelta(days=30))
    report = tracking_round.reports.get(recognition=recognition)
    save_report(report, actor=personas["applicant_a"], figures=FAILING, activities=ACTIVITIES, summary="总结。")
    submit_report(report, actor=personas["applicant_a"])
    rectification = issue_rectification(report, actor=officer, due_on=today + timedelta(days=20),
                                        requirements="整改要求。")
    return {"tracking_round": tracking_round, "tracking_report": report, "rectification": rectification}
