"""Matrix rows of 公示, 异议, 认定决定, recognitions and 撤销 (bureau and portal).

World objects: tests/views/worlds/publicity.py (an ended publicity, so the public objection form
answers "closed"; a submitted revocation, so only a head may decide it).
"""

from tests.views.matrix import LOGIN, PERSONAS, USERS, Row, only

BUREAU = ("bureau_officer", "bureau_head")
EVERYONE = {p: 200 for p in PERSONAS}


def officer(status: int) -> dict:
    return {"anon": LOGIN, **{p: 403 for p in USERS}, "bureau_officer": status}


def head(status: int) -> dict:
    return {"anon": LOGIN, **{p: 403 for p in USERS}, "bureau_head": status}


PUBLICITY_ROWS = [
    Row("bureau:publicity-list", "GET", 403, only(*BUREAU)),
    Row("bureau:publicity-publish", "POST", 403, officer(302)),  # nothing approved to publish: back to the list
    Row("bureau:publicity", "GET", 403, only(*BUREAU), {"pk": "publicity"}),
    Row("bureau:decision-save", "POST", 403, officer(400), {"pk": "publicity"}),  # already approved
    Row("bureau:decision-decide", "POST", 403, head(400), {"pk": "publicity"}),
    Row("bureau:objection", "GET", 403, only(*BUREAU), {"pk": "objection"}),
    Row("bureau:objection", "POST", 403, officer(400), {"pk": "objection"}),
    Row("bureau:objection-evidence", "GET", 403, only(*BUREAU), {"pk": "objection", "evidence_id": "evidence"}),
    Row("bureau:recognitions", "GET", 403, only(*BUREAU)),
    Row("bureau:recognition", "GET", 403, only(*BUREAU), {"pk": "recognition"}),
    Row("bureau:recognition", "POST", 403, officer(400), {"pk": "recognition"}),
    Row("bureau:revocation-decide", "POST", 403, head(302), {"pk": "recognition", "revocation_id": "revocation"}),
    Row("bureau:revocation-evidence", "GET", 403, only(*BUREAU),
        {"pk": "recognition", "revocation_id": "revocation"}),
    # The public side: the list and the dates for everyone; objections only inside the window.
    Row("portal:publicity", "GET", 200, EVERYONE),
    Row("portal:publicity-detail", "GET", 200, EVERYONE, {"pk": "publicity"}),
    Row("portal:objection", "GET", 200, EVERYONE, {"pk": "publicity"}),
    Row("portal:objection", "POST", 403, {p: 403 for p in PERSONAS}, {"pk": "publicity"}),  # window closed
]
