"""Domain functions for batches (申报批次)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from shifan.audit.recorder import record
from shifan.batches.models import Batch
from shifan.policies.domain import default_policy
from shifan.policies.models import Policy


@transaction.atomic
def create_batch(*, actor, **fields) -> Batch:
    """Create a batch in the preparing state, under the default policy version unless told.

    Side effects: inserts the batch; records ``batch.created``.
    """
    if fields.get("policy") is None:
        fields["policy"] = default_policy()
        if fields["policy"] is None:
            raise ValidationError({"policy": "尚无现行的认定办法版本，请先启用一个版本。"})
    batch = Batch(**fields)
    batch.full_clean()
    batch.save()
    record(
        "batch.created",
        actor=actor,
        target=batch,
        data={"year": batch.year, "name": batch.name, "policy": batch.policy.code},
    )
    return batch


@transaction.atomic
def open_batch(batch: Batch, *, actor) -> Batch:
    """Open a batch for applications. Only one batch is open at a time.

    Side effects: sets the state to open; records ``batch.opened``.
    """
    if Batch.objects.filter(state=Batch.State.OPEN).exclude(pk=batch.pk).exists():
        raise ValidationError("已有正在申报的批次，请先结束该批次再开启新的批次。")
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.OPEN)
    batch.state = Batch.State.OPEN
    record("batch.opened", actor=actor, target=batch)
    return batch


@transaction.atomic
def close_batch(batch: Batch, *, actor) -> Batch:
    """Side effects: sets the state to closed; records ``batch.closed``."""
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.CLOSED)
    batch.state = Batch.State.CLOSED
    record("batch.closed", actor=actor, target=batch)
    return batch


def current_batch() -> Batch | None:
    """The batch open for applications, if any."""
    return Batch.objects.filter(state=Batch.State.OPEN).order_by("-year").first()


@transaction.atomic
def update_batch(batch: Batch, *, actor, changes: dict) -> Batch:
    """Change a batch's texts or dates (e.g. extend a deadline); closed batches are frozen.

    Side effects: saves the batch; records ``batch.updated`` with each changed field's old and
    new value.
    """
    if batch.state == Batch.State.CLOSED:
        raise ValidationError("已结束的批次不能修改。")
    before = {name: getattr(batch, name) for name in changes}
    for name, value in changes.items():
        setattr(batch, name, value)
    batch.full_clean()
    batch.save()
    diff = {name: [str(before[name]), str(value)] for name, value in changes.items() if before[name] != value}
    record("batch.updated", actor=actor, target=batch, data={"changed": diff})
    return batch


def policy_in_use(policy: Policy) -> bool:
    """A version pinned by any batch is in use: its rules can no longer change."""
    return Batch.objects.filter(policy=policy).exists()
