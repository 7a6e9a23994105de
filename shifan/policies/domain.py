"""Domain functions for policy versions (认定办法版本). Each writes audit events in the same transaction.

Whether a version is "in use" is known only to higher layers (a batch pins a version by its
code, and batches import policies, not the other way round). So the functions that must
refuse changes to a version in use take ``in_use``: either a bool the caller computed or a
callable ``in_use(policy) -> bool`` evaluated inside the transaction. The batches layer
supplies it, e.g. ``batches.domain.policy_in_use``.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from shifan.audit.recorder import record
from shifan.policies.models import DESCRIPTIVE_FIELDS, PARAMETER_FIELDS, Policy

InUse = bool | Callable[[Policy], bool]
EDITABLE_FIELDS = frozenset(DESCRIPTIVE_FIELDS + PARAMETER_FIELDS)


def _is_in_use(policy: Policy, in_use: InUse) -> bool:
    return bool(in_use(policy)) if callable(in_use) else bool(in_use)


def _parameters(policy: Policy) -> dict:
    return {name: getattr(policy, name) for name in PARAMETER_FIELDS}


@transaction.atomic
def create_policy(*, actor, code: str, **fields) -> Policy:
    """Create a policy version as a draft.

    Side effects: inserts the policy; records ``policy.created``.
    """
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"不能在创建时设置以下字段：{'、'.join(sorted(unknown))}。")
    policy = Policy(code=code, status=Policy.Status.DRAFT, **fields)
    policy.full_clean()
    policy.save()
    record("policy.created", actor=actor, target=policy, data={"code": code, "parameters": _parameters(policy)})
    return policy


@transaction.atomic
def update_policy(policy: Policy, *, actor, changes: dict, in_use: InUse) -> Policy:
    """Change a version's description or parameters.

    Refused for a superseded version and for any version in use (a batch pins it), so past
    decisions stay reproducible; the way forward then is ``supersede_policy``. The code,
    status, default flag and lineage are not edited here.

    Side effects: saves the policy; records ``policy.updated`` with old and new values.
    """
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if policy.status == Policy.Status.SUPERSEDED:
        raise ValidationError(f"「{policy.name}」（{policy.code}）已被取代，不能再修改。")
    if _is_in_use(policy, in_use):
        raise ValidationError(
            f"「{policy.name}」（{policy.code}）已被申报批次采用，不能再修改；如需调整，请基于它另建新版本。"
        )
    refused = set(changes) - EDITABLE_FIELDS
    if refused:
        raise ValidationError(f"以下字段不能在此修改：{'、'.join(sorted(refused))}。")
    before = {name: getattr(policy, name) for name in changes}
    for name, value in changes.items():
        setattr(policy, name, value)
    policy.full_clean()
    policy.save()
    record(
        "policy.updated",
        actor=actor,
        target=policy,
        data={"code": policy.code, "before": before, "after": {name: getattr(policy, name) for name in changes}},
    )
    return policy


@transaction.atomic
def activate_policy(policy: Policy, *, actor) -> Policy:
    """Put a draft version into force.

    If the draft supersedes an active version, that version becomes superseded in the same
    transaction and hands over the default flag, so there is never a moment without rules
    in force nor two versions of one line in force.

    Side effects: sets the status to active (and may move ``is_default``); records
    ``policy.activated`` and, for the predecessor, ``policy.superseded``.
    """
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if policy.status != Policy.Status.DRAFT:
        raise ValidationError(f"只有草稿版本可以启用；「{policy.name}」当前为“{policy.get_status_display()}”。")
    policy.full_clean()
    predecessor = None
    if policy.supersedes_id is not None:
        predecessor = Policy.objects.select_for_update().get(pk=policy.supersedes_id)
        if predecessor.status != Policy.Status.ACTIVE:
            raise ValidationError(
                f"要取代的版本「{predecessor.name}」（{predecessor.code}）已不是现行版本，不能再被取代。"
            )
    inherits_default = predecessor is not None and predecessor.is_default
    if predecessor is not None:
        # Clear the old default first: the unique constraint allows one default at a time.
        Policy.objects.filter(pk=predecessor.pk).update(
            status=Policy.Status.SUPERSEDED, is_default=False, updated_at=timezone.now()
        )
        record("policy.superseded", actor=actor, target=predecessor, data={"code": predecessor.code, "by": policy.code})
    Policy.objects.filter(pk=policy.pk).update(
        status=Policy.Status.ACTIVE, is_default=inherits_default, updated_at=timezone.now()
    )
    policy.refresh_from_db()
    record(
        "policy.activated",
        actor=actor,
        target=policy,
        data={
            "code": policy.code,
            "supersedes": predecessor.code if predecessor else None,
            "default": inherits_default,
        },
    )
    return policy


@transaction.atomic
def supersede_policy(policy: Policy, *, actor, code: str, **changes) -> Policy:
    """Start the version that will replace ``policy``: a draft copy of its parameters.

    ``changes`` override the copied description and parameters (e.g. a new document number
    and effective date). The old version stays in force until ``activate_policy`` is called
    on the copy, which then marks the old one superseded.

    Side effects: inserts the draft; records ``policy.created`` naming the superseded code.
    """
    policy = Policy.objects.get(pk=policy.pk)
    if policy.status == Policy.Status.DRAFT:
        raise ValidationError("草稿版本可以直接修改，无需另建新版本。")
    if policy.status == Policy.Status.SUPERSEDED:
        raise ValidationError(f"「{policy.name}」（{policy.code}）已被取代，请基于现行版本另建新版本。")
    refused = set(changes) - EDITABLE_FIELDS
    if refused:
        raise ValidationError(f"以下字段不能在此设置：{'、'.join(sorted(refused))}。")
    fields = {name: getattr(policy, name) for name in EDITABLE_FIELDS}
    fields["activity_minimums"] = dict(policy.activity_minimums)
    fields.update(changes)
    successor = Policy(code=code, status=Policy.Status.DRAFT, supersedes=policy, **fields)
    successor.full_clean()
    successor.save()
    record(
        "policy.created",
        actor=actor,
        target=successor,
        data={"code": code, "supersedes": policy.code, "parameters": _parameters(successor)},
    )
    return successor


def default_policy() -> Policy | None:
    """The version used when none is named (a batch or a command may name another)."""
    return Policy.objects.filter(is_default=True).first()
