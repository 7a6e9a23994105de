"""Score sheets filled by an expert (one per seat and application) or by the agency (one per application)."""

from django.conf import settings
from django.db import models

from shifan.applications.models import Application
from shifan.city_review.models.draws import PanelSeat
from shifan.city_review.models.groups import ReviewGroup
from shifan.city_review.models.setup import POINTS, Indicator


class Score(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "暂存"
        SUBMITTED = "submitted", "已提交"

    group = models.ForeignKey(ReviewGroup, verbose_name="评审组", on_delete=models.CASCADE, related_name="scores")
    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.PROTECT,
                                    related_name="review_scores")
    seat = models.ForeignKey(PanelSeat, verbose_name="专家席位", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="scores")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评分人", on_delete=models.PROTECT,
                               related_name="+")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFT)
    total = models.DecimalField("总分", **POINTS, null=True, blank=True)
    comment = models.TextField("综合评价意见", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)

    class Meta:
        verbose_name = "评分表"
        verbose_name_plural = "评分表"
        ordering = ["application", "seat__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "application"], name="one_score_per_seat_and_application",
                                    condition=models.Q(seat__isnull=False)),
            models.UniqueConstraint(fields=["group", "application"], name="one_agency_score_per_application",
                                    condition=models.Q(seat__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"评分：{self.application_id} / {self.scorer_id}"


class ScoreItem(models.Model):
    score = models.ForeignKey(Score, verbose_name="评分表", on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, verbose_name="评分指标", on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField("得分", **POINTS)
    comment = models.CharField("评分意见", max_length=500, blank=True)

    class Meta:
        verbose_name = "指标得分"
        verbose_name_plural = "指标得分"
        ordering = ["indicator__seq"]
        constraints = [models.UniqueConstraint(fields=["score", "indicator"], name="one_item_per_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.points}"
