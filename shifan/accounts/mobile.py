"""A user's own mobile number (DESIGN.md §9): encrypted, looked up through its blind index, used for SMS."""

from django.core.exceptions import ValidationError
from django.db import transaction

from shifan.accounts.models import User
from shifan.audit.recorder import record
from shifan.core.crypto import blind_indexes
from shifan.core.fields import mask_mobile
from shifan.core.validators import validate_mobile


@transaction.atomic
def set_own_mobile(user: User, *, actor, mobile: str) -> str:
    """Set or change (or, with an empty value, remove) the signed-in user's own mobile; returns it
    normalised to 11 digits ('' when removed).

    Side effects: updates ``User.mobile`` and its blind index ``mobile_index``; records
    ``accounts.mobile_changed`` with the masked old and new numbers (never the clear ones).
    """
    if actor.pk != user.pk:
        raise ValidationError("只能修改本人的手机号码。")
    raw = (mobile or "").strip()
    if "*" in raw:
        raise ValidationError({"mobile": ["这是脱敏后的手机号码（如 138****8000），请填写完整的 11 位手机号码。"]})
    try:
        new = validate_mobile(raw) if raw else ""
    except ValidationError as error:
        raise ValidationError({"mobile": error.messages}) from None
    locked = User.objects.select_for_update().get(pk=user.pk)
    old = locked.mobile
    if new == old:
        return new
    locked.mobile = new
    locked.save(update_fields=["mobile", "mobile_index"])  # the index field recomputes itself
    user.mobile, user.mobile_index = locked.mobile, locked.mobile_index
    record("accounts.mobile_changed", actor=actor, target=locked,
           data={"old": mask_mobile(old) if old else "", "new": mask_mobile(new) if new else ""})
    return new


def users_with_mobile(mobile: str):
    """Users whose mobile is ``mobile`` (any spelling), found by the blind index under any key."""
    return User.objects.filter(mobile_index__in=blind_indexes(mobile, "mobile"))
