"""The city review's guards on the workflow table (registered in registrations.py)."""

from shifan.applications.models import Application
from shifan.city_review.domain.progress import review_problems
from shifan.city_review.models import GroupMember, ProposedEntry, ProposedList


def assigned_to_group(application: Application) -> list[str]:
    """进入评审 needs a review group (experts or agency)."""
    if GroupMember.objects.filter(application=application).exists():
        return []
    return ["尚未分配评审组。"]


def scores_complete(application: Application) -> list[str]:
    """评审完成 needs every score of the panel (or the agency's score and report)."""
    return review_problems(application)


def _entry_on_approved_list(application: Application):
    return ProposedEntry.objects.filter(
        application=application, proposed_list__state=ProposedList.State.APPROVED
    ).order_by("-proposed_list__decided_at").first()


def selected_on_approved_list(application: Application) -> list[str]:
    entry = _entry_on_approved_list(application)
    return [] if entry is not None and entry.selected else ["该申报不在已审批的拟认定名单中。"]


def left_off_approved_list(application: Application) -> list[str]:
    entry = _entry_on_approved_list(application)
    return [] if entry is not None and not entry.selected else ["该申报须经审批的拟认定名单确定不列入。"]
