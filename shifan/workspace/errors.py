"""Putting a domain function's ValidationError onto the form the user sees."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Applied:
    """What ``apply_form`` gives back: true when the action ran, with what it returned."""

    ok: bool
    value: object = None

    def __bool__(self) -> bool:
        return self.ok


def add_domain_errors(form, error: ValidationError) -> None:
    """Errors naming a form field go beside it; all others go at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def apply_form(form, act) -> Applied:
    """Run ``act(form.cleaned_data)`` when the form is valid; true when it succeeded, with its value:
    ``if done := apply_form(form, lambda data: create(**data)): redirect to done.value``.

    A domain ValidationError lands on the form (``add_domain_errors``), so a view only chooses
    between its success redirect and re-showing the form. Side effects: those of ``act``.
    """
    if not form.is_valid():
        return Applied(False)
    try:
        value = act(form.cleaned_data)
    except ValidationError as error:
        add_domain_errors(form, error)
        return Applied(False)
    return Applied(True, value)
