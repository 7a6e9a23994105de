"""The single-valued part of an application: 附件2 申请表 一、三–六, the report 二–八, 附件6.

Field names follow the dossier (dossier.md) so that import and export are a plain mapping.
"""

from django.core.validators import MinValueValidator
from django.db import models

from shifan.applications.models.application import Application
from shifan.core.fields import BlindIndexField, EncryptedCharField

MONEY = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True, "validators": [MinValueValidator(0)]}
AREA = {"max_digits": 12, "decimal_places": 2, "null": True, "blank": True, "validators": [MinValueValidator(0)]}


class ApplicationProfile(models.Model):
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="profile")

    # 一、平台基本情况 — organisation facts as declared in this application.
    nature = models.CharField(
        "单位性质", max_length=100, blank=True, help_text="如：企业法人、事业单位、社会团体、民办非企业单位"
    )
    registration_authority = models.CharField("发证部门", max_length=200, blank=True)
    registered_on = models.DateField("注册日期", null=True, blank=True)
    address = models.CharField("注册地址", max_length=300, blank=True)
    postcode = models.CharField("邮编", max_length=6, blank=True)
    legal_representative_name = models.CharField("法定代表人", max_length=50, blank=True)
    legal_representative_id_number = EncryptedCharField("法定代表人身份证号", max_plain_length=18)
    # Blind index of the ID number (kept by the field on save): finds the applications of a person.
    legal_representative_id_index = BlindIndexField(
        "法定代表人身份证号索引", source="legal_representative_id_number", purpose="id_number", db_index=True
    )
    legal_representative_mobile = EncryptedCharField("法定代表人手机", max_plain_length=11)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    contact_fax = models.CharField("传真", max_length=30, blank=True)
    contact_mobile = EncryptedCharField("联系人手机", max_plain_length=11)
    website = models.CharField("网址", max_length=200, blank=True)
    icp_filing = models.CharField("网站备案号", max_length=60, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    registered_capital = models.DecimalField("注册资本（万元）", **MONEY)

    # Platform facts.
    total_assets = models.DecimalField("上年末总资产（万元）", **MONEY)
    equipment_count = models.PositiveIntegerField("仪器、设备数量（台/套）", null=True, blank=True)
    equipment_value = models.DecimalField("仪器、设备购买价格（万元）", **MONEY)
    site_area_owned = models.DecimalField("服务场地面积：自有（平方米）", **AREA)
    site_area_rented = models.DecimalField("服务场地面积：租用（平方米）", **AREA)
    service_functions = models.JSONField("申报服务功能", default=list, blank=True)
    qualifications = models.TextField("获得专业服务资质情况", blank=True)

    # 四、五、六 of the 申请表.
    public_welfare_activities = models.TextField("参加相关公益性服务活动情况", blank=True)
    government_support = models.TextField("得到政府扶持的情况", blank=True)
    impact = models.TextField("对区域中小企业发展的影响及作用（自测情况）", blank=True)

    # 申请报告 二–八.
    report_basics = models.TextField("二、申报单位的基本情况", blank=True)
    report_region = models.TextField("三、服务对象所在区域的行业状况及公共服务需求", blank=True)
    report_management = models.TextField("四、管理运营情况", blank=True)
    report_services = models.TextField("五、近年来的服务情况", blank=True)
    report_achievements = models.TextField("六、主要服务业绩及贡献", blank=True)
    report_support = models.TextField("七、获得政府扶持的情况", blank=True)
    report_plans = models.TextField("八、下一步发展设想", blank=True)

    # 附件6 申报材料真实性声明函.
    declaration_signed_by = models.CharField("法定代表人（签字）", max_length=50, blank=True)
    declaration_signed_on = models.DateField("声明日期", null=True, blank=True)

    class Meta:
        verbose_name = "申请表"
        verbose_name_plural = "申请表"

    def __str__(self) -> str:
        return f"申请表：{self.application}"
