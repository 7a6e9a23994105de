from django.conf import settings
from django.db import models


class Delivery(models.TextChoices):
    """Where one channel (e-mail or SMS) of a message stands. RETRY waits for ``send_pending``."""

    NONE = "none", "不发送"
    PENDING = "pending", "待发送"
    SENT = "sent", "已发送"
    RETRY = "retry", "待重发"
    FAILED = "failed", "发送失败"
    SKIPPED = "skipped", "无联系方式"


class Notification(models.Model):
    """One message to one user: shown in the in-app inbox and, when possible, e-mailed (and texted).

    The inbox row is the message: a channel that is down only changes its delivery status, and
    ``send_pending`` retries it with backoff until it is sent or given up.
    """

    EmailStatus = Delivery  # the older name, kept for callers
    SmsStatus = Delivery

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="收件人", on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField("事件", max_length=60)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    link = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    email_status = models.CharField("邮件状态", max_length=10, choices=Delivery.choices, default=Delivery.PENDING)
    email_attempts = models.PositiveSmallIntegerField("邮件尝试次数", default=0)
    email_next_attempt_at = models.DateTimeField("邮件下次重发时间", null=True, blank=True)
    email_error = models.CharField("邮件错误", max_length=300, blank=True)
    sms_status = models.CharField("短信状态", max_length=10, choices=Delivery.choices, default=Delivery.NONE)
    sms_attempts = models.PositiveSmallIntegerField("短信尝试次数", default=0)
    sms_next_attempt_at = models.DateTimeField("短信下次重发时间", null=True, blank=True)
    sms_error = models.CharField("短信错误", max_length=300, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_status", "email_next_attempt_at"], name="notification_email_queue"),
            models.Index(fields=["sms_status", "sms_next_attempt_at"], name="notification_sms_queue"),
        ]

    def __str__(self) -> str:
        return self.subject
