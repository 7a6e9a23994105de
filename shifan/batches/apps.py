from django.apps import AppConfig


class BatchesConfig(AppConfig):
    name = "shifan.batches"
    label = "batches"
    verbose_name = "申报批次"

    def ready(self) -> None:
        from shifan.batches.domain import OPEN_BATCH_KEY
        from shifan.batches.models import Batch, DistrictDeadlineExtension
        from shifan.core.reference import forget_on_change, watch

        watch(Batch)  # list filters read the names from the cache (state changes by update() leave names alone)
        forget_on_change(OPEN_BATCH_KEY, Batch, DistrictDeadlineExtension)  # the district inbox's open batch
