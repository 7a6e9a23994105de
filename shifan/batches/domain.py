"""Domain functions for batches (申报批次)."""

from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from shifan.accounts.models import User
from shifan.accounts.roles import Role
from shifan.audit.recorder import record
from shifan.batches.models import Batch, DistrictDeadlineExtension
from shifan.core.reference import forget
from shifan.notifications.domain import notify
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

    Side effects: sets the state to open; forgets the cached open batch; records ``batch.opened``.
    """
    if Batch.objects.filter(state=Batch.State.OPEN).exclude(pk=batch.pk).exists():
        raise ValidationError("已有正在申报的批次，请先结束该批次再开启新的批次。")
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.OPEN)
    forget(OPEN_BATCH_KEY)
    batch.state = Batch.State.OPEN
    record("batch.opened", actor=actor, target=batch)
    return batch


@transaction.atomic
def close_batch(batch: Batch, *, actor) -> Batch:
    """Side effects: sets the state to closed; forgets the cached open batch; records ``batch.closed``."""
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.CLOSED)
    forget(OPEN_BATCH_KEY)
    batch.state = Batch.State.CLOSED
    record("batch.closed", actor=actor, target=batch)
    return batch


def current_batch() -> Batch | None:
    """The batch open for applications, if any."""
    return Batch.objects.filter(state=Batch.State.OPEN).order_by("-year").first()


def policy_or_regulation(batch: Batch | None) -> Policy:
    """The policy whose numbers the public pages state (enterprises the district samples, working days of
    publicity): the batch's, else the default version, else an unsaved policy with the regulation's own
    numbers (its fields' defaults). Pure read."""
    if batch is not None:
        return batch.policy
    return default_policy() or Policy()


# The district inbox shows the open batch and the district's deadline on every request; they change a few times
# a year. They are kept in the cache, and forgotten (now and when the transaction commits) whenever a batch or an
# extension is saved or deleted (batches/apps.py) and when a batch opens or closes (an update(), which sends no
# signal). What decides something (the district's own act, a new application) reads the batch afresh.
OPEN_BATCH_KEY = "batches:open-with-extensions"
OPEN_BATCH_SECONDS = 3600


def current_batch_for_district(jurisdiction_id: int) -> tuple[Batch | None, datetime | None]:
    """The open batch and this district's deadline in it (the batch's, or a later extension's, as
    ``Batch.district_deadline_for``), for the district inbox. Side effects: reads and may write the cache
    (two queries when it is empty)."""
    found = cache.get(OPEN_BATCH_KEY)
    if found is None:
        batch = current_batch()
        extended = {} if batch is None else dict(
            DistrictDeadlineExtension.objects.filter(batch=batch).order_by()
            .values_list("jurisdiction_id").annotate(Max("extended_until")))
        found = (batch, extended)
        cache.set(OPEN_BATCH_KEY, found, OPEN_BATCH_SECONDS)
    batch, extended = found
    if batch is None:
        return None, None
    return batch, max(batch.district_deadline, extended.get(jurisdiction_id, batch.district_deadline))


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


@transaction.atomic
def extend_district_deadline(batch: Batch, *, jurisdiction, until, reason: str, actor) -> DistrictDeadlineExtension:
    """Let one district recommend, return or decline after the batch's district deadline.

    Side effects: inserts a DistrictDeadlineExtension; records ``batch.district_deadline_extended``;
    notifies the jurisdiction's district officers.
    """
    if not reason.strip():
        raise ValidationError({"reason": "延长截止时间须填写理由。"})
    if until <= batch.district_deadline_for(jurisdiction.pk):
        raise ValidationError({"extended_until": "延长后的截止时间须晚于该辖区现在的截止时间。"})
    extension = DistrictDeadlineExtension.objects.create(
        batch=batch, jurisdiction=jurisdiction, extended_until=until, reason=reason.strip(), granted_by=actor
    )
    record("batch.district_deadline_extended", actor=actor, target=batch,
           data={"jurisdiction": jurisdiction.code, "until": until.isoformat(), "reason": reason.strip()})
    local = timezone.localtime(until).strftime("%Y年%m月%d日 %H:%M")
    notify(
        User.objects.filter(role=Role.DISTRICT_OFFICER, jurisdiction=jurisdiction, is_active=True),
        event="batch.district_deadline_extended",
        subject=f"{batch.name}：县区推荐截止时间已延长至 {local}",
        body=f"市中小企业服务局同意{jurisdiction.name}的初审推荐截止时间延长至 {local}。\n理由：{reason.strip()}",
        link="/district/",
    )
    return extension
