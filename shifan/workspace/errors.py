"""Putting a domain function's ValidationError onto the form the user sees."""

from django.core.exceptions import ValidationError


def add_domain_errors(form, error: ValidationError) -> None:
    """Errors naming a form field go beside it; all others go at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
