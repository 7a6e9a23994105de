"""What recognition adds to the applications domain: the guard on 认定."""


def register() -> None:
    from shifan.applications.enums import Action
    from shifan.applications.workflow import add_guard
    from shifan.recognition.guards import decision_may_recognise

    add_guard(Action.RECOGNISE, decision_may_recognise)
