from django.apps import AppConfig


class BatchesConfig(AppConfig):
    name = "shifan.batches"
    label = "batches"
    verbose_name = "申报批次"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from shifan.batches.domain import forget_open_batch
        from shifan.batches.models import Batch, DistrictDeadlineExtension
        from shifan.core.reference import watch

        watch(Batch)  # list filters read the names from the cache (state changes by update() leave names alone)
        for model in (Batch, DistrictDeadlineExtension):  # the district inbox reads the open batch from the cache
            for event, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(forget_open_batch, sender=model, dispatch_uid=f"open-batch-{model.__name__}-{event}")
