"""Matrix rows of renewals (重新申报): the bureau's invitation and the applicant's new draft.

World objects: ``recognition_a`` (tests/views/worlds/certificates.py), org A's valid recognition.
Org A already applied in the open batch, so an allowed request ends in a redirect with the reason.
"""

from tests.views.matrix import Row, only

NOTIFY_ROWS = [
    Row("bureau:renewal-invite", "POST", 403, only("bureau_officer", ok=302), {"pk": "recognition_a"}),
    Row("applicant:renewal-start", "POST", 403, {**only("applicant_a", "applicant_a2", ok=302), "applicant_b": 404},
        {"pk": "recognition_a"}),
]
