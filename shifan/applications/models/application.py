from django.conf import settings
from django.db import models

from shifan.accounts.models import Jurisdiction, Organization
from shifan.applications.enums import Action, Status
from shifan.batches.models import Batch


class Application(models.Model):
    """申报: one organisation's application in one batch.

    ``status`` is written only by ``applications.domain.transitions.transition``.
    ``jurisdiction`` is copied from the organisation when the application starts, so that
    the district that pre-reviews it stays fixed even if the organisation moves later.
    """

    batch = models.ForeignKey(Batch, verbose_name="申报批次", on_delete=models.PROTECT, related_name="applications")
    organization = models.ForeignKey(
        Organization, verbose_name="申报单位", on_delete=models.PROTECT, related_name="applications"
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name="初审辖区", on_delete=models.PROTECT, related_name="applications"
    )
    platform_name = models.CharField("平台名称", max_length=200)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    # Optimistic lock for drafts: every save and every transition bumps it.
    version = models.PositiveIntegerField("版本", default=1)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    status_changed_at = models.DateTimeField("状态变更时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "申报"
        verbose_name_plural = "申报"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "organization"], name="one_application_per_batch"),
        ]
        indexes = [
            # The lists' default order (bureau list, district inbox): a page reads the index, no sort.
            models.Index(fields=["-created_at", "-id"], name="application_listed"),
            # The district inbox and the batch filters with their status counts.
            models.Index(fields=["jurisdiction", "status"], name="application_district_status"),
            models.Index(fields=["batch", "status"], name="application_batch_status"),
        ]

    def __str__(self) -> str:
        return f"{self.organization.name}（{self.batch.year}）"


class StatusChange(models.Model):
    """The timeline of an application: one row per transition, never edited."""

    application = models.ForeignKey(
        Application, verbose_name="申报", on_delete=models.CASCADE, related_name="status_changes"
    )
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    from_status = models.CharField("原状态", max_length=20, choices=Status.choices)
    to_status = models.CharField("新状态", max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = models.TextField("理由", blank=True)
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "状态变更"
        verbose_name_plural = "状态变更"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"
