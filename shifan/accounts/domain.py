"""Domain functions of accounts. Each writes audit events in the same transaction."""

from django.db import transaction

from shifan.accounts.models import Jurisdiction, Organization, User
from shifan.accounts.uscc import validate_uscc
from shifan.audit.recorder import record


@transaction.atomic
def save_jurisdiction(jurisdiction: Jurisdiction, *, actor: User, created: bool) -> Jurisdiction:
    """Create or update a jurisdiction.

    Side effects: saves the row; records ``jurisdiction.created`` or ``jurisdiction.updated``.
    """
    jurisdiction.full_clean()
    jurisdiction.save()
    record(
        "jurisdiction.created" if created else "jurisdiction.updated",
        actor=actor,
        target=jurisdiction,
        data={"code": jurisdiction.code, "name": jurisdiction.name, "active": jurisdiction.is_active},
    )
    return jurisdiction


@transaction.atomic
def create_organization(*, name: str, uscc: str, jurisdiction: Jurisdiction, actor: User | None) -> Organization:
    """Register an organisation by its USCC (normalised and checked).

    Side effects: inserts the organisation; records ``organization.created``.
    """
    organization = Organization(name=name.strip(), uscc=validate_uscc(uscc), jurisdiction=jurisdiction)
    organization.full_clean()
    organization.save()
    record("organization.created", actor=actor, target=organization, data={"uscc": organization.uscc})
    return organization


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str,
    display_name: str,
    role: str,
    email: str = "",
    organization: Organization | None = None,
    jurisdiction: Jurisdiction | None = None,
    actor: User | None = None,
) -> User:
    """Create an account with exactly one role.

    Side effects: inserts the user (password hashed with Argon2); records ``user.created``.
    """
    user = User(
        username=username,
        display_name=display_name,
        role=role,
        email=email,
        organization=organization,
        jurisdiction=jurisdiction,
        is_staff=role == "bureau_admin",
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    record("user.created", actor=actor, target=user, data={"username": username, "role": role})
    return user


@transaction.atomic
def update_user_by_admin(user: User, *, actor: User, changed: list[str]) -> User:
    """Save an admin's edit of an account (name, e-mail, active flag).

    Side effects: saves the user; records ``user.updated`` with the changed fields.
    """
    user.full_clean()
    user.save()
    record("user.updated", actor=actor, target=user, data={"changed": sorted(changed)})
    return user
