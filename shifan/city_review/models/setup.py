"""A batch's review settings and its score sheet (评审打分表)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from shifan.batches.models import Batch

POINTS = {"max_digits": 5, "decimal_places": 1}


class ReviewSettings(models.Model):
    """How a batch's scores are aggregated and which optional avoidance rules its draws apply."""

    class Aggregation(models.TextChoices):
        MEAN = "mean", "直接平均"
        TRIMMED_MEAN = "trimmed_mean", "去掉一个最高分和一个最低分后平均"

    batch = models.OneToOneField(Batch, verbose_name="申报批次", on_delete=models.CASCADE,
                                 related_name="review_settings")
    aggregation = models.CharField("专家评分汇总方法", max_length=20, choices=Aggregation.choices,
                                   default=Aggregation.TRIMMED_MEAN)
    outlier_points = models.DecimalField(
        "评分偏离提示阈值（分）", **POINTS, default=Decimal(15), validators=[MinValueValidator(Decimal(1))],
        help_text="某位专家的总分与其他专家平均分相差达到此分值时提示。",
    )
    pass_mark = models.DecimalField(
        "合格分数线", **POINTS, default=Decimal(70),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1000))],
    )
    avoid_same_jurisdiction = models.BooleanField(
        "回避同辖区专家", default=True, help_text="专家工作单位与申报单位在同一县区时回避。"
    )
    avoid_previous_reviewers = models.BooleanField(
        "回避上一批次评审过同一单位的专家", default=True,
    )

    class Meta:
        verbose_name = "评审设置"
        verbose_name_plural = "评审设置"

    def __str__(self) -> str:
        return f"评审设置：{self.batch}"


class Indicator(models.Model):
    """One line of a batch's score sheet: an indicator with its maximum points."""

    batch = models.ForeignKey(Batch, verbose_name="申报批次", on_delete=models.CASCADE,
                              related_name="score_indicators")
    seq = models.PositiveSmallIntegerField("序号")
    category = models.CharField("一级指标", max_length=50)
    name = models.CharField("评分指标", max_length=100)
    max_points = models.DecimalField("分值", **POINTS, validators=[MinValueValidator(Decimal("0.5"))])
    guidance = models.CharField("评分要点与依据", max_length=300, blank=True)

    class Meta:
        verbose_name = "评分指标"
        verbose_name_plural = "评分指标"
        ordering = ["seq", "id"]
        constraints = [models.UniqueConstraint(fields=["batch", "seq"], name="one_indicator_per_seq")]

    def __str__(self) -> str:
        return f"{self.category}·{self.name}（{self.max_points}分）"
