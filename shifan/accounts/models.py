from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone

from shifan.accounts.roles import Role
from shifan.accounts.uscc import is_legal_person, registrant_kind, uscc_validator
from shifan.core.fields import BlindIndexField, EncryptedCharField


class Jurisdiction(models.Model):
    """县区 / 开发区 / 湾里管理局: the unit that pre-reviews applications (第三条)."""

    class Kind(models.TextChoices):
        DISTRICT = "district", "市辖区"
        COUNTY = "county", "县"
        DEVELOPMENT_ZONE = "development_zone", "开发区"
        ADMINISTRATION = "administration", "管理局"

    code = models.CharField(
        "辖区编码",
        max_length=12,
        unique=True,
        help_text="行政区用 GB/T 2260 代码；开发区等无正式代码的用内部编码（如 3601K1）。",
    )
    name = models.CharField("名称", max_length=60, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    gb_code = models.CharField("GB/T 2260 代码", max_length=6, blank=True)
    authority_name = models.CharField(
        "主管部门名称", max_length=100, blank=True, help_text="如：东湖区中小企业服务主管部门"
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "辖区"
        verbose_name_plural = "辖区"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """申报单位: a legal entity identified by its 统一社会信用代码."""

    name = models.CharField("单位名称", max_length=200)
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[uscc_validator]
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name="所在辖区", on_delete=models.PROTECT, related_name="organizations"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "申报单位"
        verbose_name_plural = "申报单位"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def registrant_kind(self) -> str:
        return registrant_kind(self.uscc)

    @property
    def is_legal_person(self) -> bool:
        return is_legal_person(self.uscc)


class User(AbstractUser):
    """One account, one role: separation of duties keeps officer and head apart."""

    display_name = models.CharField("姓名", max_length=50)
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name="所属单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name="所属辖区",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
    )
    # Personal data (DESIGN.md §9): the mobile is encrypted; its blind index serves lookups and duplicates.
    mobile = EncryptedCharField("手机", max_plain_length=11)
    mobile_index = BlindIndexField("手机索引", source="mobile", purpose="mobile", db_index=True)
    # Staff, expert and agency passwords expire (等保); null means "set before tracking began".
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True, editable=False)

    objects = UserManager()
    REQUIRED_FIELDS = ["email", "display_name", "role"]

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        constraints = [
            models.CheckConstraint(
                name="applicant_has_organization",
                condition=~Q(role=Role.APPLICANT) | Q(organization__isnull=False),
            ),
            models.CheckConstraint(
                name="only_district_officer_has_jurisdiction",
                condition=(Q(role=Role.DISTRICT_OFFICER) & Q(jurisdiction__isnull=False))
                | (~Q(role=Role.DISTRICT_OFFICER) & Q(jurisdiction__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    def set_password(self, raw_password) -> None:
        # Every new password restarts the 180-day clock of expiring roles (shifan/accounts/expiry.py).
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def has_role(self, *roles: str) -> bool:
        return self.is_authenticated and self.is_active and self.role in roles


class Invitation(models.Model):
    """An applicant invites a colleague by e-mail to join its organisation (one-time link)."""

    organization = models.ForeignKey(Organization, verbose_name="单位", on_delete=models.CASCADE,
                                     related_name="invitations")
    email = models.EmailField("电子邮箱")
    # Only a hash of the token is stored: the link in the e-mail is the secret.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, verbose_name="邀请人", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("邀请时间", auto_now_add=True)
    expires_at = models.DateTimeField("有效期至")
    accepted_at = models.DateTimeField("接受时间", null=True, blank=True)
    accepted_user = models.ForeignKey(User, verbose_name="注册账号", on_delete=models.PROTECT, null=True,
                                      blank=True, related_name="+")
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = "同事邀请"
        verbose_name_plural = "同事邀请"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"


class JoinRequest(models.Model):
    """Somebody asks to join an organisation that is already registered.

    The account is created inactive; a user of the organisation approves (activates) it or
    declines it, so nobody gets into an organisation's applications on their own say-so.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        APPROVED = "approved", "已同意"
        DECLINED = "declined", "已拒绝"

    organization = models.ForeignKey(Organization, verbose_name="单位", on_delete=models.CASCADE,
                                     related_name="join_requests")
    user = models.OneToOneField(User, verbose_name="申请人账号", on_delete=models.CASCADE, related_name="join_request")
    message = models.CharField("申请说明", max_length=300, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(User, verbose_name="审核人", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)

    class Meta:
        verbose_name = "加入单位申请"
        verbose_name_plural = "加入单位申请"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} → {self.organization}"
