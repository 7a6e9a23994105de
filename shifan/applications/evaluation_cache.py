"""An application's 第五条 evaluation kept in Django's cache, keyed by everything it depends on.

The evaluation is a pure function of the application's content, its batch's policy version and the
reference date. A saved section, a dossier import and a transition claim a new ``Application.version``
(the optimistic lock of ``domain/content.py``); a saved, deleted or imported row stamps
``Application.updated_at`` (``mark_rows_changed``). The key — id, version, last change, policy version
and its last change, reference date — so names a result that cannot go stale while the code stays the
same. The timeout only bounds how long an entry outlives a deployment that changes the engine.

An evaluation holds counts and condition texts, never personal data (the engine reads no personal
column), so it may sit in a shared cache.
"""

from django.core.cache import cache

from shifan.applications.dossier_io import evaluate_application, reference_date
from shifan.applications.models import Application
from shifan.policies.results import Evaluation

TIMEOUT_SECONDS = 600
# Raise when the shape of Evaluation changes, so that no process unpickles an older shape.
KEY_VERSION = 1


def evaluation_key(application: Application) -> str:
    policy = application.batch.policy
    return (f"eligibility:{KEY_VERSION}:{application.pk}:{application.version}:"
            f"{application.updated_at.timestamp()}:{policy.pk}:{policy.updated_at.timestamp()}:{reference_date(application).isoformat()}")


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
