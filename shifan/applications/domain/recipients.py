"""Who is told about an application's workflow events."""

from shifan.accounts.models import User
from shifan.accounts.roles import Role
from shifan.applications.models import Application


def recipients_for(application: Application, audiences: tuple[str, ...]) -> list[User]:
    users = User.objects.filter(is_active=True)
    found: list[User] = []
    for audience in audiences:
        if audience == "applicant":
            found += users.filter(role=Role.APPLICANT, organization_id=application.organization_id)
        elif audience == "district":
            found += users.filter(role=Role.DISTRICT_OFFICER, jurisdiction_id=application.jurisdiction_id)
        elif audience == "bureau":
            found += users.filter(role=Role.BUREAU_OFFICER)
        elif audience == "head":
            found += users.filter(role=Role.BUREAU_HEAD)
        else:
            raise ValueError(f"unknown audience {audience!r}")
    return found
