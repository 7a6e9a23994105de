"""Matrix rows of the city review (市局评审): the bureau's pages, the expert and agency workspaces.

Imported at the end of matrix.py. World objects: tests/views/worlds/review.py.
"""

from tests.views.matrix import LOGIN, USERS, Row, only

BUREAU = ("bureau_officer", "bureau_head")
OFFICER_POSTS = {"anon": LOGIN, **{p: 403 for p in USERS}}


def officer_post(status: int) -> dict:
    """Only bureau officers may write; heads read but get 403 on these posts."""
    return {**OFFICER_POSTS, "bureau_officer": status}


def head_post(status: int) -> dict:
    return {**OFFICER_POSTS, "bureau_head": status}


def one(persona: str, status: int, **others: int) -> dict:
    return {"anon": LOGIN, **{p: 403 for p in USERS}, persona: status, **others}


REVIEW_ROWS = [
    # The bureau's review pages: staff read, officers write (heads approve the list).
    Row("bureau:review", "GET", 403, only(*BUREAU)),
    Row("bureau:review-settings", "GET", 403, only(*BUREAU)),
    Row("bureau:review-settings", "POST", 403, officer_post(400)),
    Row("bureau:review-sheet", "GET", 403, only(*BUREAU)),
    Row("bureau:review-sheet", "POST", 403, officer_post(400)),
    Row("bureau:review-group-create", "POST", 403, officer_post(400)),
    Row("bureau:review-group", "GET", 403, only(*BUREAU), {"pk": "group_exp"}),
    Row("bureau:review-group", "GET", 403, only(*BUREAU), {"pk": "group_ag"}),
    Row("bureau:review-group-assign", "POST", 403, officer_post(400), {"pk": "group_exp"}),
    Row("bureau:review-group-draw", "POST", 403, officer_post(400), {"pk": "group_exp"}),
    Row("bureau:review-group-complete", "POST", 403, officer_post(302), {"pk": "group_exp"}),
    Row("bureau:review-report", "GET", 403, only(*BUREAU), {"pk": "group_ag", "report_id": "report"}),
    Row("bureau:review-report", "GET", 403, only(*BUREAU, ok=404), {"pk": "group_exp", "report_id": "report"}),
    Row("bureau:review-draw", "GET", 403, only(*BUREAU), {"pk": "draw"}),
    Row("bureau:review-ranking", "GET", 403, only(*BUREAU)),
    Row("bureau:review-score", "GET", 403, only(*BUREAU), {"pk": "score_1"}),
    Row("bureau:review-proposed", "GET", 403, only(*BUREAU)),
    Row("bureau:review-proposed-prepare", "POST", 403, officer_post(302)),
    Row("bureau:review-proposed-save", "POST", 403, officer_post(302), {"pk": "plist"}),
    Row("bureau:review-proposed-decide", "POST", 403, head_post(400), {"pk": "plist"}),
    # The expert workspace: only the seat's expert, and only the group's applications once declared.
    Row("expert:respond", "POST", 403, one("expert_1", 302), {"pk": "seat_1"}),
    Row("expert:declare", "GET", 403, one("expert_1", 200), {"pk": "seat_1"}),
    Row("expert:declare", "POST", 403, one("expert_1", 400), {"pk": "seat_1"}),
    Row("expert:application", "GET", 403, one("expert_1", 200), {"pk": "app_rev"}),
    Row("expert:application", "GET", 403, one("expert_1", 404), {"pk": "app_ag"}),
    Row("expert:application", "GET", 403, one("expert_1", 404), {"pk": "app_a"}),
    Row("expert:section", "GET", 403, one("expert_1", 200), {"pk": "app_rev", "code": "=basics"}),
    Row("expert:section", "GET", 403, one("expert_1", 404), {"pk": "app_ag", "code": "=basics"}),
    Row("expert:score", "GET", 403, one("expert_1", 200), {"pk": "app_rev"}),
    Row("expert:score", "POST", 403, one("expert_1", 403), {"pk": "app_rev"}),  # submitted: read-only
    Row("expert:score", "GET", 403, one("expert_1", 404), {"pk": "app_ag"}),
    Row("expert:attachment", "GET", 403, one("expert_1", 200), {"pk": "app_rev", "attachment_id": "app_rev_file"}),
    Row("expert:attachment", "GET", 403, one("expert_1", 404), {"pk": "app_ag", "attachment_id": "app_ag_file"}),
    # The agency workspace: only the applications handed to its own organisation.
    Row("agency:application", "GET", 403, one("agency", 200), {"pk": "app_ag"}),
    Row("agency:application", "GET", 403, one("agency", 404), {"pk": "app_rev"}),
    Row("agency:section", "GET", 403, one("agency", 200), {"pk": "app_ag", "code": "=basics"}),
    Row("agency:section", "GET", 403, one("agency", 404), {"pk": "app_rev", "code": "=basics"}),
    Row("agency:score", "GET", 403, one("agency", 200), {"pk": "app_ag"}),
    Row("agency:score", "POST", 403, one("agency", 302), {"pk": "app_ag"}),
    Row("agency:score", "GET", 403, one("agency", 404), {"pk": "app_rev"}),
    Row("agency:attachment", "GET", 403, one("agency", 200), {"pk": "app_ag", "attachment_id": "app_ag_file"}),
    Row("agency:attachment", "GET", 403, one("agency", 404), {"pk": "app_rev", "attachment_id": "app_rev_file"}),
    Row("agency:report-upload", "POST", 403, one("agency", 302), {"pk": "group_ag"}),
    Row("agency:report-upload", "POST", 403, one("agency", 404), {"pk": "group_exp"}),
    Row("agency:report", "GET", 403, one("agency", 200), {"pk": "group_ag", "report_id": "report"}),
    Row("agency:report", "GET", 403, one("agency", 404), {"pk": "group_exp", "report_id": "report"}),
]
