"""The holiday table (节假日安排): statutory holidays and 调休 make-up workdays, each with its notice.

A date is a working day when it is Monday to Friday, unless a CalendarDay makes it a holiday, or
a Saturday or Sunday that a CalendarDay makes a make-up workday. That rule holds only for years
whose arrangement has been entered completely (a CalendarYear with ``complete``); for any other
year the system refuses to count working days rather than guess.
"""

from django.conf import settings
from django.db import models


class CalendarDay(models.Model):
    """One date of the State Council's arrangement that departs from the plain weekend rule.

    Holidays that fall on a Saturday or Sunday may be stored too (the seeded years store every day
    of each holiday, so a year's page shows each holiday's whole span as the notice states it);
    they change no count.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "法定节假日"
        WORKDAY = "workday", "调休上班"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    name = models.CharField("节日", max_length=50)
    source = models.CharField("来源通知", max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(name="calendar_day_kind_known", condition=models.Q(kind__in=["holiday", "workday"])),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"


class CalendarYear(models.Model):
    """A year whose arrangement has been entered: only ``complete`` years can be counted in.

    ``created_by`` is empty for the years seeded from chinese-calendar.
    """

    year = models.PositiveSmallIntegerField("年度", unique=True)
    source = models.CharField("来源通知", max_length=200)
    complete = models.BooleanField("已录入完整", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "节假日安排年度"
        verbose_name_plural = "节假日安排年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} 年"
