"""形式审查 (第七条(四)): what the bureau checks before accepting a recommended application.

The facts are computed, the judgement stays with the officer: the page shows these items next
to the 受理 and 退回县区 buttons. Pure reads, no side effects.
"""

from dataclasses import dataclass

from shifan.applications.dossier_io import evaluate_application
from shifan.applications.guards import application_complete
from shifan.applications.models import Application
from shifan.district_review.domain import recommendation_problems


@dataclass(frozen=True)
class CheckItem:
    title: str
    ok: bool
    detail: str


def formal_check(application: Application, *, evaluation=None) -> list[CheckItem]:
    """The three checks of 形式审查. Pure read. ``evaluation``: this application's
    ``evaluate_application`` result when the caller already has it (saves its queries)."""
    materials = application_complete(application)
    district = recommendation_problems(application)
    evaluation = evaluation if evaluation is not None else evaluate_application(application)
    failed = [result for result in evaluation.conditions if result.status == "fail"]
    return [
        CheckItem("申请材料齐全（第八条）", not materials, "；".join(materials) or "申请表、附件和规定材料均已提交。"),
        CheckItem("县区推荐表完整（附件1）", not district,
                  "；".join(district) or "信用代码已查验一致，抽样测评已完成且可复核，推荐意见已填写。"),
        CheckItem("符合基本条件（第五条）", not failed,
                  f"{len(failed)} 项条件未通过，详见下方基本条件检查。" if failed else "各项可量化条件均已满足。"),
    ]
