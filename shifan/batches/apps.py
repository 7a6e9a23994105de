from django.apps import AppConfig


class BatchesConfig(AppConfig):
    name = "shifan.batches"
    label = "batches"
    verbose_name = "申报批次"

    def ready(self) -> None:
        from shifan.batches.models import Batch
        from shifan.core.reference import watch

        watch(Batch)  # list filters read the names from the cache (state changes by update() leave names alone)
