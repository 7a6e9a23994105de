"""Tracking objects for the authorization matrix: a round with org A's report, submitted and failing,
its 附件5 list imported before submission, an open rectification with org A's reply and its file
(org B's users and district Y must not find any of it)."""

from datetime import timedelta

from django.utils import timezone

from shifan.tracking.domain import (
    file_rectification_reply,
    import_served_list,
    issue_rectification,
    open_round,
    save_report,
    submit_report,
)
from tests.factories import MINIMAL_PDF
from tests.tracking.helpers import ACTIVITIES, FAILING, recognised, served_rows, served_workbook


def add(*, personas, world) -> dict:
    officer, head, applicant = personas["bureau_officer"], personas["bureau_head"], personas["applicant_a"]
    org_a, year = world["app_a"].organization, world["batch"].year
    today = timezone.localdate()
    recognition = recognised(org_a, officer=officer, head=head, year=year - 9, starts_on=today - timedelta(days=5),
                             platform_name="甲跟踪平台")
    tracking_round = open_round(actor=officer, year=year - 1, title="矩阵跟踪", opens_on=today,
                                due_on=today + timedelta(days=30))
    report = tracking_round.reports.get(recognition=recognition)
    save_report(report, actor=applicant, figures=FAILING, activities=ACTIVITIES, summary="总结。")
    import_served_list(report, actor=applicant, data=served_workbook(served_rows(3, satisfied=2)),
                       file_name="附件5.xlsx")
    submit_report(report, actor=applicant)
    rectification = issue_rectification(report, actor=officer, due_on=today + timedelta(days=20),
                                        requirements="整改要求。")
    reply = file_rectification_reply(rectification, actor=applicant, text="已按要求完成整改，附回访记录。",
                                     files=[(MINIMAL_PDF, "回访记录.pdf")])
    return {"tracking_round": tracking_round, "tracking_report": report, "rectification": rectification,
            "tracking_reply_file": reply.files.get()}
