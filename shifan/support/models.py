"""扶持 (第十一条) and 典型经验 (第十二条) of recognised platforms.

A SupportGrant is support the bureau gave a recognised platform (kind, amount in 万元, date,
document); its amount is public only when the bureau says so. A TypicalCase is a district's write-up
of a platform in its jurisdiction; the bureau publishes it on the portal or declines it with a reason.
"""

import secrets

from django.conf import settings
from django.db import models

from shifan.accounts.models import Jurisdiction
from shifan.documents.files.storage import private_storage
from shifan.recognition.models import Recognition


class GrantKind(models.TextChoices):
    FUNDING = "funding", "资金补助"
    VOUCHER = "voucher", "服务券/购买服务"
    SITE = "site", "场地支持"
    HONOUR = "honour", "评优表彰"
    OTHER = "other", "其他"


def grant_document_name(grant: "SupportGrant", filename: str) -> str:
    return f"support/{secrets.token_hex(16)}.pdf"


class SupportGrant(models.Model):
    """One support measure granted to a recognised platform (第十一条)."""

    recognition = models.ForeignKey(Recognition, verbose_name="认定", on_delete=models.PROTECT,
                                    related_name="support_grants")
    kind = models.CharField("扶持方式", max_length=20, choices=GrantKind.choices)
    amount = models.DecimalField("扶持金额（万元）", max_digits=12, decimal_places=4, null=True, blank=True)
    public = models.BooleanField("在门户网站公开金额", default=False)
    granted_on = models.DateField("扶持日期")
    document_number = models.CharField("文号", max_length=60, blank=True)
    document = models.FileField("文件", storage=private_storage, upload_to=grant_document_name, max_length=200,
                                blank=True)
    document_name = models.CharField("文件名", max_length=120, blank=True)
    note = models.TextField("备注", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "扶持记录"
        verbose_name_plural = "扶持记录"
        ordering = ["-granted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.recognition}：{self.get_kind_display()}"


class CaseState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送"
    PUBLISHED = "published", "已发布"
    DECLINED = "declined", "未采用"


class TypicalCase(models.Model):
    """典型经验 (第十二条): written by a district about a platform in its jurisdiction."""

    recognition = models.ForeignKey(Recognition, verbose_name="示范平台", on_delete=models.PROTECT,
                                    related_name="typical_cases")
    jurisdiction = models.ForeignKey(Jurisdiction, verbose_name="报送辖区", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("标题", max_length=200)
    summary = models.CharField("摘要", max_length=500)
    body = models.TextField("正文")
    state = models.CharField("状态", max_length=10, choices=CaseState.choices, default=CaseState.DRAFT)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="撰写人", on_delete=models.PROTECT,
                                     related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    decline_reason = models.TextField("不予采用的理由", blank=True)

    class Meta:
        verbose_name = "典型经验"
        verbose_name_plural = "典型经验"
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["state", "published_at"], name="typical_case_state")]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        return self.state in (CaseState.DRAFT, CaseState.DECLINED)
