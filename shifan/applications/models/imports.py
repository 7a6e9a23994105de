from django.conf import settings
from django.db import models

from shifan.applications.models.application import Application
from shifan.core.fields import EncryptedCharField


class ListImport(models.Model):
    """An Excel import of one list, checked and waiting for the applicant's choice.

    The checked rows and the error report are kept encrypted (they hold mobiles and names of
    served enterprises) until the applicant keeps the valid rows or keeps the previous list.
    """

    class State(models.TextChoices):
        PENDING = "pending", "待确认"
        APPLIED = "applied", "已导入"
        DISCARDED = "discarded", "已放弃"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="list_imports")
    kind = models.CharField("名单", max_length=30)
    file_name = models.CharField("文件名", max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    total_rows = models.PositiveIntegerField("数据行数", default=0)
    valid_rows = models.PositiveIntegerField("有效行数", default=0)
    error_count = models.PositiveIntegerField("问题数", default=0)
    payload = EncryptedCharField("检查结果", max_plain_length=50_000_000)

    class Meta:
        verbose_name = "名单导入"
        verbose_name_plural = "名单导入"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} ← {self.file_name}"
