"""``{% help_url %}``: the help page of the signed-in user's role (the header's 帮助 link)."""

from django import template
from django.urls import reverse

from shifan.portal.help import help_slug_for

register = template.Library()


@register.simple_tag(takes_context=True)
def help_url(context) -> str:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return reverse("portal:help")
    return reverse("portal:help-role", args=[help_slug_for(user)])
