"""Showing an expert's contact data: masked everywhere except the audited clear read."""

from shifan.core.fields import mask_mobile

__all__ = ["mask_email", "mask_mobile"]


def mask_email(value: str) -> str:
    """z***@example.com: the first character and the domain, enough to recognise the address."""
    local, at, domain = (value or "").partition("@")
    if not at or not local:
        return "****" if value else ""
    return f"{local[0]}***@{domain}"
