"""Putting a domain function's ValidationError onto the form the user sees."""

from django.core.exceptions import ValidationError


def add_domain_errors(form, error: ValidationError) -> None:
    """Errors naming a form field go beside it; all others go at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def apply_form(form, act) -> bool:
    """Run ``act(form.cleaned_data)`` when the form is valid; True when it succeeded.

    A domain ValidationError lands on the form (``add_domain_errors``), so a view only chooses
    between its success redirect and re-showing the form. Side effects: those of ``act``.
    """
    if not form.is_valid():
        return False
    try:
        act(form.cleaned_data)
    except ValidationError as error:
        add_domain_errors(form, error)
        return False
    return True
