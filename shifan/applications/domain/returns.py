"""Returning an application for correction with reasons per section (第七条(二))."""

from django.db import transaction

from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action
from shifan.applications.models import Application, SectionReturn, StatusChange
from shifan.applications.sections import SECTIONS_BY_CODE


@transaction.atomic
def return_for_correction(application: Application, *, actor, reason: str, section_reasons: dict[str, str]):
    """Return the application with an overall reason and, optionally, one reason per section.

    Side effects: everything ``transition(RETURN)`` does (status, timeline, audit, notices, the
    notice text listing the section reasons); inserts one SectionReturn per section with a reason.
    """
    reasons = {
        code: text.strip() for code, text in section_reasons.items() if code in SECTIONS_BY_CODE and text.strip()
    }
    listed = "\n".join(f"【{SECTIONS_BY_CODE[code].title}】{text}" for code, text in reasons.items())
    full_reason = "\n".join(part for part in (reason.strip(), listed) if part)
    application = transition(application, Action.RETURN, actor=actor, reason=full_reason,
                             data={"sections": sorted(reasons)})
    change = StatusChange.objects.filter(application=application, action=Action.RETURN).latest("at", "id")
    SectionReturn.objects.bulk_create(
        [SectionReturn(application=application, status_change=change, section=code, text=text)
         for code, text in reasons.items()]
    )
    return application


def latest_section_returns(application: Application) -> dict[str, SectionReturn]:
    """The reasons of the most recent return, by section code (empty if never returned)."""
    change = StatusChange.objects.filter(application=application, action=Action.RETURN).order_by("-at", "-id").first()
    if change is None:
        return {}
    return {item.section: item for item in change.section_returns.all()}
