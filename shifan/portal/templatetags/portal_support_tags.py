"""Support and typical cases on portal pages whose views need not know about them."""

from django import template

from shifan.support.queries import public_grants, published_cases

register = template.Library()


@register.simple_tag
def public_support(verification_code: str):
    """A platform's public support summary: kind and date, the amount only where made public."""
    return public_grants(verification_code)


@register.simple_tag
def latest_cases(limit: int = 3, verification_code: str = ""):
    """The newest published typical cases, of one platform when a verification code is given."""
    found = published_cases()
    if verification_code:
        found = found.filter(recognition__verification_code=verification_code)
    return list(found[:limit])
