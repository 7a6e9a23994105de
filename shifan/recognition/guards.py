"""Recognition's guard on the workflow table: 认定 only through an approved decision after the publicity."""

from shifan.applications.models import Application
from shifan.publicity.domain import decision_blockers


def decision_may_recognise(application: Application) -> list[str]:
    """The publicity ended and no objection against its list is still open (第七条(四)(五))."""
    entry = getattr(application, "publicity_entry", None)
    if entry is None:
        return ["该申报不在公示名单中。"]
    return decision_blockers(entry.publicity)
