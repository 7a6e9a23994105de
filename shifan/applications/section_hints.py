"""The rule banners of the application's sections, stated with the numbers of a policy version.

A section of the 申请表 whose data decides conditions of 第五条 shows a banner summing up those
conditions ("第五条(一)：资产总额 100 万元以上，…"). The numbers come from the policy version the
application's batch pins (``PolicyParams``), never from code: each rule below is a function of
the params, and a clause whose threshold the version does not set (``None``, an empty table) is
left out. For the Nanchang 2022 version the wording is that of the 申请表 pages before versions
existed. Pure functions, no side effects.
"""

from shifan.policies.codes import FUNCTION_LABELS, ServiceFunction
from shifan.policies.hints import number
from shifan.policies.params import PolicyParams

# 第五条(三) names the functions in this order; the others follow in the order of 第四条.
_ORDER = ("information", "startup", "technology", "quality", "informatization", "consulting", "training")
FUNCTION_ORDER = _ORDER + tuple(code for code in ServiceFunction.values if code not in _ORDER)


def _sentence(lead: str, clauses: list[str], separator: str) -> str:
    """``lead`` + the clauses joined, with a closing 。; "" when no clause remains."""
    clauses = [clause for clause in clauses if clause]
    return f"{lead}{separator.join(clauses)}。" if clauses else ""


def scale_rule(params: PolicyParams) -> str:
    """第五条(一): total assets and the fixed service site (owned and rented together)."""
    clauses = []
    if params.min_total_assets is not None:
        clauses.append(f"资产总额 {number(params.min_total_assets)} 万元以上")
    if params.min_site_area is not None:
        if params.min_site_area > 0:
            clauses.append(f"固定服务场所面积 {number(params.min_site_area)} 平方米以上（自有与租用合计）")
        else:  # 0: a fixed site is needed, of any size (as the engine reads it)
            clauses.append("有固定的服务场所（本版本办法不限面积）")
    return _sentence("第五条(一)：", clauses, "，")


def operations_rule(params: PolicyParams) -> str:
    """第五条(三)(六): served SMEs (their growth over two years) and the public-welfare share."""
    served = []
    if params.require_served_growth:
        served.append("服务中小企业户数须稳定增长")
    if params.min_smes_served is not None:
        who = "年服务" if served else "年服务中小企业"
        served.append(f"{who} {params.min_smes_served} 户以上")
    clauses = ["，".join(served)]
    if params.min_public_welfare_share is not None:
        clauses.append(f"公益性或低收费服务占总服务量 {number(params.min_public_welfare_share)}% 以上")
    lead = "请至少填写上一年度和前一年度：" if params.require_served_growth else "请至少填写上一年度："
    return _sentence(lead, clauses, "；") or f"{lead[:-1]}。"


def _activity_clauses(minimums) -> list[str]:
    """One clause per distinct minimum, largest first: "信息查询、创业服务类平台年开展大型服务活动 4 次以上",
    then "技术服务、…类 2 次以上"."""
    groups: dict[int, list[str]] = {}
    for code in sorted(minimums, key=lambda c: FUNCTION_ORDER.index(c) if c in FUNCTION_ORDER else len(FUNCTION_ORDER)):
        if minimums[code]:
            groups.setdefault(int(minimums[code]), []).append(FUNCTION_LABELS.get(code, code))
    clauses = []
    for count, names in sorted(groups.items(), reverse=True):
        tail = "类平台年开展大型服务活动" if not clauses else "类"
        clauses.append(f"{'、'.join(names)}{tail} {count} 次以上")
    return clauses


def capability_rule(params: PolicyParams) -> str:
    """第五条(三)(五): large service activities per function, training volume, partner institutions."""
    clauses = _activity_clauses(params.activity_minimums or {})
    if params.min_training_person_times is not None:
        clauses.append(f"培训服务类年培训 {params.min_training_person_times} 人次以上")
    if params.min_partners is not None:
        clauses.append(f"集聚社会服务机构 {params.min_partners} 家以上")
    return _sentence("", clauses, "；")


def staff_rule(params: PolicyParams) -> str:
    """第五条(二): full-time staff and the share with a college degree or a middle title."""
    ratio = params.min_qualified_ratio
    share = f"大专及以上学历或中级及以上技术职称的占 {number(ratio)}% 以上" if ratio is not None else ""
    if params.min_staff is not None:
        clauses = [f"专职从业人员 {params.min_staff} 人以上", f"其中{share}" if share else ""]
    else:
        clauses = [f"专职从业人员中{share}" if share else ""]
    return _sentence("第五条(二)：", clauses, "，")


def served_rule(params: PolicyParams) -> str:
    """附件5 and 第五条(三): the length of the served list and the satisfaction it shows."""
    clauses = []
    if params.min_served_list_rows is not None:
        clauses.append(f"名单须 {params.min_served_list_rows} 家以上")
    if params.min_satisfaction is not None:
        clauses.append(f"满意度按“满意”行数占全部行数计算，须达 {number(params.min_satisfaction)}% 以上")
    return _sentence("", clauses, "；")


def section_hint(section, policy=None) -> str:
    """The banner of ``section`` for an application under ``policy`` (a ``Policy`` or ``PolicyParams``).

    A section with a rule states the version's numbers ("" when the version sets none of them);
    without a policy at hand it falls back to the section's number-free ``hint``. No side effects.
    """
    if policy is not None and hasattr(policy, "to_params"):
        policy = policy.to_params()
    if policy is not None and section.rule is not None:
        return section.rule(policy)
    return section.hint


def application_section_hint(section, application) -> str:
    """The banner of ``section`` on the pages of ``application``: its batch's pinned version.

    Reads ``application.batch.policy`` (one query at most) only when the section has a rule.
    No other side effects.
    """
    if section.rule is None:
        return section.hint
    return section_hint(section, application.batch.policy)
