"""拟认定名单: prepared by a bureau officer from the ranking, approved by a bureau head."""

from django.conf import settings
from django.db import models

from shifan.applications.models import Application
from shifan.batches.models import Batch


class ProposedList(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "拟定中"
        SUBMITTED = "submitted", "待领导审批"
        APPROVED = "approved", "已审批"
        RETURNED = "returned", "退回修改"

    batch = models.ForeignKey(Batch, verbose_name="申报批次", on_delete=models.PROTECT, related_name="proposed_lists")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFT)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="拟定人", on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    submitted_at = models.DateTimeField("报批时间", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    head_comment = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = "拟认定名单"
        verbose_name_plural = "拟认定名单"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.batch} 拟认定名单"


class ProposedEntry(models.Model):
    proposed_list = models.ForeignKey(ProposedList, verbose_name="拟认定名单", on_delete=models.CASCADE,
                                      related_name="entries")
    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField("排名")
    score = models.DecimalField("评审得分", max_digits=6, decimal_places=2, null=True, blank=True)
    selected = models.BooleanField("列入拟认定名单", default=False)
    reason = models.CharField("调整理由", max_length=500, blank=True,
                              help_text="未按排名顺序列入或不列入、或低于合格分数线而列入时须说明。")

    class Meta:
        verbose_name = "拟认定名单条目"
        verbose_name_plural = "拟认定名单条目"
        ordering = ["rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposed_list", "application"], name="one_entry_per_application"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.application_id}"
