"""The roles of DESIGN.md §1 as stable codes. Only the labels are translated."""

from django.db import models


class Role(models.TextChoices):
    APPLICANT = "applicant", "申报单位用户"
    DISTRICT_OFFICER = "district_officer", "县区主管部门"
    BUREAU_OFFICER = "bureau_officer", "市局经办人员"
    BUREAU_HEAD = "bureau_head", "市局领导"
    BUREAU_ADMIN = "bureau_admin", "系统管理员"
    EXPERT = "expert", "评审专家"
    AGENCY = "agency", "第三方评审机构"
    AUDITOR = "auditor", "审计管理员"


# Roles whose accounts belong to government or review staff (password expiry and
# two factors apply to them; applicants are treated separately).
STAFF_ROLES = frozenset(
    {
        Role.DISTRICT_OFFICER,
        Role.BUREAU_OFFICER,
        Role.BUREAU_HEAD,
        Role.BUREAU_ADMIN,
        Role.EXPERT,
        Role.AGENCY,
        Role.AUDITOR,
    }
)
BUREAU_ROLES = frozenset({Role.BUREAU_OFFICER, Role.BUREAU_HEAD})
