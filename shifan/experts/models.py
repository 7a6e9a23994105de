"""专家库 (第七条(四)): the people the bureau draws reviewers from, and what could bias them."""

from django.conf import settings
from django.db import models

from shifan.accounts.models import Jurisdiction
from shifan.core.fields import BlindIndexField, EncryptedCharField


class TitleLevel(models.TextChoices):
    SENIOR = "senior", "正高级"
    DEPUTY_SENIOR = "deputy_senior", "副高级"
    INTERMEDIATE = "intermediate", "中级"
    OTHER = "other", "其他"


class Expert(models.Model):
    """One member of the expert pool.

    The employer (name and USCC) and the jurisdiction feed the avoidance rules of a draw;
    ``specialties`` are service function codes (policies.codes.ServiceFunction). The account
    (``user``) exists once the expert has accepted the activation invitation.
    """

    name = models.CharField("姓名", max_length=50)
    employer_name = models.CharField("工作单位", max_length=200)
    employer_uscc = models.CharField("工作单位统一社会信用代码", max_length=18, blank=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name="工作单位所在辖区", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    title = models.CharField("专业技术职称", max_length=100)
    title_level = models.CharField("职称级别", max_length=20, choices=TitleLevel.choices)
    specialties = models.JSONField("擅长服务功能", default=list, blank=True)
    mobile = EncryptedCharField("手机", max_plain_length=11)
    # Blind index of the mobile (kept by the field on save): the database refuses a second expert
    # with the same mobile, even when two officers save it at the same instant.
    mobile_index = BlindIndexField("手机索引", source="mobile", purpose="mobile")
    email = EncryptedCharField("电子邮箱", max_plain_length=254)
    available = models.BooleanField("可参加评审", default=True)
    availability_note = models.CharField("不可参加评审的原因", max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="系统账号", on_delete=models.PROTECT, null=True, blank=True,
        related_name="expert_profile",
    )
    created_at = models.DateTimeField("入库时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "评审专家"
        verbose_name_plural = "评审专家"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["mobile_index"], condition=~models.Q(mobile_index=""),
                                    name="expert_unique_mobile"),
        ]

    def __str__(self) -> str:
        return self.name


class Relationship(models.Model):
    """A relationship the expert declared with an organisation (回避: a declared relationship)."""

    class Kind(models.TextChoices):
        EMPLOYMENT = "employment", "任职或兼职"
        FORMER_EMPLOYMENT = "former_employment", "近三年曾任职"
        INVESTMENT = "investment", "投资或持股"
        BUSINESS = "business", "合作或业务往来"
        KINSHIP = "kinship", "近亲属任职"
        OTHER = "other", "其他利害关系"

    expert = models.ForeignKey(Expert, verbose_name="专家", on_delete=models.CASCADE, related_name="relationships")
    organization_name = models.CharField("单位名称", max_length=200)
    organization_uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    kind = models.CharField("关系类型", max_length=20, choices=Kind.choices)
    note = models.CharField("说明", max_length=300, blank=True)
    declared_at = models.DateTimeField("申报时间", auto_now_add=True)

    class Meta:
        verbose_name = "利害关系申报"
        verbose_name_plural = "利害关系申报"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.expert} — {self.organization_name}"


class Activation(models.Model):
    """The one-time link by which an expert sets up the account (only the token's hash is kept)."""

    expert = models.ForeignKey(Expert, verbose_name="专家", on_delete=models.CASCADE, related_name="activations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="邀请人", on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField("邀请时间", auto_now_add=True)
    expires_at = models.DateTimeField("有效期至")
    used_at = models.DateTimeField("激活时间", null=True, blank=True)

    class Meta:
        verbose_name = "专家账号激活邀请"
        verbose_name_plural = "专家账号激活邀请"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"激活：{self.expert}"


class ExpertImport(models.Model):
    """An Excel import of the pool that passed every check and waits for the officer's confirmation.

    Only a clean file gets here (the import is all-or-nothing). The checked rows hold mobiles and
    e-mails, so they are kept encrypted, and dropped once the import is applied or discarded.
    """

    class State(models.TextChoices):
        PENDING = "pending", "待确认"
        APPLIED = "applied", "已导入"
        DISCARDED = "discarded", "已放弃"

    file_name = models.CharField("文件名", max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    new_count = models.PositiveIntegerField("新增专家数", default=0)
    update_count = models.PositiveIntegerField("更新专家数", default=0)
    payload = EncryptedCharField("检查通过的数据", max_plain_length=20_000_000)

    class Meta:
        verbose_name = "专家库导入"
        verbose_name_plural = "专家库导入"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"专家库导入 ← {self.file_name}"
