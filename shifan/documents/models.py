"""The register of issued document numbers (发文字号): one counter per prefix and year."""

from django.db import models


class NumberSequence(models.Model):
    """The last number issued under a prefix in a year, e.g. 洪企服字 2026 → 12 (洪企服字〔2026〕12号).

    Numbers are never reused: the counter only moves forward, under a row lock.
    """

    prefix = models.CharField("发文机关代字", max_length=20)
    year = models.PositiveSmallIntegerField("年份")
    last = models.PositiveIntegerField("已用到的序号", default=0)

    class Meta:
        verbose_name = "发文字号"
        verbose_name_plural = "发文字号"
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="one_sequence_per_prefix_year")]

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.last}号"
