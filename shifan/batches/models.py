from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from shifan.policies.models import Policy


class Batch(models.Model):
    """申报批次 (第九条): one recognition round a year, with its dates and policy version."""

    class State(models.TextChoices):
        PREPARING = "preparing", "筹备中"
        OPEN = "open", "申报中"
        CLOSED = "closed", "已结束"

    year = models.PositiveSmallIntegerField("年度", unique=True)
    name = models.CharField("批次名称", max_length=100)
    notice_title = models.CharField("申报通知标题", max_length=200, blank=True)
    notice_number = models.CharField("通知文号", max_length=60, blank=True)
    notice_text = models.TextField("申报通知正文", blank=True)
    # A batch pins its rules, so that its decisions stay reproducible after the rules change.
    policy = models.ForeignKey(
        Policy, verbose_name="适用认定办法版本", on_delete=models.PROTECT, related_name="batches"
    )
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PREPARING)
    opens_at = models.DateTimeField("申报开始时间")
    applicant_deadline = models.DateTimeField("申报截止时间")
    district_deadline = models.DateTimeField("县区推荐截止时间")
    review_starts_on = models.DateField("评审开始日期")
    review_ends_on = models.DateField("评审结束日期")
    publicity_starts_on = models.DateField("计划公示开始日期", null=True, blank=True)
    decision_due_on = models.DateField("计划发文日期", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "申报批次"
        verbose_name_plural = "申报批次"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                name="batch_dates_in_order",
                condition=models.Q(opens_at__lt=models.F("applicant_deadline"))
                & models.Q(applicant_deadline__lte=models.F("district_deadline"))
                & models.Q(review_starts_on__lte=models.F("review_ends_on")),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.opens_at and self.applicant_deadline and self.opens_at >= self.applicant_deadline:
            errors["applicant_deadline"] = "申报截止时间须晚于申报开始时间。"
        if self.applicant_deadline and self.district_deadline and self.applicant_deadline > self.district_deadline:
            errors["district_deadline"] = "县区推荐截止时间不能早于申报截止时间。"
        if self.review_starts_on and self.review_ends_on and self.review_starts_on > self.review_ends_on:
            errors["review_ends_on"] = "评审结束日期不能早于评审开始日期。"
        if errors:
            raise ValidationError(errors)

    def accepts_submissions(self, at=None) -> bool:
        at = at or timezone.now()
        return self.state == self.State.OPEN and self.opens_at <= at <= self.applicant_deadline

    def district_deadline_for(self, jurisdiction_id: int):
        """The district deadline for one jurisdiction: the batch's, or a later extension's."""
        extended = (
            self.extensions.filter(jurisdiction_id=jurisdiction_id)
            .order_by("-extended_until")
            .values_list("extended_until", flat=True)
            .first()
        )
        return max(self.district_deadline, extended) if extended else self.district_deadline


class DistrictDeadlineExtension(models.Model):
    """The bureau lets one district act after the batch's district deadline (第七条(二)), with a reason."""

    batch = models.ForeignKey(Batch, verbose_name="申报批次", on_delete=models.CASCADE, related_name="extensions")
    jurisdiction = models.ForeignKey(
        "accounts.Jurisdiction", verbose_name="辖区", on_delete=models.PROTECT, related_name="+"
    )
    extended_until = models.DateTimeField("延长至")
    reason = models.CharField("延期理由", max_length=300)
    granted_by = models.ForeignKey("accounts.User", verbose_name="批准人", on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField("批准时间", auto_now_add=True)

    class Meta:
        verbose_name = "县区推荐延期"
        verbose_name_plural = "县区推荐延期"
        ordering = ["-granted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.jurisdiction} → {self.extended_until:%Y-%m-%d %H:%M}"
