from shifan.city_review.models.draws import ExpertDraw, PanelSeat
from shifan.city_review.models.groups import AgencyReport, GroupMember, ReviewGroup
from shifan.city_review.models.proposals import ProposedEntry, ProposedList
from shifan.city_review.models.scores import Score, ScoreItem
from shifan.city_review.models.setup import Indicator, ReviewSettings

__all__ = [
    "AgencyReport",
    "ExpertDraw",
    "GroupMember",
    "Indicator",
    "PanelSeat",
    "ProposedEntry",
    "ProposedList",
    "ReviewGroup",
    "ReviewSettings",
    "Score",
    "ScoreItem",
]
