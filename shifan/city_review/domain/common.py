"""Checks shared by the city review's domain functions."""

import rules
from django.core.exceptions import PermissionDenied

from shifan.accounts.models import User
from shifan.accounts.roles import Role


def require(predicate: rules.Predicate, actor, message: str) -> None:
    """Deny by default: the actor must satisfy the predicate, else PermissionDenied(message)."""
    if not predicate.test(actor):
        raise PermissionDenied(message)


def bureau_officers():
    return User.objects.filter(role=Role.BUREAU_OFFICER, is_active=True)


def bureau_heads():
    return User.objects.filter(role=Role.BUREAU_HEAD, is_active=True)
