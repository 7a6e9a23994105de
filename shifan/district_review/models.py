"""The district's preliminary review (第七条(二)(三)) and the record behind 附件1 推荐表."""

from django.conf import settings
from django.db import models

from shifan.applications.models import Application, ServedEnterprise
from shifan.core.fields import EncryptedCharField


class DistrictReview(models.Model):
    """What the district officer records about one application: the USCC check and 附件1's texts."""

    class UsccCheck(models.TextChoices):
        MATCHES = "matches", "一致"
        MISMATCH = "mismatch", "不一致"

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="district_review")
    uscc_checked_on = models.DateField("统一社会信用代码证查验日期", null=True, blank=True)
    uscc_check = models.CharField("查验结果", max_length=10, choices=UsccCheck.choices, blank=True)
    uscc_check_note = models.CharField("查验说明", max_length=300, blank=True,
                                       help_text="如：经国家企业信用信息公示系统查询，名称、代码、登记状态一致。")
    impact = models.TextField("对区域中小企业发展的影响和作用", blank=True)
    exemplarity = models.TextField("示范性", blank=True)
    opinion = models.TextField("推荐意见", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "县区初审"
        verbose_name_plural = "县区初审"

    def __str__(self) -> str:
        return f"初审：{self.application}"


class SurveyDraw(models.Model):
    """One random draw of served enterprises for the satisfaction survey (附件1 测评).

    The seed and the fingerprint of the list it drew from let anyone replay the draw; a redraw
    is a new row with a reason, and the earlier draw is kept, marked superseded.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="survey_draws")
    seed = models.CharField("随机种子", max_length=64)
    fingerprint = models.CharField("名单指纹", max_length=64, help_text="抽取时附件5名单的 SHA-256 指纹。")
    population = models.PositiveIntegerField("名单企业数")
    sample_size = models.PositiveIntegerField("抽取数量")
    sample_ids = models.JSONField("抽中的服务企业", default=list)
    reason = models.CharField("重新抽取的理由", max_length=300, blank=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField("抽取时间", auto_now_add=True)
    superseded_at = models.DateTimeField("被重新抽取时间", null=True, blank=True)

    class Meta:
        verbose_name = "测评抽样"
        verbose_name_plural = "测评抽样"
        ordering = ["-drawn_at", "-id"]

    def __str__(self) -> str:
        return f"抽样 {self.sample_size}/{self.population}"


class SurveyResponse(models.Model):
    """附件1: one surveyed enterprise — method, interviewee, position, mobile, service, satisfied."""

    class Method(models.IntegerChoices):
        VISIT = 1, "上门拜访"
        PHONE = 2, "电话询问"
        ONLINE = 3, "网络互动"
        WRITTEN = 4, "书面征求"
        OTHER = 5, "其他"

    draw = models.ForeignKey(SurveyDraw, on_delete=models.CASCADE, related_name="responses")
    enterprise = models.ForeignKey(ServedEnterprise, on_delete=models.SET_NULL, null=True, related_name="+")
    enterprise_name = models.CharField("抽样企业名称", max_length=200)
    method = models.PositiveSmallIntegerField("测评方法", choices=Method.choices)
    interviewee = models.CharField("被访人姓名", max_length=50)
    position = models.CharField("职务", max_length=100, blank=True)
    mobile = EncryptedCharField("手机", max_plain_length=11)
    service = models.CharField("服务内容", max_length=300, blank=True)
    satisfied = models.BooleanField("对所受服务满意")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("记录时间", auto_now=True)

    class Meta:
        verbose_name = "测评记录"
        verbose_name_plural = "测评记录"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["draw", "enterprise"], name="one_response_per_drawn_enterprise")]

    def __str__(self) -> str:
        return self.enterprise_name


class ReviewNote(models.Model):
    """An internal note of the district office: never shown to the applicant."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="district_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("内部备注")
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "内部备注"
        verbose_name_plural = "内部备注"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:30]
