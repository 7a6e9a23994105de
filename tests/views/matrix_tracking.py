"""Matrix rows of 动态跟踪 (第十三条): the bureau's rounds and reports, the applicant's reports.

World objects: tests/views/worlds/tracking.py (org A's report, submitted and failing, with an open
rectification and org A's reply with a file). Posts carry no data, so bureau forms answer 400; the
report is submitted, so the applicant's save answers 400 and its submit goes back to the page (302);
an import without a file and a reply without text answer 400. Org A is in district X: district Y's
officer finds none of its reports (404).
"""

from tests.views.matrix import LOGIN, USERS, Row, only

BUREAU = ("bureau_officer", "bureau_head")
APPLICANTS = ("applicant_a", "applicant_a2", "applicant_b")


def officer(status: int) -> dict:
    return {"anon": LOGIN, **{p: 403 for p in USERS}, "bureau_officer": status}


def org_a(status: int) -> dict:
    return {**only(*APPLICANTS), "applicant_a": status, "applicant_a2": status, "applicant_b": 404}


def district_x(status: int = 200) -> dict:
    return {"anon": LOGIN, **{p: 403 for p in USERS}, "officer_x": status, "officer_y": 404}


REPORT = {"pk": "tracking_report"}
REPLY_FILE = {"file_id": "tracking_reply_file"}

TRACKING_ROWS = [
    Row("bureau:tracking", "GET", 403, only(*BUREAU)),
    Row("bureau:tracking", "POST", 403, officer(400)),
    Row("bureau:tracking-round", "GET", 403, only(*BUREAU), {"pk": "tracking_round"}),
    Row("bureau:tracking-report", "GET", 403, only(*BUREAU), REPORT),
    Row("bureau:tracking-rectify", "POST", 403, officer(400), REPORT),
    Row("bureau:tracking-revoke", "POST", 403, officer(400), REPORT),
    Row("bureau:tracking-rectification-close", "POST", 403, officer(400), {"pk": "rectification"}),
    Row("applicant:tracking", "GET", 403, only(*APPLICANTS)),
    Row("applicant:tracking-report", "GET", 403, org_a(200), REPORT),
    Row("applicant:tracking-report", "POST", 403, org_a(400), REPORT),
    Row("applicant:tracking-submit", "POST", 403, org_a(302), REPORT),
    Row("applicant:tracking-served-template", "GET", 403, org_a(200), REPORT),
    Row("applicant:tracking-served-import", "POST", 403, org_a(400), REPORT),
    Row("applicant:tracking-reply", "POST", 403, org_a(400), {**REPORT, "rectification_id": "rectification"}),
    Row("applicant:tracking-reply-file", "GET", 403, org_a(200), REPLY_FILE),
    Row("bureau:tracking-return", "POST", 403, officer(400), REPORT),
    Row("bureau:tracking-reply-file", "GET", 403, only(*BUREAU), REPLY_FILE),
    Row("district:tracking", "GET", 403, only("officer_x", "officer_y")),
    Row("district:tracking-report", "GET", 403, district_x(), REPORT),
]
