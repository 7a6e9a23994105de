"""Matrix rows of certificates and their public verification.

Imported at the end of matrix.py. World objects: tests/views/worlds/certificates.py (org A's
recognition, valid, and a revoked one; org A's users are applicant_a and applicant_a2).
"""

from tests.views.matrix import LOGIN, USERS, Row, only
from tests.views.worlds.certificates import REVOKED_CODE, VALID_CODE

BUREAU = ("bureau_officer", "bureau_head")
# Org A's certificate: its own users download it while valid; org B's users do not find it.
OWN = {"anon": LOGIN, **{p: 403 for p in USERS}, "applicant_a": 200, "applicant_a2": 200, "applicant_b": 404}
# Revoked: still org A's (found), refused to its users with the reason; the bureau keeps access.
OWN_REVOKED = {**OWN, "applicant_a": 403, "applicant_a2": 403}
GET_ONLY = {"anon": LOGIN}  # every signed-in persona gets 405 before any role check

CERTIFICATE_ROWS = [
    Row("bureau:certificate-pdf", "GET", 403, only(*BUREAU), {"pk": "recognition_a"}),
    Row("bureau:certificate-docx", "GET", 403, only(*BUREAU), {"pk": "recognition_a"}),
    Row("bureau:certificate-pdf", "GET", 403, only(*BUREAU), {"pk": "recognition_a_revoked"}),
    Row("bureau:certificate-docx", "GET", 403, only(*BUREAU), {"pk": "recognition_a_revoked"}),
    Row("bureau:certificate-pdf", "POST", 405, GET_ONLY, {"pk": "recognition_a"}),
    Row("bureau:certificate-docx", "POST", 405, GET_ONLY, {"pk": "recognition_a"}),
    Row("applicant:certificate-pdf", "GET", 403, OWN, {"pk": "recognition_a"}),
    Row("applicant:certificate-docx", "GET", 403, OWN, {"pk": "recognition_a"}),
    Row("applicant:certificate-pdf", "GET", 403, OWN_REVOKED, {"pk": "recognition_a_revoked"}),
    Row("applicant:certificate-docx", "GET", 403, OWN_REVOKED, {"pk": "recognition_a_revoked"}),
    Row("applicant:certificate-pdf", "POST", 405, GET_ONLY, {"pk": "recognition_a"}),
    Row("applicant:certificate-docx", "POST", 405, GET_ONLY, {"pk": "recognition_a"}),
    # Public verification: everyone, signed in or not, sees the same page; nothing is private on it.
    Row("portal:verify", "GET", 200),
    Row("portal:verify", "POST", 405),
    Row("portal:verify-code", "GET", 200, kwargs={"code": f"={VALID_CODE}"}),
    Row("portal:verify-code", "GET", 200, kwargs={"code": f"={REVOKED_CODE}"}),
    Row("portal:verify-code", "GET", 404, kwargs={"code": "=ZZZZZZZZZZZZ"}),
    Row("portal:verify-code", "GET", 404, kwargs={"code": "=not-a-code"}),
    Row("portal:verify-code", "POST", 405, kwargs={"code": f"={VALID_CODE}"}),
]
