"""Hints for the fields the regulation defines: what to enter, and the article that asks for it.

One table per form, keyed by field name. Each hint starts with its citation ("第五条（二）：…",
"附件2 申请表一：…"); the templates link the citation to the regulation's text
(``policies.templatetags.regulation_tags``). A hint that states a threshold takes it from the
policy version the form applies (the batch's pinned policy, ``Policy`` or ``PolicyParams``);
where a form has no policy at hand the hint cites the article and states no number, so a hint
never contradicts the version in force. Pure functions, no side effects.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from shifan.policies.codes import ServiceFunction


def number(value) -> str:
    """100.00 → "100", 70.50 → "70.5", 12 → "12"."""
    if isinstance(value, Decimal):
        text = f"{value:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


@dataclass(frozen=True)
class Hint:
    article: str  # the citation the hint opens with, e.g. 第五条（二） or 附件2 申请表一
    text: str  # what to enter, without numbers of the policy
    rule: Callable | None = None  # policy → the sentence with the policy's numbers (replaces text)

    def render(self, policy=None) -> str:
        body = self.rule(policy) if (policy is not None and self.rule is not None) else None
        return f"{self.article}：{body or self.text}"


def _at_least(policy, name: str, template: str, absent: str) -> str:
    value = getattr(policy, name, None)
    return template.format(number(value)) if value else absent


def _activities(policy) -> str:
    minimums = getattr(policy, "activity_minimums", None) or {}
    labels = dict(ServiceFunction.choices)
    groups: dict[int, list[str]] = {}
    for code, count in minimums.items():
        if count:
            groups.setdefault(int(count), []).append(labels.get(code, code))
    parts = [f"{'、'.join(names)}类平台年开展大型服务活动 {count} 次以上" for count, names in
             sorted(groups.items(), reverse=True)]
    training = getattr(policy, "min_training_person_times", None)
    if training:
        parts.append(f"培训服务类平台年培训 {training} 人次以上")
    rule = "；".join(parts) if parts else "本版本办法未设大型服务活动次数要求"
    return f"可多选；所选每项功能须达到第五条（三）对该类功能的要求：{rule}。"


# 附件2 申请表 and 申请报告: the section forms of the application (ApplicationProfile).
PROFILE = {
    "nature": Hint("第五条（一）", "须有独立法人资格；按营业执照或法人证书填写单位性质，如企业法人、事业单位、社会团"
                             "体、民办非企业单位。",
                   lambda p: ("须有独立法人资格；" if getattr(p, "legal_person_required", True) else "")
                   + "按营业执照或法人证书填写单位性质，如企业法人、事业单位、社会团体、民办非企业单位。"),
    "registration_authority": Hint("附件2 申请表一", "营业执照或法人证书的发证（登记）机关。"),
    "registered_on": Hint("第五条（一）", "按营业执照或法人证书上的成立日期填写，用于核对运营年限。",
                          lambda p: _at_least(p, "min_operating_years",
                                              "运营 {} 年以上（算至本批次开始申报之日）；按营业执照或法人证书上的成立"
                                              "日期填写。",
                                              "按营业执照或法人证书上的成立日期填写；本版本办法未设运营年限要求。")),
    "address": Hint("附件2 申请表一", "与营业执照或法人证书上的注册地址一致。"),
    "postcode": Hint("附件2 申请表一", "注册地址的 6 位邮政编码。"),
    "legal_representative_name": Hint("附件2 申请表一", "与营业执照或法人证书一致；附件6 声明函须由法定代表人签字。"),
    "legal_representative_id_number": Hint("附件2 申请表一", "法定代表人的居民身份证号码，加密保存，仅经办人员可见。"),
    "legal_representative_mobile": Hint("附件2 申请表一", "法定代表人的手机号码，加密保存。"),
    "contact_name": Hint("附件2 申请表一", "负责本次申报、能答复县区和市局核实问题的联系人。"),
    "contact_phone": Hint("附件2 申请表一", "联系电话，含区号。"),
    "contact_fax": Hint("附件2 申请表一", "没有传真的可不填。"),
    "contact_mobile": Hint("附件2 申请表一", "联系人的手机号码，加密保存。"),
    "website": Hint("第八条（九）", "有网站的填写网址，网站备案材料在“服务活动与资质材料”中上传。"),
    "icp_filing": Hint("第八条（九）", "网站的 ICP 备案号，与备案材料一致。"),
    "email": Hint("附件2 申请表一", "单位或联系人的电子邮箱。"),
    "registered_capital": Hint("附件2 申请表一", "注册资本，单位万元；主要投资方在下方“主要投资方”中逐行填写。"),
    "total_assets": Hint("第五条（一）", "上一年度末资产总额（万元），须与上一年度审计报告（第八条（四））一致。",
                         lambda p: _at_least(p, "min_total_assets",
                                             "资产总额 {} 万元以上；填写上一年度末资产总额，须与上一年度审计报告（第"
                                             "八条（四））一致。",
                                             "填写上一年度末资产总额（万元），须与上一年度审计报告（第八条（四））一"
                                             "致。")),
    "equipment_count": Hint("第五条（一）", "有开展服务必备的服务设施、仪器设备；数量与附件3 清单一致。"),
    "equipment_value": Hint("第五条（一）", "仪器、设备的购买价格合计（万元），与附件3 清单一致；占总资产的比例自动计"
                                      "算。"),
    "site_area_owned": Hint("第五条（一）", "有固定的服务场所；自有面积以产权证为准（第八条（三））。",
                            lambda p: _at_least(p, "min_site_area",
                                                "有固定的服务场所且面积 {} 平方米以上（自有与租用合计）；自有面积以产"
                                                "权证为准（第八条（三））。",
                                                "有固定的服务场所；自有面积以产权证为准（第八条（三））。")),
    "site_area_rented": Hint("第五条（一）", "租用面积以租赁合同为准（第八条（三）），与自有面积合计计算服务场所面积。",
                             lambda p: _at_least(p, "min_site_area",
                                                 "租用面积以租赁合同为准（第八条（三））；与自有面积合计须达 {} 平方"
                                                 "米以上。",
                                                 "租用面积以租赁合同为准（第八条（三））。")),
    "service_functions": Hint("第四条", "可多选；所选每项功能须达到第五条（三）对该类功能的大型服务活动或培训人次要求"
                                     "。",
                              _activities),
    "qualifications": Hint("第五条（一）", "从事相关服务的资质或能力：列明获得的专业服务资质、许可，复印件按第八条（"
                                     "九）上传。"),
    "public_welfare_activities": Hint("第五条（六）", "积极开展或参加面向中小企业的公益服务活动；写明活动名称、时间和"
                                                "服务对象。",
                                      lambda p: _at_least(p, "min_public_welfare_share",
                                                          "积极开展或参加面向中小企业的公益服务活动，公益性或低收费服"
                                                          "务占总服务量的 {}% 以上；写明活动名称、时间和服务对象。",
                                                          "积极开展或参加面向中小企业的公益服务活动；写明活动名称、时"
                                                          "间和服务对象。")),
    "government_support": Hint("附件2 申请表五", "获得的各级政府扶持：项目名称、年度、金额和文号。"),
    "impact": Hint("第六条", "对区域中小企业发展的影响及作用（自测情况）：服务模式创新、集聚创新资源、线上线下结合、"
                          "供需精准对接等方面的特色和示范性。"),
    "report_basics": Hint("附件2 申请报告二", "申报单位的基本情况：发展沿革、发展现状、发展目标。"),
    "report_region": Hint("附件2 申请报告三", "服务对象所在区域的行业状况、在区域经济中的地位和作用、中小企业发展和公"
                                       "共服务需求。"),
    "report_management": Hint("第五条（四）", "发展规划和服务目标、内部管理制度、服务流程和服务质量保证措施；人员激励"
                                        "、能力提升、可持续发展（附件2 申请报告四）。"),
    "report_services": Hint("第五条（四）", "主要服务内容、对象、规模、方式和收费；写明收费标准和对小型微型企业的优惠"
                                      "规定（附件2 申请报告五）。"),
    "report_achievements": Hint("第五条（三）", "主要服务业绩、自测情况或典型案例，在专业服务领域或区域内的声誉和品牌"
                                          "影响力（附件2 申请报告六）。"),
    "report_support": Hint("附件2 申请报告七", "获得政府扶持的情况。"),
    "report_plans": Hint("附件2 申请报告八", "下一步发展设想。"),
    "declaration_signed_by": Hint("第八条（十）", "附件6 申报材料真实性声明函由法定代表人签字；签字盖章的扫描件在本页"
                                            "上传。"),
    "declaration_signed_on": Hint("第八条（十）", "声明函上的落款日期。"),
}

# The lists of 附件2–5 (row forms). Row forms have no policy at hand: articles, no numbers.
ROWS = {
    "investors": {
        "name": Hint("附件2 申请表一", "主要投资方名称，与章程或登记信息一致。"),
        "nature": Hint("附件2 申请表一", "投资方性质，如国有、民营、事业单位。"),
    },
    "operating_years": {
        "year": Hint("第五条（三）", "至少填写上一年度和前一年度，用于核对近两年服务企业数量是否稳定增长。"),
        "total_assets": Hint("第五条（一）", "该年度末资产总额（万元），与该年度审计报告一致。"),
        "revenue": Hint("第八条（四）", "营业收入（万元），与审计报告一致。"),
        "service_revenue": Hint("第八条（四）", "服务收入（万元）：审计报告须包含服务收支情况。"),
        "profit": Hint("第八条（四）", "利润总额（万元），与审计报告一致。"),
        "smes_served": Hint("第五条（三）", "该年度服务的中小企业户数；须达到办法规定的户数，且近两年稳定增长。"),
        "training_person_times": Hint("第五条（三）", "申报培训服务功能的填写该年度培训人次，须达到办法规定的人次。"),
        "service_volume": Hint("第五条（六）", "该年度提供服务的总次数，用于计算公益性或低收费服务占比。"),
        "public_welfare_volume": Hint("第五条（六）", "其中公益性或低收费服务的次数，占总服务量须达到办法规定的比例。"),
    },
    "service_products": {
        "name": Hint("附件2 申请表三", "主要服务产品名称。"),
        "satisfaction": Hint("第五条（三）", "该服务产品的企业满意度（%）。"),
    },
    "partners": {
        "name": Hint("第五条（五）", "与大专院校、科研院所、行业协会、专业服务机构等的合作；集聚的社会服务机构须达到"
                               "办法规定的家数。"),
        "agreement": Hint("第五条（五）", "已签订合作协议的勾选（申请表中分列“签订合作协议的单位”和“其他合作单位”）。"),
    },
    "activities": {
        "title": Hint("第五条（三）", "该年度开展的大型服务活动；活动通知、照片、总结按第八条（八）上传。"),
        "function": Hint("第五条（三）", "活动所属的服务功能；每项申报的功能须达到该类活动次数要求。"),
    },
    "equipment": {
        "name": Hint("附件3", "主要服务设施、软件及仪器设备名称（第五条（一）：有开展服务必备的设施设备）。"),
        "price": Hint("附件3", "购买价格（万元），合计与申请表“仪器、设备购买价格”一致。"),
    },
    "staff": {
        "name": Hint("附件4", "主要从业人员姓名。"),
        "education": Hint("第五条（二）", "大专及以上学历计入学历或职称比例。"),
        "title_level": Hint("第五条（二）", "中级及以上技术职称计入学历或职称比例。"),
        "full_time": Hint("第五条（二）", "专职从业人员须达到办法规定的人数；兼职人员不计入。"),
    },
    "served_smes": {
        "name": Hint("附件5", "上一年度服务的中小企业名称；名单须达到办法规定的家数（附件5 注）。"),
        "mobile": Hint("第七条（三）", "县区从名单中随机抽取企业电话或上门测评，请填写真实有效的手机号码。"),
        "satisfied": Hint("第五条（三）", "企业对所受服务是否满意；满意度按“满意”行数占全部行数计算。"),
    },
}

# 附件1 推荐表: the district's forms.
DISTRICT = {
    "uscc_checked_on": Hint("第七条（三）", "查验申报机构统一社会信用代码证的日期。"),
    "uscc_check": Hint("第七条（三）", "对申报机构的统一社会信用代码证进行查验，记录结果。"),
    "impact": Hint("附件1", "对区域中小企业发展的影响和作用。"),
    "exemplarity": Hint("第六条", "示范性：创新服务模式、集聚创新资源、线上线下结合、激发中小企业活力等方面的特色优势"
                               "。"),
    "opinion": Hint("第七条（二）", "依据第五条、第六条的条件和要求提出推荐意见，并对申报材料的真实性进行核实。"),
    "method": Hint("附件1", "测评方法：1 上门拜访、2 电话询问、3 网络互动、4 书面征求、5 其他。"),
    "satisfied": Hint("第七条（三）", "被访企业对所受服务是否满意。"),
    "sample_size": Hint("附件1", "随机抽取服务企业名单的数量，不少于本批次办法规定的家数。"),
}

# 第七条（四）: how the bureau organises the review.
CITY_REVIEW = {
    "mode": Hint("第七条（四）", "组织第三方评审机构评审，或从专家库中随机抽取专家评审。"),
    "guidance": Hint("第五条", "写明评分依据的条款，如“第五条（一）：营业执照、上年度审计报告”，评分表上链接到办法原"
                            "文。"),
}

# 第十三条 dynamic tracking: the yearly figures of a recognised platform.
TRACKING = {
    "total_assets": Hint("第五条（一）", "跟踪年度末资产总额（万元）。",
                         lambda p: _at_least(p, "min_total_assets", "跟踪年度末资产总额（万元），须在 {} 万元以上。",
                                             "跟踪年度末资产总额（万元）。")),
    "site_area_owned": Hint("第五条（一）", "自有服务场所面积，与租用面积合计计算。"),
    "site_area_rented": Hint("第五条（一）", "租用服务场所面积，与自有面积合计计算。",
                             lambda p: _at_least(p, "min_site_area",
                                                 "租用服务场所面积；与自有面积合计须达 {} 平方米以上。",
                                                 "租用服务场所面积，与自有面积合计计算。")),
    "staff_full_time": Hint("第五条（二）", "专职从业人员人数。",
                            lambda p: _at_least(p, "min_staff", "专职从业人员 {} 人以上。", "专职从业人员人数。")),
    "staff_qualified": Hint("第五条（二）", "其中大专及以上学历或中级及以上技术职称的人数。",
                            lambda p: _at_least(p, "min_qualified_ratio",
                                                "其中大专及以上学历或中级及以上技术职称的人数，须占专职人员 {}% 以上。",
                                                "其中大专及以上学历或中级及以上技术职称的人数。")),
    "smes_served": Hint("第五条（三）", "跟踪年度服务的中小企业户数。",
                        lambda p: _at_least(p, "min_smes_served", "跟踪年度服务中小企业 {} 户以上。",
                                            "跟踪年度服务的中小企业户数。")),
    "smes_served_previous": Hint("第五条（三）", "上一年度服务的中小企业户数，用于核对服务企业数量是否稳定增长。"),
    "served_listed": Hint("附件5", "本年度服务的中小企业名单（附件5口径）中的企业数。"),
    "served_satisfied": Hint("第五条（三）", "名单中对服务表示满意的企业数。",
                             lambda p: _at_least(p, "min_satisfaction",
                                                 "名单中对服务表示满意的企业数；满意度须在 {}% 以上。",
                                                 "名单中对服务表示满意的企业数。")),
    "training_person_times": Hint("第五条（三）", "申报培训服务功能的填写年培训人次。",
                                  lambda p: _at_least(p, "min_training_person_times",
                                                      "申报培训服务功能的，年培训 {} 人次以上。",
                                                      "申报培训服务功能的填写年培训人次。")),
    "service_volume": Hint("第五条（六）", "服务总量（次），用于计算公益性或低收费服务占比。"),
    "public_welfare_volume": Hint("第五条（六）", "其中公益性或低收费服务的次数。",
                                  lambda p: _at_least(p, "min_public_welfare_share",
                                                      "其中公益性或低收费服务的次数，须占总服务量 {}% 以上。",
                                                      "其中公益性或低收费服务的次数。")),
    "partners": Hint("第五条（五）", "集聚的社会服务机构家数。",
                     lambda p: _at_least(p, "min_partners", "集聚社会服务机构 {} 家以上。",
                                         "集聚的社会服务机构家数。")),
    "summary": Hint("第十三条", "本年度服务开展情况、取得的成效、存在的问题和下一步计划。"),
}

TABLES = {"profile": PROFILE, "district": DISTRICT, "city_review": CITY_REVIEW, "tracking": TRACKING,
          **{f"rows:{kind}": table for kind, table in ROWS.items()}}


def apply_hints(form, table: dict[str, Hint], policy=None) -> None:
    """Set the help_text of the form's fields that the table covers (the form's one place for hints).

    Side effects: changes ``form.fields[...].help_text`` of this form instance only.
    """
    for name, field in form.fields.items():
        hint = table.get(name)
        if hint is not None:
            field.help_text = hint.render(policy)


def all_hints(policy=None) -> list[str]:
    """Every hint text (for the consistency test with the regulation's anchors)."""
    return [hint.render(policy) for table in TABLES.values() for hint in table.values()]
