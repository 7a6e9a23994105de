"""动态跟踪 (第十三条): a yearly tracking round, each recognised platform's report, rectification notices."""

import uuid

from django.conf import settings
from django.db import models

from shifan.core.fields import EncryptedCharField
from shifan.documents.files.storage import private_storage
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
    # The first submission decides lateness: a report the bureau returns for correction is not late
    # because it comes back after the due date.
    first_submitted_at = models.DateTimeField("首次提交时间", null=True, blank=True)
    returned_reason = models.TextField("退回修改理由", blank=True)
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="退回人", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    # 附件5 imported from Excel: when set, the list is authoritative for served_listed / served_satisfied.
    served_list_file_name = models.CharField("服务企业名单文件", max_length=200, blank=True)
    served_list_imported_at = models.DateTimeField("服务企业名单导入时间", null=True, blank=True)
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

    @property
    def has_served_list(self) -> bool:
        """True once a 附件5 list was imported: its rows then give the served and satisfied counts."""
        return self.served_list_imported_at is not None


class TrackingServedEnterprise(models.Model):
    """One row of the report's 附件5 (服务中小企业名单及服务评价表), the same columns as the application's
    ``applications.ServedEnterprise`` (imported through the same template and row checks), mobile encrypted."""

    report = models.ForeignKey(TrackingReport, verbose_name="年度报告", on_delete=models.CASCADE,
                               related_name="served_smes")
    seq = models.PositiveIntegerField("序号", default=0)
    name = models.CharField("服务企业名称", max_length=200)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact = models.CharField("企业联系人", max_length=50, blank=True)
    position = models.CharField("职务", max_length=100, blank=True)
    mobile = EncryptedCharField("手机", max_plain_length=11)
    service = models.CharField("服务内容简述", max_length=500, blank=True)
    satisfied = models.BooleanField("满意")

    class Meta:
        verbose_name = "年度服务企业"
        verbose_name_plural = "年度服务企业（附件5）"
        ordering = ["seq", "id"]

    def __str__(self) -> str:
        return self.name


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


class RectificationReply(models.Model):
    """The platform's answer to an open 整改通知: what it has put right, with up to three files."""

    rectification = models.ForeignKey(Rectification, verbose_name="整改通知", on_delete=models.PROTECT,
                                      related_name="replies")
    text = models.TextField("整改情况说明")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报送人", on_delete=models.PROTECT,
                                 related_name="+")
    filed_at = models.DateTimeField("报送时间", auto_now_add=True)

    class Meta:
        verbose_name = "整改回复"
        verbose_name_plural = "整改回复"
        ordering = ["filed_at", "id"]

    def __str__(self) -> str:
        return f"整改回复：{self.rectification.report}"


def reply_file_name(item: "RectificationReplyFile", filename: str) -> str:
    return f"rectifications/{uuid.uuid4().hex}.{item.extension}"


class RectificationReplyFile(models.Model):
    reply = models.ForeignKey(RectificationReply, verbose_name="整改回复", on_delete=models.CASCADE,
                              related_name="files")
    file = models.FileField("附件", storage=private_storage, upload_to=reply_file_name, max_length=200)
    name = models.CharField("文件名", max_length=120)
    extension = models.CharField("扩展名", max_length=10)
    content_type = models.CharField("内容类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        verbose_name = "整改回复附件"
        verbose_name_plural = "整改回复附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
