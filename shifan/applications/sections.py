"""The steps of the online application, mirroring the regulation's forms (附件2–6).

Each section edits some fields of the profile and/or some row lists. The applicant's pages,
the read-only views of officials and the completeness checks all follow this one table.

A section whose data decides conditions of 第五条 states them in a banner. The numbers belong to
the policy version of the application's batch, so such a section names a ``rule`` of
``section_hints`` (params → sentence); its ``hint`` is the number-free fallback shown only where
no policy is at hand. Render a banner with ``section_hints.section_hint(section, policy)``, or on
an application's pages with ``section_hints.application_section_hint(section, application)``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from shifan.applications.models import (
    Activity,
    Equipment,
    Investor,
    OperatingYear,
    Partner,
    ServedEnterprise,
    ServiceProduct,
    StaffMember,
)
from shifan.applications.section_hints import (
    capability_rule,
    operations_rule,
    scale_rule,
    served_rule,
    staff_rule,
)


@dataclass(frozen=True)
class RowList:
    kind: str  # stable code, used in URLs and audit events
    label: str
    model: type
    fields: tuple[str, ...]
    per_page: int = 50


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    article: str
    fields: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    hint: str = ""  # without a rule: the banner; with one: what to show when no policy is at hand
    rule: Callable | None = field(default=None, compare=False)  # PolicyParams → the banner with its numbers
    conditions: tuple[str, ...] = ()  # the 第五条 conditions this section's data decides
    uploads: tuple[str, ...] = ()  # codes of applications.attachments.SLOTS shown and uploaded here


LISTS = {
    row_list.kind: row_list
    for row_list in (
        RowList("investors", "主要投资方", Investor, ("name", "nature")),
        RowList("operating_years", "年度运营情况", OperatingYear, (
            "year", "total_assets", "revenue", "service_revenue", "profit", "smes_served",
            "training_person_times", "service_volume", "public_welfare_volume")),
        RowList("service_products", "主要服务产品", ServiceProduct, (
            "name", "smes_served", "person_times", "revenue", "revenue_share", "satisfaction")),
        RowList("partners", "合作资源", Partner, ("name", "kind", "agreement")),
        RowList("activities", "大型服务活动", Activity, ("date", "title", "place", "function", "smes", "participants")),
        RowList("equipment", "主要服务设施、软件及仪器设备", Equipment, (
            "name", "quantity", "price", "purchased_on", "note")),
        RowList("staff", "主要从业人员", StaffMember, (
            "name", "age", "education", "school_major", "title_level", "title_authority",
            "years_at_platform", "position", "contact", "full_time")),
        RowList("served_smes", "上一年度服务中小企业", ServedEnterprise, (
            "name", "uscc", "contact", "position", "mobile", "service", "satisfied"), per_page=50),
    )
}

SECTIONS = (
    Section("basics", "一、平台基本情况", "附件2 申请表 一", fields=(
        "nature", "registration_authority", "registered_on", "address", "postcode",
        "legal_representative_name", "legal_representative_id_number", "legal_representative_mobile",
        "contact_name", "contact_phone", "contact_fax", "contact_mobile", "website", "icp_filing", "email",
        "registered_capital"), lists=("investors",), conditions=("legal_entity", "operating_years")),
    Section("scale", "资产、设备与服务场地", "附件2 申请表 一；第五条(一)", fields=(
        "total_assets", "equipment_count", "equipment_value", "site_area_owned", "site_area_rented"),
        hint="第五条(一)：资产总额和固定服务场所面积（自有与租用合计）须达到所属批次适用的认定管理办法的要求。",
        rule=scale_rule, conditions=("total_assets", "site_area")),
    Section("operations", "二、平台运营情况", "附件2 申请表 二；第五条(三)(六)", lists=("operating_years",),
            hint="请至少填写上一年度和前一年度：服务中小企业户数和公益性或低收费服务占比"
                 "须达到所属批次适用的认定管理办法的要求。",
            rule=operations_rule,
            conditions=("smes_served", "served_growth", "training_volume", "public_welfare_share")),
    Section("capability", "三、服务能力及业绩", "附件2 申请表 三；第四条、第五条(三)(五)",
            fields=("service_functions", "qualifications"), lists=("service_products", "partners", "activities"),
            hint="大型服务活动次数、培训人次和集聚的社会服务机构家数须达到所属批次适用的认定管理办法的要求。",
            rule=capability_rule, conditions=("activities", "training_volume", "partners")),
    Section("welfare", "四至六、公益服务、政府扶持与区域影响", "附件2 申请表 四、五、六",
            fields=("public_welfare_activities", "government_support", "impact"),
            conditions=("fees", "reputation", "demonstration")),
    Section("report", "申请报告（二至八）", "附件2 申请报告", fields=(
        "report_basics", "report_region", "report_management", "report_services", "report_achievements",
        "report_support", "report_plans"), conditions=("management", "fees", "reputation", "demonstration")),
    Section("certificates", "证照、场所与审计报告", "第八条（二）（三）（四）",
            uploads=("licence", "premises", "audit_report"),
            hint="请上传复印件的扫描件或清晰照片。提交申报前，每一项至少上传一个文件。"),
    Section("equipment", "附件3 主要服务设施、软件及仪器设备清单", "附件3；第五条(一)", lists=("equipment",)),
    Section("staff", "附件4 主要从业人员情况表", "附件4；第五条(二)", lists=("staff",),
            hint="第五条(二)：专职从业人员人数及其中大专及以上学历或中级及以上技术职称的占比"
                 "须达到所属批次适用的认定管理办法的要求。",
            rule=staff_rule, conditions=("staff_count", "staff_qualified_ratio")),
    Section("served", "附件5 上一年度服务中小企业名单及服务评价表", "附件5；第五条(三)", lists=("served_smes",),
            hint="名单家数和满意度（按“满意”行数占全部行数计算）须达到所属批次适用的认定管理办法的要求。",
            rule=served_rule, conditions=("served_list_size", "satisfaction")),
    Section("materials", "服务活动与资质材料", "第八条（八）（九）", uploads=("activities", "qualifications"),
            hint="服务活动材料（通知、照片、总结等）提交前至少上传一个文件；资质、备案、许可证等有则上传。"),
    Section("declaration", "附件6 申报材料真实性声明函", "附件6；第八条(十)",
            fields=("declaration_signed_by", "declaration_signed_on"), uploads=("declaration_scan",),
            hint="本单位知悉并保证所提供的申报材料和相关材料的真实性，并承担因材料虚假而产生的全部后果。"),
)
SECTIONS_BY_CODE = {section.code: section for section in SECTIONS}


def derived_figures(profile) -> list[tuple[str, str]]:
    """The 申请表's computed figures (never typed): equipment share of assets, total site area."""
    figures = []
    if profile.equipment_value is not None and profile.total_assets:
        share = profile.equipment_value * 100 / profile.total_assets
        figures.append(("仪器、设备购买价格占总资产", f"{share:.2f}%"))
    if profile.site_area_owned is not None or profile.site_area_rented is not None:
        total = (profile.site_area_owned or 0) + (profile.site_area_rented or 0)
        figures.append(("服务场地面积合计", f"{total} 平方米"))
    return figures
