"""The steps of the online application, mirroring the regulation's forms (附件2–6).

Each section edits some fields of the profile and/or some row lists. The applicant's pages,
the read-only views of officials and the completeness checks all follow this one table.
"""

from dataclasses import dataclass

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
    hint: str = ""
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
        hint="第五条(一)：资产总额 100 万元以上，固定服务场所面积 150 平方米以上（自有与租用合计）。",
        conditions=("total_assets", "site_area")),
    Section("operations", "二、平台运营情况", "附件2 申请表 二；第五条(三)(六)", lists=("operating_years",),
            hint="请至少填写上一年度和前一年度：服务中小企业户数须稳定增长，年服务 80 户以上；"
                 "公益性或低收费服务占总服务量 10% 以上。",
            conditions=("smes_served", "served_growth", "training_volume", "public_welfare_share")),
    Section("capability", "三、服务能力及业绩", "附件2 申请表 三；第四条、第五条(三)(五)",
            fields=("service_functions", "qualifications"), lists=("service_products", "partners", "activities"),
            hint="信息查询、创业服务类平台年开展大型服务活动 4 次以上；"
                 "技术服务、质量管理、信息化应用、管理咨询服务类 2 次以上；"
                 "培训服务类年培训 1000 人次以上；集聚社会服务机构 2 家以上。",
            conditions=("activities", "training_volume", "partners")),
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
            hint="第五条(二)：专职从业人员 10 人以上，其中大专及以上学历或中级及以上技术职称的占 70% 以上。",
            conditions=("staff_count", "staff_qualified_ratio")),
    Section("served", "附件5 上一年度服务中小企业名单及服务评价表", "附件5；第五条(三)", lists=("served_smes",),
            hint="名单须 100 家以上；满意度按“满意”行数占全部行数计算，须达 80% 以上。",
            conditions=("served_list_size", "satisfaction")),
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
