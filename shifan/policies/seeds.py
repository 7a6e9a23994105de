"""The policy versions shipped with the system: Nanchang 2022 (the default) and national 2017.

Used by the seeding migration and by tests that rebuild the world after a database flush.
"""

from datetime import date
from decimal import Decimal

NANCHANG_2022 = {
    "code": "nanchang-2022",
    "name": "南昌市中小企业公共服务示范平台认定管理办法",
    "document_number": "洪企服规〔2022〕3号",
    "document_title": "南昌市中小企业服务局关于印发《南昌市中小企业公共服务示范平台认定管理办法》的通知",
    "effective_on": date(2022, 6, 20),  # 第十四条
    "status": "active",
    "is_default": True,
    "notes": "数值均取自办法第五条、第七条、第十条和附件1、附件5。",
    "legal_person_required": True,
    "min_operating_years": 2,
    "min_total_assets": Decimal("100.00"),
    "min_site_area": Decimal("150.00"),
    "min_staff": 10,
    "min_qualified_ratio": Decimal("70.00"),
    "min_smes_served": 80,
    "require_served_growth": True,
    "min_satisfaction": Decimal("80.00"),
    "activity_minimums": {
        "information": 4,
        "startup": 4,
        "technology": 2,
        "quality": 2,
        "informatization": 2,
        "consulting": 2,
    },
    "min_training_person_times": 1000,
    "min_partners": 2,
    "min_public_welfare_share": Decimal("10.00"),
    "min_served_list_rows": 100,
    "survey_sample_size": 12,
    "publicity_working_days": 5,
    "validity_years": 3,
}

NATIONAL_2017 = {
    "code": "national-2017",
    "name": "国家中小企业公共服务示范平台认定管理办法",
    "document_number": "工信部企业〔2017〕156号",
    "document_title": "工业和信息化部关于印发《国家中小企业公共服务示范平台认定管理办法》的通知",
    "effective_on": date(2017, 7, 3),
    "status": "active",
    "is_default": False,
    "notes": (
        "来源：notes/domain-facts.md §1.1（数值来自转述页，中文原文未取到，上线前须核对原文）。"
        "推定的数值：施行日期按印发日期 2017-07-03；文件标题为推定；不限场所面积（填 0，仍须有固定场所）；"
        "县区抽样测评 12 家、公示 5 个工作日沿用南昌办法（国家办法未取到相应规定）；"
        "培训人次和服务企业名单行数未取到，不设此项；“从业人员不少于 20 人”按专职人员计。"
        "未纳入引擎的条件：须已获得省级示范平台认定（或国家有关部委、国家行业协会的相关认定）；"
        "信息服务类平台“线下服务企业 150 家以上”。2025 年工信部出台了创建管理办法，是否废止本办法待核实。"
    ),
    "legal_person_required": True,  # 第二条: 由法人单位建设和运营
    "min_operating_years": 2,
    "min_total_assets": Decimal("300.00"),
    "min_site_area": Decimal("0.00"),
    "min_staff": 20,
    "min_qualified_ratio": Decimal("80.00"),
    "min_smes_served": 150,
    "require_served_growth": True,
    "min_satisfaction": Decimal("80.00"),
    "activity_minimums": {"information": 8, "technology": 5},
    "min_training_person_times": None,
    "min_partners": 5,
    "min_public_welfare_share": Decimal("20.00"),
    "min_served_list_rows": None,
    "survey_sample_size": 12,
    "publicity_working_days": 5,
    "validity_years": 3,
}

SEEDED_POLICIES = (NANCHANG_2022, NATIONAL_2017)


def seed_policies(policy_model) -> None:
    """Create the shipped versions that are missing (``policy_model`` may be a historical model)."""
    for spec in SEEDED_POLICIES:
        fields = dict(spec)
        policy_model.objects.get_or_create(code=fields.pop("code"), defaults=fields)
