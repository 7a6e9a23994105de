"""What publicity adds to the applications domain: the guard on 公示."""


def register() -> None:
    from shifan.applications.enums import Action
    from shifan.applications.workflow import add_guard
    from shifan.publicity.guards import on_a_publicity

    add_guard(Action.PUBLISH, on_a_publicity)
