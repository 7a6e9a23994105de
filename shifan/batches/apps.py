from django.apps import AppConfig


class BatchesConfig(AppConfig):
    name = "shifan.batches"
    label = "batches"
    verbose_name = "申报批次"
