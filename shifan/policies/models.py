from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from shifan.policies.codes import FUNCTION_LABELS
from shifan.policies.params import PolicyParams

_PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]

# The fields that are rules (copied to a successor version, frozen once a batch uses them).
PARAMETER_FIELDS = (
    "legal_person_required",
    "min_operating_years",
    "min_total_assets",
    "min_site_area",
    "min_staff",
    "min_qualified_ratio",
    "min_smes_served",
    "require_served_growth",
    "min_satisfaction",
    "activity_minimums",
    "min_training_person_times",
    "min_partners",
    "min_public_welfare_share",
    "min_served_list_rows",
    "survey_sample_size",
    "publicity_working_days",
    "validity_years",
)
DESCRIPTIVE_FIELDS = ("name", "document_number", "document_title", "effective_on", "notes")


class Policy(models.Model):
    """认定管理办法的一个版本: the rules of 第五条 and the process lengths, as data.

    A batch pins a version by its ``code``; a new version is added as data (a successor that
    copies and changes the numbers), never by changing code. An empty threshold means that
    the version has no such requirement.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        ACTIVE = "active", "现行"
        SUPERSEDED = "superseded", "已被取代"

    code = models.SlugField("版本代码", max_length=40, unique=True, help_text="如 nanchang-2022；创建后不再改变。")
    name = models.CharField("办法名称", max_length=200)
    document_number = models.CharField("文号", max_length=60, blank=True, help_text="如 洪企服规〔2022〕3号")
    document_title = models.CharField("文件标题", max_length=200, blank=True)
    effective_on = models.DateField("施行日期")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    is_default = models.BooleanField("默认版本", default=False, help_text="未指定版本时使用；同时只有一个。")
    supersedes = models.ForeignKey(
        "self",
        verbose_name="取代的版本",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
    )
    notes = models.TextField("说明", blank=True, help_text="数值来源、推定的数值等。")

    # 第五条(一)
    legal_person_required = models.BooleanField("须具有独立法人资格", default=True)
    min_operating_years = models.PositiveSmallIntegerField("运营年限下限（年）", null=True, blank=True)
    min_total_assets = models.DecimalField(
        "资产总额下限（万元）",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    min_site_area = models.DecimalField(
        "服务场所面积下限（平方米）",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="填 0 表示须有固定场所但不限面积；留空表示不设此项。",
    )
    # 第五条(二)
    min_staff = models.PositiveIntegerField("专职从业人员下限（人）", null=True, blank=True)
    min_qualified_ratio = models.DecimalField(
        "大专+或中级职称+占比下限（%）", max_digits=5, decimal_places=2, null=True, blank=True, validators=_PERCENT
    )
    # 第五条(三)
    min_smes_served = models.PositiveIntegerField("年服务中小企业下限（户）", null=True, blank=True)
    require_served_growth = models.BooleanField("要求近两年服务企业数增长", default=True)
    min_satisfaction = models.DecimalField(
        "满意度下限（%）", max_digits=5, decimal_places=2, null=True, blank=True, validators=_PERCENT
    )
    activity_minimums = models.JSONField(
        "各服务功能年大型服务活动下限（次）",
        default=dict,
        blank=True,
        help_text='如 {"information": 4, "technology": 2}；未列出的功能不设活动次数要求。',
    )
    min_training_person_times = models.PositiveIntegerField("培训类平台年培训人次下限", null=True, blank=True)
    # 第五条(五)(六) and 附件5
    min_partners = models.PositiveSmallIntegerField("集聚社会服务机构下限（家）", null=True, blank=True)
    min_public_welfare_share = models.DecimalField(
        "公益性或低收费服务占比下限（%）", max_digits=5, decimal_places=2, null=True, blank=True, validators=_PERCENT
    )
    min_served_list_rows = models.PositiveIntegerField("服务企业名单最少行数", null=True, blank=True)
    # Process lengths (第七条, 第十条)
    survey_sample_size = models.PositiveSmallIntegerField("县区抽样测评企业数", default=12)
    publicity_working_days = models.PositiveSmallIntegerField("公示工作日数", default=5)
    validity_years = models.PositiveSmallIntegerField("认定有效期（年）", default=3)

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "认定办法版本"
        verbose_name_plural = "认定办法版本"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_policy"
            ),
            models.CheckConstraint(
                name="default_policy_is_active",
                condition=models.Q(is_default=False) | models.Q(status="active"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def clean(self) -> None:
        minimums = self.activity_minimums
        if not isinstance(minimums, dict):
            raise ValidationError({"activity_minimums": "应为“服务功能代码: 次数”的对照表。"})
        problems = []
        for function, count in minimums.items():
            if function not in FUNCTION_LABELS:
                problems.append(f"未知的服务功能代码 “{function}”")
            elif isinstance(count, bool) or not isinstance(count, int) or count < 1:
                problems.append(f"“{function}”的次数应为正整数")
        if problems:
            raise ValidationError({"activity_minimums": "；".join(problems) + "。"})

    def to_params(self) -> PolicyParams:
        return PolicyParams(code=self.code, **{name: getattr(self, name) for name in PARAMETER_FIELDS})
