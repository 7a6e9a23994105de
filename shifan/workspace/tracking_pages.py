"""Tracking reports for people: the 第五条 check of a report as rows, and the failed conditions' titles;
the filed figures; the reply files as audited private downloads.

Rows come from the report's stored check through the same ``_row`` as the application's panel,
so the conditions read the same everywhere.
"""

from django.http import FileResponse
from django.shortcuts import get_object_or_404

from shifan.policies.codes import FUNCTION_LABELS
from shifan.policies.results import FAIL, REVIEW, ConditionResult
from shifan.tracking.domain import FIGURES, record_reply_file_read
from shifan.tracking.models import TrackingReport
from shifan.tracking.queries import reply_files_for_user
from shifan.workspace.application_pages import CONDITIONS, _row
from shifan.workspace.attachments import as_download, open_private_file

SERVED_PREVIEW_ROWS = 100  # rows of an imported 附件5 list shown on a page


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


def figure_rows(report) -> list[dict]:
    """The filed figures for a read-only page: label and value (None shows as —), then the activities."""
    rows = [{"code": name, "label": str(TrackingReport._meta.get_field(name).verbose_name),
             "value": getattr(report, name)} for name in FIGURES]
    for code, times in sorted((report.activities or {}).items()):
        rows.append({"code": f"activity_{code}", "label": f"大型服务活动（{FUNCTION_LABELS.get(code, code)}，次）",
                     "value": times})
    return rows


def served_list(report) -> dict:
    """The imported 附件5 list: counts and the first rows (name, USCC, service, satisfied; no personal data)."""
    rows = report.served_smes.only("seq", "name", "uscc", "service", "satisfied")
    total = report.served_listed if report.has_served_list else 0
    return {"imported": report.has_served_list, "total": total, "satisfied": report.served_satisfied,
            "rows": list(rows[:SERVED_PREVIEW_ROWS]) if report.has_served_list else [],
            "truncated": total > SERVED_PREVIEW_ROWS, "preview": SERVED_PREVIEW_ROWS}


def serve_reply_file(request, file_id: int):
    """GET handler body: a rectification reply's file for whoever sees the report (404 otherwise),
    the read audited, as a private download."""
    item = get_object_or_404(reply_files_for_user(request.user), pk=file_id)
    handle = open_private_file(item.file)
    record_reply_file_read(item, actor=request.user)
    return as_download(FileResponse(handle, content_type=item.content_type), item.name)
