"""Key rotation: re-encrypt every encrypted column and recompute every blind index with the
current keys (``manage.py rotate_keys``).

Rows are visited in primary-key batches, each batch in its own transaction with its rows locked,
so a long rotation neither holds one huge transaction nor races a concurrent save of the same
row. A value already under the current key (and an index already equal to the current one) is
left alone, so a second run changes nothing and an interrupted run can simply be repeated.
The old keys must stay listed (after the current one) until the rotation has finished.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast

from shifan.core.crypto import blind_index, key_id_of
from shifan.core.fields import current_field_key_id, encrypted_fields, index_fields


@dataclass
class ModelCounts:
    label: str
    verbose_name: str
    rows: int = 0
    reencrypted: int = 0
    reindexed: int = 0
    fields: dict[str, int] = field(default_factory=dict)


def models_with_personal_data() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if encrypted_fields(m) or index_fields(m)]


def _raw_name(name: str) -> str:
    return f"_raw_{name}"


def _rotate_batch(model, pks: list, counts: ModelCounts, current: str) -> None:
    enc, idx = encrypted_fields(model), index_fields(model)
    raw = {_raw_name(f.name): Cast(f.attname, output_field=models.TextField()) for f in enc}
    wanted = {model._meta.pk.attname, *(f.attname for f in enc), *(f.attname for f in idx), *(f.source for f in idx)}
    with transaction.atomic():
        rows = model._base_manager.select_for_update().filter(pk__in=pks).only(*wanted).annotate(**raw)
        for row in rows.order_by("pk"):
            changes = {}
            for f in enc:
                stored = getattr(row, _raw_name(f.name)) or ""
                if stored and key_id_of(stored) != current:
                    changes[f.attname] = getattr(row, f.attname)  # clear text; update() encrypts it anew
                    counts.fields[f.name] = counts.fields.get(f.name, 0) + 1
            stale_index = False
            for f in idx:
                fresh = blind_index(getattr(row, f.source) or "", f.purpose)
                if getattr(row, f.attname) != fresh:
                    changes[f.attname] = fresh
                    counts.fields[f.name] = counts.fields.get(f.name, 0) + 1
                    stale_index = True
            if changes:
                model._base_manager.filter(pk=row.pk).update(**changes)
                counts.reencrypted += any(name in changes for name in (f.attname for f in enc))
                counts.reindexed += stale_index
            counts.rows += 1


def rotate_model(model, *, batch_size: int = 200, progress: Callable[[str], None] | None = None) -> ModelCounts:
    """Rotate one model's encrypted columns and blind indexes; returns its counts.

    Side effects: rewrites the rows whose values are under an old key or whose index is stale,
    one transaction per ``batch_size`` rows.
    """
    counts = ModelCounts(label=model._meta.label, verbose_name=str(model._meta.verbose_name))
    current = current_field_key_id()
    last = None
    while True:
        page = model._base_manager.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        pks = list(page.values_list("pk", flat=True)[:batch_size])
        if not pks:
            break
        _rotate_batch(model, pks, counts, current)
        last = pks[-1]
        if progress:
            progress(f"{counts.verbose_name}：已检查 {counts.rows} 条")
    return counts


def rotate_all(*, batch_size: int = 200, progress: Callable[[str], None] | None = None) -> list[ModelCounts]:
    """Rotate every model with an encrypted column or a blind index.

    Side effects: as ``rotate_model`` for each such model.
    """
    return [rotate_model(m, batch_size=batch_size, progress=progress) for m in models_with_personal_data()]
