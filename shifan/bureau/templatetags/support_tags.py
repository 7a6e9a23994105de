"""Support grants on the bureau's recognition page, without touching the recognition view."""

from django import template

from shifan.support.queries import grants_of

register = template.Library()


@register.simple_tag
def support_grants(recognition):
    """The recognition's grants, newest first."""
    return list(grants_of(recognition.pk))
