"""Support and typical-case objects for the authorization matrix: a platform of district X with a
grant (and its PDF) and cases in each state. District Y's officer must not find any of them."""

from decimal import Decimal

from django.utils import timezone

from shifan.support.domain import GrantInput, publish_case, record_grant, save_case, submit_case
from tests.factories import MINIMAL_PDF
from tests.support.helpers import BODY, recognised


def add(*, personas, world) -> dict:
    district_x = world["app_a"].jurisdiction
    officer_x = personas["officer_x"]
    platform = recognised(district_x, personas, name="矩阵示范平台", days_ago=10)
    grant = record_grant(platform, GrantInput(kind="funding", granted_on=timezone.localdate(), amount=Decimal("30"),
                                              document=(MINIMAL_PDF, "文件.pdf")), actor=personas["bureau_officer"])

    def case(title: str):
        return save_case(platform, actor=officer_x, title=title, summary="摘要", body=BODY)

    return {
        "support_platform": platform,
        "support_grant": grant,
        "case_draft": case("草稿"),
        "case_submitted": submit_case(case("待审核"), actor=officer_x),
        "case_published": publish_case(submit_case(case("已发布"), actor=officer_x), actor=personas["bureau_head"]),
    }
