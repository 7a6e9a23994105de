"""Tracking reports for people: the 第五条 check of a report as rows, and the failed conditions' titles.

Rows come from the report's stored check through the same ``_row`` as the application's panel,
so the conditions read the same everywhere.
"""

from shifan.policies.results import FAIL, REVIEW, ConditionResult
from shifan.workspace.application_pages import CONDITIONS, _row


def condition_titles(codes) -> list[str]:
    return [CONDITIONS.get(code, (code, ""))[0] for code in codes]


def report_panel(report) -> dict | None:
    """What templates/components/tracking_eligibility.html shows; None before the first check."""
    stored = report.evaluation or {}
    if not stored.get("conditions"):
        return None
    rows = [_row(ConditionResult(**condition)) for condition in stored["conditions"]]
    return {
        "policy": report.recognition.application.batch.policy,
        "reference_year": stored.get("reference_year"),
        "eligible": stored.get("eligible"),
        "rows": rows,
        "failed": sum(row["status"] == FAIL for row in rows),
        "review": sum(row["status"] == REVIEW for row in rows),
    }


def revocation_reason(report) -> str:
    """The reason prefilled when a platform that failed its yearly check goes to the revocation flow."""
    titles = "、".join(condition_titles(report.failed_codes)) or "（无）"
    return (f"{report.round.year}年度动态跟踪（第十三条）核查，该平台不再符合《认定管理办法》第五条规定的以下条件："
            f"{titles}。")
