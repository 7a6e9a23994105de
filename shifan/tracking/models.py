"""动态跟踪 (第十三条): a yearly tracking round, each recognised platform's report, rectification notices."""

from django.conf import settings
from django.db import models

from shifan.recognition.models import Recognition


class TrackingRound(models.Model):
    """One round a year: the bureau asks every platform recognised on ``opens_on`` for its figures of ``year``."""

    year = models.PositiveSmallIntegerField("跟踪年度", unique=True, help_text="报送哪一年度的数据（上一年度）。")
    title = models.CharField("标题", max_length=200)
    opens_on = models.DateField("开始日期")
    due_on = models.DateField("报送截止日期")
    note = models.TextField("报送要求", blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="开启人", on_delete=models.PROTECT,
                                  related_name="+")
    opened_at = models.DateTimeField("开启时间", auto_now_add=True)

    class Meta:
        verbose_name = "动态跟踪轮次"
        verbose_name_plural = "动态跟踪轮次"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class TrackingReport(models.Model):
    """A platform's yearly report: the figures the 第五条 conditions read, a summary, and the stored check."""

    class State(models.TextChoices):
        DRAFT = "draft", "未提交"
        SUBMITTED = "submitted", "已提交"

    round = models.ForeignKey(TrackingRound, verbose_name="跟踪轮次", on_delete=models.PROTECT,
                              related_name="reports")
    recognition = models.ForeignKey(Recognition, verbose_name="认定", on_delete=models.PROTECT,
                                    related_name="tracking_reports")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFT)
    # The yearly figures (the facts of 第五条 for the tracking year).
    total_assets = models.DecimalField("年末资产总额（万元）", max_digits=14, decimal_places=2, null=True, blank=True)
    site_area_owned = models.DecimalField("自有服务场所面积（平方米）", max_digits=12, decimal_places=2, null=True,
                                          blank=True)
    site_area_rented = models.DecimalField("租用服务场所面积（平方米）", max_digits=12, decimal_places=2, null=True,
                                           blank=True)
    staff_full_time = models.PositiveIntegerField("专职从业人员（人）", null=True, blank=True)
    staff_qualified = models.PositiveIntegerField("其中大专以上学历或中级以上职称（人）", null=True, blank=True)
    smes_served = models.PositiveIntegerField("本年度服务中小企业（户）", null=True, blank=True)
    smes_served_previous = models.PositiveIntegerField("上一年度服务中小企业（户）", null=True, blank=True)
    served_listed = models.PositiveIntegerField("服务企业名单（家）", null=True, blank=True)
    served_satisfied = models.PositiveIntegerField("其中表示满意（家）", null=True, blank=True)
    training_person_times = models.PositiveIntegerField("年培训人次", null=True, blank=True)
    service_volume = models.PositiveIntegerField("服务总量（次）", null=True, blank=True)
    public_welfare_volume = models.PositiveIntegerField("其中公益性或低收费服务（次）", null=True, blank=True)
    partners = models.PositiveIntegerField("集聚的社会服务机构（家）", null=True, blank=True)
    activities = models.JSONField("大型服务活动（按服务功能计次）", default=dict, blank=True)
    summary = models.TextField("年度工作总结", blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交人", on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    evaluation = models.JSONField("条件检查结果", default=dict, blank=True)
    eligible = models.BooleanField("符合基本条件", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "动态跟踪年度报告"
        verbose_name_plural = "动态跟踪年度报告"
        ordering = ["round", "recognition__platform_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "recognition"], name="tracking_report_once_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.recognition} {self.round.year}年度"

    @property
    def failed_codes(self) -> list[str]:
        return [c["code"] for c in self.evaluation.get("conditions", []) if c.get("status") == "fail"]


class Rectification(models.Model):
    """整改通知: what the platform has to put right, by when; closed by an officer with a note."""

    class State(models.TextChoices):
        OPEN = "open", "整改中"
        CLOSED = "closed", "已结束"

    report = models.ForeignKey(TrackingReport, verbose_name="年度报告", on_delete=models.PROTECT,
                               related_name="rectifications")
    requirements = models.TextField("整改要求")
    due_on = models.DateField("整改期限")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发出人", on_delete=models.PROTECT,
                                  related_name="+")
    issued_at = models.DateTimeField("发出时间", auto_now_add=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="结束人", on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    closing_note = models.TextField("整改情况", blank=True)

    class Meta:
        verbose_name = "整改通知"
        verbose_name_plural = "整改通知"
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"整改：{self.report}"
