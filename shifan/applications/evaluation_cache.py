"""An application's evaluations kept in Django's cache, keyed by everything they depend on: its 第五条
eligibility, and what 第八条 says it still lacks before it may be submitted.

The eligibility is a pure function of the application's content, its batch's policy version and the
reference date; the completeness of its content and its attachments. A saved section, a dossier import and a
transition claim a new ``Application.version`` (the optimistic lock of ``domain/content.py``); a saved, deleted
or imported row, and an uploaded or removed attachment, stamp ``Application.updated_at`` (``mark_rows_changed``).
The keys — id, version, last change, and for the eligibility the policy version and its last change and the
reference date — so name results that cannot go stale while the code stays the same. The timeout only bounds how
long an entry outlives a deployment that changes the code.

Both hold counts, condition texts and field names, never personal data (neither reads a personal column's
value into the result), so they may sit in a shared cache.
"""

import hashlib
from datetime import date

from django.core.cache import cache
from django.db.models import QuerySet

from shifan.applications.dossier_io import evaluate_application, opening_day, reference_date
from shifan.applications.guards import completeness_items
from shifan.applications.models import Application
from shifan.policies.results import Evaluation

TIMEOUT_SECONDS = 600
# Raise when the shape of Evaluation changes, so that no process unpickles an older shape.
KEY_VERSION = 1


def _key(pk: int, version: int, updated_at, policy_pk: int, policy_updated_at, reference: date) -> str:
    """The one definition of what an application's eligibility depends on."""
    return (f"eligibility:{KEY_VERSION}:{pk}:{version}:{updated_at.timestamp()}:{policy_pk}:"
            f"{policy_updated_at.timestamp()}:{reference.isoformat()}")


def evaluation_key(application: Application) -> str:
    policy = application.batch.policy
    return _key(application.pk, application.version, application.updated_at, policy.pk, policy.updated_at,
                reference_date(application))


def evaluations_digest(applications: QuerySet[Application]) -> tuple[str, list[int]]:
    """A digest of the ``evaluation_key`` of each of these applications, and their ids (in id order), in one
    query: a key for what is computed from all their evaluations (the batch dashboard's conditions), which
    changes whenever one of them would. Pure read."""
    rows = applications.order_by("pk").values_list(
        "pk", "version", "updated_at", "batch__policy_id", "batch__policy__updated_at", "batch__opens_at")
    digest, ids = hashlib.blake2b(digest_size=16), []
    for pk, version, updated_at, policy_pk, policy_updated_at, opens_at in rows:
        digest.update(_key(pk, version, updated_at, policy_pk, policy_updated_at, opening_day(opens_at))
                      .encode() + b"\n")
        ids.append(pk)
    return digest.hexdigest(), ids


def cached_evaluation(application: Application) -> Evaluation:
    """``evaluate_application`` through the cache.

    Side effects: on a miss, stores the evaluation in Django's cache for ``TIMEOUT_SECONDS``.
    """
    key = evaluation_key(application)
    evaluation = cache.get(key)
    if evaluation is None:
        evaluation = evaluate_application(application)
        cache.set(key, evaluation, TIMEOUT_SECONDS)
    return evaluation


def cached_completeness(application: Application) -> list[tuple[str, str]]:
    """``guards.completeness_items`` through the cache, for pages that show what is still missing; the submit
    guard itself reads afresh, under the application's row lock.

    Side effects: on a miss, stores the items in Django's cache for ``TIMEOUT_SECONDS``.
    """
    key = f"completeness:{application.pk}:{application.version}:{application.updated_at.timestamp()}"
    items = cache.get(key)
    if items is None:
        items = completeness_items(application)
        cache.set(key, items, TIMEOUT_SECONDS)
    return items
