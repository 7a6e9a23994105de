"""Stable codes used by the dossier, the policy parameters and the engine. Only labels are Chinese."""

from django.db import models


class ServiceFunction(models.TextChoices):
    """服务功能 (第四条)."""

    INFORMATION = "information", "信息查询"
    TECHNOLOGY = "technology", "技术服务"
    QUALITY = "quality", "质量管理"
    STARTUP = "startup", "创业服务"
    TRAINING = "training", "培训服务"
    FINANCING = "financing", "融资服务"
    CONSULTING = "consulting", "管理咨询服务"
    MARKET = "market", "市场开拓服务"
    INFORMATIZATION = "informatization", "信息化应用"
    INDUSTRY_CHAIN = "industry_chain", "产业链服务"


class Education(models.TextChoices):
    DOCTORATE = "doctorate", "博士研究生"
    MASTER = "master", "硕士研究生"
    BACHELOR = "bachelor", "大学本科"
    ASSOCIATE = "associate", "大学专科"
    SECONDARY = "secondary", "高中/中专"
    BELOW = "below", "初中及以下"


class TitleLevel(models.TextChoices):
    SENIOR = "senior", "正高级"
    DEPUTY_SENIOR = "deputy_senior", "副高级"
    INTERMEDIATE = "intermediate", "中级"
    JUNIOR = "junior", "初级"
    NONE = "none", "无"


class PartnerKind(models.TextChoices):
    UNIVERSITY = "university", "大专院校"
    INSTITUTE = "institute", "科研院所"
    ASSOCIATION = "association", "行业协会"
    SERVICE_AGENCY = "service_agency", "专业服务机构"
    ENTERPRISE = "enterprise", "企业"
    OTHER = "other", "其他"


# 第五条(二): "大专及以上学历或中级及以上技术职称".
QUALIFYING_EDUCATION = frozenset({"doctorate", "master", "bachelor", "associate"})
QUALIFYING_TITLES = frozenset({"senior", "deputy_senior", "intermediate"})

FUNCTION_LABELS = dict(ServiceFunction.choices)
