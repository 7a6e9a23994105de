"""The district review's guard on the workflow: what 第七条(三) asks before a recommendation."""

from shifan.applications.models import Application
from shifan.district_review.domain import recommendation_problems


def district_review_done(application: Application) -> list[str]:
    """The USCC check recorded, the survey drawn, complete and verifiable, the opinion written."""
    return recommendation_problems(application)
