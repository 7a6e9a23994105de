from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "shifan.documents"
    label = "documents"
    verbose_name = "文档"
