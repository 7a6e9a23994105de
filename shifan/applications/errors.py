"""Why a workflow move was refused. Each carries a Chinese message for the user."""


class TransitionError(Exception):
    """Base class: ``str(error)`` is the message to show."""

    def __init__(self, message: str, *, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


class IllegalTransition(TransitionError):
    """The action does not exist from the application's current state."""


class TransitionForbidden(TransitionError):
    """The actor may not take this action on this application."""


class TransitionBlocked(TransitionError):
    """A guard refused: the message lists what is missing."""


class ReasonRequired(TransitionError):
    """The action must be explained."""


class StaleTransition(TransitionError):
    """Somebody else moved the application first."""
