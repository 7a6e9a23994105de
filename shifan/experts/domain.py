"""Domain functions of the expert pool (专家库). Each is audited; contact data never enters the audit log.

Bureau officers run the pool; an expert may declare and withdraw relationships on their own
profile. The random draw (city_review) only reads what is kept here.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from shifan.audit.recorder import record
from shifan.experts.checks import (
    CONTACT_FIELDS,
    DUPLICATE_MOBILE,
    PROFILE_FIELDS,
    Problems,
    check_availability,
    clean_profile,
    clean_relationship,
    expert_with_mobile,
    text,
)
from shifan.experts.contact import mask_mobile
from shifan.experts.models import Expert, Relationship
from shifan.experts.rules import declares_relationships, manages_pool

NOT_OFFICER = "只有市局经办人员可以管理专家库。"


def require_officer(actor) -> None:
    if not manages_pool.test(actor):
        raise PermissionDenied(NOT_OFFICER)


def _summary(expert: Expert) -> dict:
    """What the audit log keeps about an expert: never the mobile or the e-mail."""
    return {"name": expert.name, "employer": expert.employer_name, "specialties": expert.specialties,
            "available": expert.available}


@contextmanager
def _refusing_duplicate_mobile(mobile: str):
    """Turn the unique blind index's refusal (another officer saved the mobile first) into the
    same Chinese message as the check, under a savepoint so the caller's transaction goes on."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        other = expert_with_mobile(mobile)
        if other is None:
            raise
        raise ValidationError(
            {"mobile": [DUPLICATE_MOBILE.format(masked=mask_mobile(mobile), name=other.name)]}
        ) from None


def save_new_expert(cleaned: dict, *, actor, source: str) -> Expert:
    """Insert an expert from already checked fields (``clean_profile``).

    Side effects: inserts the Expert; records ``experts.created`` (without contact data).
    """
    with _refusing_duplicate_mobile(cleaned["mobile"]):
        expert = Expert.objects.create(**cleaned)
    record("experts.created", actor=actor, target=expert, data={**_summary(expert), "source": source})
    return expert


def save_expert_changes(expert: Expert, cleaned: dict, *, actor, source: str) -> list[str]:
    """Write already checked fields onto a locked expert; returns the names of the changed fields.

    Side effects: updates the Expert when something changed; records ``experts.updated`` with the
    changed field names only (a changed mobile or e-mail is named, its value never recorded).
    """
    changed = [name for name in PROFILE_FIELDS if cleaned[name] != getattr(expert, name)]
    if changed:
        for name in changed:
            setattr(expert, name, cleaned[name])
        with _refusing_duplicate_mobile(cleaned["mobile"]):
            expert.save()
        record("experts.updated", actor=actor, target=expert, data={"changed": changed, "source": source})
    return changed


@transaction.atomic
def create_expert(*, actor, **values) -> Expert:
    """Add an expert to the pool.

    Checks every field (employer USCC normalised, mobile normalised to 11 digits, specialties
    are service function codes) and refuses a mobile already in the pool.
    Side effects: inserts the Expert; records ``experts.created`` (without contact data).
    """
    require_officer(actor)
    return save_new_expert(clean_profile(values), actor=actor, source="form")


@transaction.atomic
def update_expert(expert: Expert, *, actor, **changes) -> list[str]:
    """Change some of an expert's fields; the others keep their values. Returns the changed names.

    Side effects: locks and updates the Expert; records ``experts.updated`` with the changed
    field names (nothing is recorded when nothing changed).
    """
    require_officer(actor)
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not expert fields: {sorted(unknown)}")
    merged = {name: getattr(expert, name) for name in PROFILE_FIELDS} | changes
    return save_expert_changes(expert, clean_profile(merged, expert_pk=expert.pk), actor=actor, source="form")


@transaction.atomic
def set_availability(expert: Expert, *, actor, available: bool, note: str = "") -> Expert:
    """Mark an expert available for draws, or unavailable with a reason.

    Side effects: updates ``available`` and ``availability_note`` (the note is cleared when
    available); records ``experts.availability_changed`` with both.
    """
    require_officer(actor)
    note = "" if available else text(note)
    problems = Problems()
    check_availability(problems, available, note)
    problems.raise_if_any()
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    expert.available, expert.availability_note = available, note
    expert.save(update_fields=["available", "availability_note", "updated_at"])
    record("experts.availability_changed", actor=actor, target=expert, data={"available": available, "note": note})
    return expert


def _require_declarer(actor, expert: Expert) -> None:
    if not declares_relationships.test(actor, expert):
        raise PermissionDenied("只能申报或撤回本人的利害关系。")


@transaction.atomic
def add_relationship(expert: Expert, *, actor, **values) -> Relationship:
    """Declare a relationship between the expert and an organisation (回避 in draws).

    Allowed to bureau officers and to the expert on their own profile. The same organisation
    and kind cannot be declared twice.
    Side effects: inserts the Relationship; records ``experts.relationship_added``.
    """
    _require_declarer(actor, expert)
    cleaned = clean_relationship(values)
    same = expert.relationships.filter(kind=cleaned["kind"])
    if any(_same_organization(existing, cleaned) for existing in same):
        raise ValidationError({"organization_name": ["已申报过与该单位的同类关系，无需重复申报。"]})
    relationship = Relationship.objects.create(expert=expert, **cleaned)
    record("experts.relationship_added", actor=actor, target=expert,
           data={"relationship": relationship.pk, "organization": relationship.organization_name,
                 "uscc": relationship.organization_uscc, "kind": relationship.kind})
    return relationship


def _same_organization(existing: Relationship, cleaned: dict) -> bool:
    if existing.organization_uscc and existing.organization_uscc == cleaned["organization_uscc"]:
        return True
    return "".join(existing.organization_name.split()) == "".join(cleaned["organization_name"].split())


@transaction.atomic
def remove_relationship(relationship: Relationship, *, actor) -> None:
    """Withdraw a declared relationship.

    Allowed to bureau officers and to the expert on their own profile.
    Side effects: deletes the Relationship; records ``experts.relationship_removed``.
    """
    _require_declarer(actor, relationship.expert)
    data = {"relationship": relationship.pk, "organization": relationship.organization_name,
            "uscc": relationship.organization_uscc, "kind": relationship.kind}
    deleted, _ = Relationship.objects.filter(pk=relationship.pk).delete()
    if not deleted:
        raise ValidationError("该利害关系申报已被撤回。")
    record("experts.relationship_removed", actor=actor, target=relationship.expert, data=data)


@dataclass(frozen=True)
class Contact:
    mobile: str
    email: str


@transaction.atomic
def reveal_contact(expert: Expert, *, actor) -> Contact:
    """The expert's mobile and e-mail in clear, for a bureau officer (the read is audited, DESIGN.md §7).

    Side effects: records ``experts.contact_viewed`` (which fields were shown, never their values).
    """
    require_officer(actor)
    record("experts.contact_viewed", actor=actor, target=expert, data={"fields": sorted(CONTACT_FIELDS)})
    return Contact(mobile=expert.mobile, email=expert.email)
