"""What the city review adds to the applications domain: workflow guards and the experts' and agencies' scopes."""


def register() -> None:
    from shifan.accounts.roles import Role
    from shifan.applications.enums import Action
    from shifan.applications.queries import register_assignment_scope
    from shifan.applications.workflow import add_guard
    from shifan.city_review import guards
    from shifan.city_review.queries import agency_application_ids, expert_application_ids

    add_guard(Action.START_REVIEW, guards.assigned_to_group)
    add_guard(Action.COMPLETE_REVIEW, guards.scores_complete)
    add_guard(Action.PROPOSE, guards.selected_on_approved_list)
    add_guard(Action.NOT_PROPOSE, guards.left_off_approved_list)
    register_assignment_scope(Role.EXPERT, expert_application_ids)
    register_assignment_scope(Role.AGENCY, agency_application_ids)
