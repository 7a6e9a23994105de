"""Matrix rows of 扶持 (第十一条) and 典型经验 (第十二条): bureau, district and portal.

World objects: tests/views/worlds/support.py (a platform of district X with a grant and its PDF;
cases in draft, submitted and published states).
"""

from tests.views.matrix import LOGIN, PERSONAS, USERS, Row, only

BUREAU = ("bureau_officer", "bureau_head")
EVERYONE = {p: 200 for p in PERSONAS}


def officer(status: int) -> dict:
    return {"anon": LOGIN, **{p: 403 for p in USERS}, "bureau_officer": status}


def staff(status: int) -> dict:
    return {"anon": LOGIN, **{p: 403 for p in USERS}, "bureau_officer": status, "bureau_head": status}


def district_x(status: int) -> dict:
    """District X's officer gets ``status``; district Y's does not find the object (404)."""
    return {"anon": LOGIN, **{p: 403 for p in USERS}, "officer_x": status, "officer_y": 404}


SUPPORT_ROWS = [
    Row("bureau:support-grant-add", "GET", 403, officer(200), {"pk": "support_platform"}),
    Row("bureau:support-grant-add", "POST", 403, officer(400), {"pk": "support_platform"}, {"kind": ""}),
    Row("bureau:support-grant-edit", "GET", 403, officer(200), {"pk": "support_grant"}),
    Row("bureau:support-grant-edit", "POST", 403, officer(400), {"pk": "support_grant"}, {"amount": "-1"}),
    Row("bureau:support-grant-delete", "POST", 403, officer(302), {"pk": "support_grant"}),
    Row("bureau:support-grant-document", "GET", 403, staff(200), {"pk": "support_grant"}),
    Row("bureau:support-cases", "GET", 403, only(*BUREAU)),
    Row("bureau:support-case", "GET", 403, staff(200), {"pk": "case_submitted"}),
    Row("bureau:support-case-decide", "POST", 403, staff(400), {"pk": "case_submitted"},
        {"decision": "decline", "decline_reason": ""}),
    Row("district:cases", "GET", 403, only("officer_x", "officer_y")),
    Row("district:case-new", "GET", 403, district_x(200), {"recognition_id": "support_platform"}),
    Row("district:case-new", "POST", 403, district_x(400), {"recognition_id": "support_platform"}, {"title": ""}),
    Row("district:case", "GET", 403, district_x(200), {"pk": "case_draft"}),
    Row("district:case", "POST", 403, district_x(400), {"pk": "case_draft"}, {"title": ""}),
    Row("district:case-submit", "POST", 403, district_x(302), {"pk": "case_draft"}),
    Row("portal:cases", "GET", 200, EVERYONE),
    Row("portal:case", "GET", 200, EVERYONE, {"pk": "case_published"}),
]
