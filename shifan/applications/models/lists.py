"""The row lists of an application: each row is edited and saved on its own.

Long lists (附件5 has 100+ rows) are never posted as one form; rows come in one by one or by
Excel import. ``seq`` keeps the order the applicant gave (序号).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from shifan.applications.models.application import Application
from shifan.core.fields import EncryptedCharField
from shifan.policies.codes import Education, PartnerKind, ServiceFunction, TitleLevel

MONEY = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}


class Row(models.Model):
    seq = models.PositiveIntegerField("序号", default=0)

    class Meta:
        abstract = True
        ordering = ["seq", "id"]


class Investor(Row):
    """主要投资方."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="investors")
    name = models.CharField("主要投资方名称", max_length=200)
    nature = models.CharField("性质", max_length=100, blank=True)

    class Meta(Row.Meta):
        verbose_name = "主要投资方"
        verbose_name_plural = "主要投资方"

    def __str__(self) -> str:
        return self.name


class OperatingYear(Row):
    """二、平台运营情况, one row per year, with the yearly figures the conditions need."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="operating_years")
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    total_assets = models.DecimalField("资产总额（万元）", **MONEY)
    revenue = models.DecimalField("营业收入（万元）", **MONEY)
    service_revenue = models.DecimalField("服务收入（万元）", **MONEY)
    profit = models.DecimalField("利润总额（万元）", **MONEY)
    smes_served = models.PositiveIntegerField("服务中小企业户数", null=True, blank=True)
    training_person_times = models.PositiveIntegerField("培训人次", null=True, blank=True)
    service_volume = models.PositiveIntegerField("服务总量（次）", null=True, blank=True)
    public_welfare_volume = models.PositiveIntegerField("其中公益性或低收费服务量（次）", null=True, blank=True)

    class Meta(Row.Meta):
        verbose_name = "年度运营情况"
        verbose_name_plural = "年度运营情况"
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["application", "year"], name="one_row_per_year")]

    def __str__(self) -> str:
        return str(self.year)


class ServiceProduct(Row):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="service_products")
    name = models.CharField("主要服务产品", max_length=200)
    smes_served = models.PositiveIntegerField("服务企业户数", null=True, blank=True)
    person_times = models.PositiveIntegerField("服务人次", null=True, blank=True)
    revenue = models.DecimalField("服务收入（万元）", **MONEY)
    revenue_share = models.DecimalField("占总服务收入比（%）", max_digits=5, decimal_places=2, null=True, blank=True)
    satisfaction = models.DecimalField("服务满意度（%）", max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta(Row.Meta):
        verbose_name = "主要服务产品"
        verbose_name_plural = "主要服务产品"

    def __str__(self) -> str:
        return self.name


class Partner(Row):
    """合作资源: signed agreements and other partners."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField("合作单位名称", max_length=200)
    kind = models.CharField("类型", max_length=20, choices=PartnerKind.choices, blank=True)
    agreement = models.BooleanField("已签订合作协议", default=False)

    class Meta(Row.Meta):
        verbose_name = "合作资源"
        verbose_name_plural = "合作资源"

    def __str__(self) -> str:
        return self.name


class Activity(Row):
    """大型服务活动."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="activities")
    date = models.DateField("时间")
    title = models.CharField("活动名称", max_length=200)
    place = models.CharField("地点", max_length=200, blank=True)
    function = models.CharField("服务功能", max_length=20, choices=ServiceFunction.choices)
    smes = models.PositiveIntegerField("参加企业户数", null=True, blank=True)
    participants = models.PositiveIntegerField("参加人数", null=True, blank=True)

    class Meta(Row.Meta):
        verbose_name = "大型服务活动"
        verbose_name_plural = "大型服务活动"

    def __str__(self) -> str:
        return self.title


class Equipment(Row):
    """附件3 主要服务设施、软件及仪器设备清单."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="equipment")
    name = models.CharField("名称", max_length=200)
    quantity = models.PositiveIntegerField("数量", null=True, blank=True)
    price = models.DecimalField("购买价格（万元）", **MONEY)
    purchased_on = models.DateField("购买时间", null=True, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta(Row.Meta):
        verbose_name = "设施设备"
        verbose_name_plural = "设施设备（附件3）"

    def __str__(self) -> str:
        return self.name


class StaffMember(Row):
    """附件4 主要从业人员情况表."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="staff")
    name = models.CharField("姓名", max_length=50)
    age = models.PositiveSmallIntegerField("年龄", null=True, blank=True,
                                           validators=[MinValueValidator(16), MaxValueValidator(100)])
    education = models.CharField("学历", max_length=20, choices=Education.choices, blank=True)
    school_major = models.CharField("毕业院校及专业", max_length=200, blank=True)
    title_level = models.CharField("职称等级", max_length=20, choices=TitleLevel.choices, blank=True)
    title_authority = models.CharField("评定部门", max_length=200, blank=True)
    years_at_platform = models.DecimalField("在服务平台工作年限", max_digits=4, decimal_places=1, null=True, blank=True)
    position = models.CharField("岗位", max_length=100, blank=True)
    contact = EncryptedCharField("联系方式", max_plain_length=60)
    full_time = models.BooleanField("专职", default=True)

    class Meta(Row.Meta):
        verbose_name = "从业人员"
        verbose_name_plural = "从业人员（附件4）"

    def __str__(self) -> str:
        return self.name


class ServedEnterprise(Row):
    """附件5 上一年度服务中小企业名单及服务评价表."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="served_smes")
    name = models.CharField("服务企业名称", max_length=200)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact = models.CharField("企业联系人", max_length=50, blank=True)
    position = models.CharField("职务", max_length=100, blank=True)
    mobile = EncryptedCharField("手机", max_plain_length=11)
    service = models.CharField("服务内容简述", max_length=500, blank=True)
    satisfied = models.BooleanField("满意")

    class Meta(Row.Meta):
        verbose_name = "服务企业"
        verbose_name_plural = "服务企业（附件5）"

    def __str__(self) -> str:
        return self.name
