"""Support granted to the organisation's platforms, on the applicant home without touching its view."""

from django import template

from shifan.support.queries import grants_of_organization

register = template.Library()


@register.simple_tag
def organization_grants(organization):
    """The organisation's grants with their amounts (its own data), newest first."""
    return list(grants_of_organization(getattr(organization, "pk", None)))
