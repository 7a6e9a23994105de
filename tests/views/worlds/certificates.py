"""Certificates' objects for the authorization matrix: org A's recognitions, one valid, one revoked.

Org A's users are applicant_a and applicant_a2; applicant_b (org B) must not find them. The
applications sit in batches of years no other world uses for org A (one application per batch).
"""

from tests.factories import ApplicationFactory, BatchFactory
from tests.recognition_factories import make_recognition

VALID_CODE = "MATR2XCERT23"
REVOKED_CODE = "MATR2XREVK23"


def add(*, personas, world) -> dict:
    officer, head = personas["bureau_officer"], personas["bureau_head"]
    org_a, year = world["app_a"].organization, world["batch"].year
    valid = ApplicationFactory(organization=org_a, batch=BatchFactory(year=year - 7), platform_name="甲认定平台")
    revoked = ApplicationFactory(organization=org_a, batch=BatchFactory(year=year - 8), platform_name="甲撤销平台")
    return {
        "recognition_a": make_recognition(valid, officer=officer, head=head, verification_code=VALID_CODE),
        "recognition_a_revoked": make_recognition(revoked, officer=officer, head=head, revoked=True,
                                                  verification_code=REVOKED_CODE),
    }
