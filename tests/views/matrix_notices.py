"""Matrix rows of the 公示 notice and the 认定决定 as Word documents (bureau and portal).

World objects: tests/views/worlds/publicity.py (``publicity`` has an approved, numbered decision).
"""

from tests.views.matrix import PERSONAS, Row, only

BUREAU = ("bureau_officer", "bureau_head")

NOTICE_ROWS = [
    Row("bureau:publicity-notice-docx", "GET", 403, only(*BUREAU), {"pk": "publicity"}),
    Row("bureau:decision-notice-docx", "GET", 403, only(*BUREAU), {"pk": "publicity"}),
    # The notice is public and names no person: everyone may download it, logged in or not.
    Row("portal:publicity-notice-docx", "GET", 200, {p: 200 for p in PERSONAS}, {"pk": "publicity"}),
]
