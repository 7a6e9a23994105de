"""Names of small reference tables (jurisdictions, batches), cached until one of their rows changes; and the
forgetting every cached value that a write makes stale goes through (``forget``, ``forget_on_change``).

Every list filter and the district's heading show them, on every request, and they change a few times
a year: one cache read instead of a query. A table is registered with ``watch()`` (from its app's
``ready()``): saving or deleting any of its rows forgets the cached names, now and again when the
transaction commits, so a reader inside the writing transaction cannot put the old names back for
others. Writes through ``QuerySet.update()`` send no signal: ``watch()`` a table only if its names
are never changed that way.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

# A day at most, in case a change ever bypasses the signals (a raw SQL fix, say).
TIMEOUT_SECONDS = 24 * 3600
_WATCHED: set[str] = set()


def _key(model) -> str:
    return f"reference-names:{model._meta.label_lower}"


def forget(*keys: str) -> None:
    """Drop cached values after a write, now and again when the current transaction commits, so that a reader
    inside the writing transaction cannot put the old value back for others. Side effects: deletes cache keys."""
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def forget_on_change(key: str, *models) -> None:
    """``forget(key)`` whenever a row of one of ``models`` is saved or deleted (not on ``QuerySet.update()``,
    which sends no signal). Side effects: connects signals."""
    def receiver(sender, **kwargs):
        forget(key)

    for model in models:
        for event, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(receiver, sender=model, weak=False,
                           dispatch_uid=f"forget-{key}-{model._meta.label_lower}-{event}")


def watch(model) -> None:
    """Forget the model's cached names whenever a row is saved or deleted. Side effects: connects signals."""
    forget_on_change(_key(model), model)
    _WATCHED.add(_key(model))


def names_of(model) -> list[tuple[int, str]]:
    """(pk, name) of every row of a watched model, in its default order.

    Side effects: reads and may write the cache."""
    key = _key(model)
    if key not in _WATCHED:
        raise LookupError(f"{model._meta.label} is not watched: its cached names could go stale")
    names = cache.get(key)
    if names is None:
        names = list(model.objects.values_list("pk", "name"))
        cache.set(key, names, TIMEOUT_SECONDS)
    return names
