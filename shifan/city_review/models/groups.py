"""Review groups: the applications one panel of experts, or one third-party agency, reviews."""

import uuid

from django.conf import settings
from django.db import models

from shifan.accounts.models import Organization
from shifan.applications.models import Application
from shifan.batches.models import Batch
from shifan.documents.files.storage import private_storage


def report_name(report: "AgencyReport", filename: str) -> str:
    """agency-reports/<random>.<checked extension>: nothing of the uploader's name reaches the disk."""
    return f"agency-reports/{uuid.uuid4().hex}.{report.extension}"


class ReviewGroup(models.Model):
    """评审组: experts drawn at random, or a third-party agency (第三方评审机构)."""

    class Mode(models.TextChoices):
        EXPERTS = "experts", "专家评审"
        AGENCY = "agency", "第三方机构评审"

    batch = models.ForeignKey(Batch, verbose_name="申报批次", on_delete=models.PROTECT, related_name="review_groups")
    name = models.CharField("评审组名称", max_length=100)
    mode = models.CharField("评审方式", max_length=10, choices=Mode.choices, default=Mode.EXPERTS)
    panel_size = models.PositiveSmallIntegerField("专家人数", default=5)
    backup_count = models.PositiveSmallIntegerField("备选专家人数", default=3)
    specialties = models.JSONField("所需专业（服务功能）", default=list, blank=True)
    agency = models.ForeignKey(
        Organization, verbose_name="第三方评审机构", on_delete=models.PROTECT, null=True, blank=True,
        related_name="agency_review_groups",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "评审组"
        verbose_name_plural = "评审组"
        ordering = ["batch", "id"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "name"], name="review_group_name_unique_in_batch"),
            models.CheckConstraint(
                name="agency_group_has_agency",
                condition=models.Q(mode="experts", agency__isnull=True) | models.Q(mode="agency", agency__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    """An application reviewed by a group; an application is reviewed by one group."""

    group = models.ForeignKey(ReviewGroup, verbose_name="评审组", on_delete=models.CASCADE, related_name="members")
    application = models.OneToOneField(Application, verbose_name="申报", on_delete=models.PROTECT,
                                       related_name="review_membership")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField("分组时间", auto_now_add=True)

    class Meta:
        verbose_name = "评审组申报"
        verbose_name_plural = "评审组申报"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.group} — {self.application_id}"


class AgencyReport(models.Model):
    """The third-party agency's review report for its group (the latest upload counts)."""

    group = models.ForeignKey(ReviewGroup, verbose_name="评审组", on_delete=models.CASCADE, related_name="reports")
    file = models.FileField("评审报告", storage=private_storage, upload_to=report_name, max_length=200)
    name = models.CharField("文件名", max_length=120)
    extension = models.CharField("扩展名", max_length=10)
    content_type = models.CharField("内容类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "第三方评审报告"
        verbose_name_plural = "第三方评审报告"
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.name
