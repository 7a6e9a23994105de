"""Role predicates: the bottom of the permission vocabulary (django-rules).

Every predicate answers False for anonymous, inactive or wrong-role users, and the
object-level predicates in domain apps combine these with scope checks.
"""

import rules

from shifan.accounts.roles import Role


def _role_predicate(*roles: str) -> rules.Predicate:
    name = "is_" + "_or_".join(roles)

    @rules.predicate(name=name)
    def has_role(user) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and user.is_active and user.role in roles

    return has_role


is_applicant = _role_predicate(Role.APPLICANT)
is_district_officer = _role_predicate(Role.DISTRICT_OFFICER)
is_bureau_officer = _role_predicate(Role.BUREAU_OFFICER)
is_bureau_head = _role_predicate(Role.BUREAU_HEAD)
is_bureau_staff = _role_predicate(Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
is_bureau_admin = _role_predicate(Role.BUREAU_ADMIN)
is_expert = _role_predicate(Role.EXPERT)
is_agency = _role_predicate(Role.AGENCY)
is_auditor = _role_predicate(Role.AUDITOR)

rules.add_perm("accounts.manage_jurisdictions", is_bureau_admin)
rules.add_perm("accounts.manage_users", is_bureau_admin)
