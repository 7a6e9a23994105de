"""认定 (第七条(五), 第十条): the decision, each platform's recognition and its certificate, revocation."""

import secrets

from django.conf import settings
from django.db import models

from shifan.accounts.models import Jurisdiction, Organization
from shifan.applications.models import Application
from shifan.batches.models import Batch
from shifan.documents.files.storage import private_storage
from shifan.publicity.models import Publicity


class Approval(models.TextChoices):
    """Two people: an officer prepares and submits, a different person (a head) approves or returns."""

    DRAFT = "draft", "拟稿"
    SUBMITTED = "submitted", "待领导审批"
    APPROVED = "approved", "已审批"
    RETURNED = "returned", "退回修改"


class Decision(models.Model):
    """认定决定: one per publicity; approving it gives every platform still on the list a recognition."""

    batch = models.ForeignKey(Batch, verbose_name="申报批次", on_delete=models.PROTECT, related_name="decisions")
    publicity = models.OneToOneField(Publicity, verbose_name="公示", on_delete=models.PROTECT,
                                     related_name="decision")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    number = models.CharField("文号", max_length=40, blank=True, help_text="审批时按年度顺序编号。")
    state = models.CharField("状态", max_length=10, choices=Approval.choices, default=Approval.DRAFT)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="拟稿人", on_delete=models.PROTECT,
                                    related_name="+")
    prepared_at = models.DateTimeField("拟稿时间", auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_on = models.DateField("成文日期", null=True, blank=True)
    head_comment = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = "认定决定"
        verbose_name_plural = "认定决定"
        ordering = ["-prepared_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=~models.Q(number=""), name="decision_number_unique"),
        ]

    def __str__(self) -> str:
        return self.number or self.title


def new_verification_code() -> str:
    """12 characters from an alphabet without look-alikes (no 0/O, 1/I/L): typed by people, guessed by nobody."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Recognition(models.Model):
    """市级示范平台称号 for one platform: valid for the policy's years from the decision date."""

    application = models.OneToOneField(Application, verbose_name="申报", on_delete=models.PROTECT,
                                       related_name="recognition")
    decision = models.ForeignKey(Decision, verbose_name="认定决定", on_delete=models.PROTECT,
                                 related_name="recognitions")
    organization = models.ForeignKey(Organization, verbose_name="运营单位", on_delete=models.PROTECT,
                                     related_name="recognitions")
    jurisdiction = models.ForeignKey(Jurisdiction, verbose_name="所在辖区", on_delete=models.PROTECT, related_name="+")
    platform_name = models.CharField("平台名称", max_length=200)
    service_functions = models.JSONField("服务功能", default=list)
    starts_on = models.DateField("认定日期")
    expires_on = models.DateField("有效期至")
    verification_code = models.CharField("证书验证码", max_length=12, unique=True, default=new_verification_code)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = "认定"
        verbose_name_plural = "认定"
        ordering = ["-starts_on", "platform_name"]
        indexes = [models.Index(fields=["expires_on"], name="recognition_expiry")]

    def __str__(self) -> str:
        return self.platform_name

    def status_on(self, day) -> str:
        """valid, expired or revoked on that day (expiry is by date: nothing has to run for it)."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if day > self.expires_on else "valid"


STATUS_LABELS = {"valid": "有效", "expired": "已过期", "revoked": "已撤销"}


def revocation_evidence_name(revocation: "Revocation", filename: str) -> str:
    return f"revocations/{secrets.token_hex(16)}.{revocation.evidence_extension}"


class Revocation(models.Model):
    """撤销 (第十条): prepared with reason and evidence by an officer, approved by a head, then public."""

    recognition = models.ForeignKey(Recognition, verbose_name="认定", on_delete=models.PROTECT,
                                    related_name="revocations")
    reason = models.TextField("撤销理由")
    public_reason = models.CharField("公开的撤销原因", max_length=300,
                                     help_text="将在门户网站和证书验证页公开，不含个人信息。")
    evidence = models.FileField("证据材料", storage=private_storage, upload_to=revocation_evidence_name,
                                max_length=200, blank=True)
    evidence_name = models.CharField("证据文件名", max_length=120, blank=True)
    evidence_extension = models.CharField(max_length=10, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    number = models.CharField("文号", max_length=40, blank=True)
    state = models.CharField("状态", max_length=10, choices=Approval.choices, default=Approval.DRAFT)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT,
                                    related_name="+")
    prepared_at = models.DateTimeField("经办时间", auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    head_comment = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = "撤销认定"
        verbose_name_plural = "撤销认定"
        ordering = ["-prepared_at", "-id"]

    def __str__(self) -> str:
        return f"撤销：{self.recognition}"


class ExpiryReminder(models.Model):
    """到期提醒: one row per recognition and threshold (90 or 30 days) once its reminder went out."""

    class Threshold(models.IntegerChoices):
        DAYS_90 = 90, "到期前90天"
        DAYS_30 = 30, "到期前30天"

    recognition = models.ForeignKey(Recognition, verbose_name="认定", on_delete=models.CASCADE,
                                    related_name="expiry_reminders")
    days_before = models.PositiveSmallIntegerField("提前天数", choices=Threshold.choices)
    sent_on = models.DateField("提醒日期")

    class Meta:
        verbose_name = "到期提醒"
        verbose_name_plural = "到期提醒"
        ordering = ["-sent_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recognition", "days_before"], name="expiry_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.recognition}（{self.get_days_before_display()}）"
