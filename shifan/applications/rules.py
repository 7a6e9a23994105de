"""Who may act on an application: role predicates combined with scope predicates."""

import rules

from shifan.accounts.rules import is_applicant, is_bureau_head, is_bureau_officer, is_bureau_staff, is_district_officer
from shifan.applications.enums import Status
from shifan.applications.queries import assignment_scope


@rules.predicate
def in_own_organization(user, application) -> bool:
    return application is not None and user.organization_id == application.organization_id


@rules.predicate
def in_own_jurisdiction(user, application) -> bool:
    return application is not None and user.jurisdiction_id == application.jurisdiction_id


@rules.predicate
def past_draft(user, application) -> bool:
    # Drafts are the applicant's own work: no official sees them before submission.
    return application is not None and application.status != Status.DRAFT


@rules.predicate(name="applicant_of_application")
def applicant_of_application(user, application) -> bool:
    return is_applicant(user) and in_own_organization(user, application)


@rules.predicate(name="district_of_application")
def district_of_application(user, application) -> bool:
    return is_district_officer(user) and in_own_jurisdiction(user, application)


@rules.predicate(name="assigned_reviewer")
def assigned_reviewer(user, application) -> bool:
    """An expert or agency whose review assignment covers this application (the city review's scope)."""
    scope = assignment_scope(user)
    return application is not None and scope is not None and scope.filter(application=application.pk).exists()


bureau_officer = is_bureau_officer
bureau_head = is_bureau_head

# Labels of the actors, for the generated workflow diagram and the timeline.
WHO_LABELS = {
    applicant_of_application.name: "申报单位",
    district_of_application.name: "所在县区主管部门",
    bureau_officer.name: "市局经办人员",
    bureau_head.name: "市局领导",
}

rules.add_perm(
    "applications.view_application",
    applicant_of_application | (district_of_application & past_draft) | (is_bureau_staff & past_draft)
    | (assigned_reviewer & past_draft),
)
