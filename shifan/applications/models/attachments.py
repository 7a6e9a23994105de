"""The uploaded materials of 第八条 (certificates, audit report, activity materials, the signed 声明函).

The file lives in private storage under a random name; the uploader's name is kept, cleaned,
only as metadata for downloads. ``content_type`` is the checked kind's, never the browser's.
"""

import uuid

from django.conf import settings
from django.db import models

from shifan.applications.models.application import Application
from shifan.documents.files.storage import private_storage


def stored_name(attachment: "Attachment", filename: str) -> str:
    """attachments/<random>.<checked extension>: nothing of the uploader's name reaches the disk."""
    return f"attachments/{uuid.uuid4().hex}.{attachment.extension}"


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    slot = models.CharField("材料项", max_length=30)
    file = models.FileField("文件", storage=private_storage, upload_to=stored_name, max_length=200)
    name = models.CharField("文件名", max_length=120)
    kind = models.CharField("类型", max_length=10)
    extension = models.CharField("扩展名", max_length=10)
    content_type = models.CharField("内容类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "申报附件"
        verbose_name_plural = "申报附件"
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["application", "slot"], name="attachment_slot")]

    def __str__(self) -> str:
        return self.name
