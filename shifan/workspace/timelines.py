"""The application's timeline as the external reviewers (experts, third-party agencies) may see it.

DESIGN.md §1 and §9: an expert or an agency sees only what it needs to review. The steps and their
dates tell it where the application stands; who acted (district and bureau staff are named in the
full timeline of templates/components/timeline.html) and why (a reason may quote other reviewers'
scores, a district's findings or an objection) are none of its business. The rows are built here
without those fields, so no template can show them by mistake.
"""

from dataclasses import dataclass
from datetime import datetime

from shifan.applications.enums import Action


@dataclass(frozen=True)
class ReviewerStep:
    at: datetime
    action: str  # the Chinese label of the move, e.g. 推荐
    status: str  # the status code it led to (shown with {% status_badge %})


def reviewer_timeline(application) -> list[ReviewerStep]:
    """What happened to the application and when, oldest first, without actor or reason.

    Pure read: one query (only the columns shown are loaded).
    """
    rows = application.status_changes.order_by("at", "id").values_list("at", "action", "to_status")
    return [ReviewerStep(at=at, action=Action(action).label, status=status) for at, action, status in rows]
