"""Matrix rows of the city review's documents (score sheets, panel summary, draw record).

Imported at the end of matrix.py. World objects: tests/views/worlds/review.py (``score_1`` is
expert_1's submitted sheet on ``app_rev``; ``draw`` is the draw of ``group_exp``).
"""

from tests.views.matrix import Row, only
from tests.views.matrix_review import BUREAU, one

REVIEW_DOCUMENT_ROWS = [
    # The bureau's files: officers and heads alike; everyone else is refused at the door.
    Row("bureau:review-score-docx", "GET", 403, only(*BUREAU), {"pk": "score_1"}),
    Row("bureau:review-summary-xlsx", "GET", 403, only(*BUREAU)),
    Row("bureau:review-draw-docx", "GET", 403, only(*BUREAU), {"pk": "draw"}),
    # The expert's own submitted sheet; an application of the agency's group is not theirs to find.
    Row("expert:score-docx", "GET", 403, one("expert_1", 200), {"pk": "app_rev"}),
    Row("expert:score-docx", "GET", 403, one("expert_1", 404), {"pk": "app_ag"}),
    Row("expert:score-docx", "GET", 403, one("expert_1", 404), {"pk": "app_a"}),
]
