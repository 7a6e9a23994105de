"""One submitted 评分表 as Word: the sheet an expert (or the agency) signs for the file."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from shifan.accounts.roles import Role
from shifan.accounts.rules import is_bureau_staff
from shifan.applications.documents import OfficeFile
from shifan.audit.recorder import record
from shifan.city_review.documents.formats import day, points, safe_name
from shifan.city_review.domain.setup import sheet_maximum
from shifan.city_review.models import Score
from shifan.documents.docx import DOCX_CONTENT_TYPE, render_docx

SCORE_SHEET_TEMPLATE = "review_score_sheet.docx"
SCORE_SHEET_DOWNLOADED = "review.score_sheet_downloaded"
NO_COMMENT = "（无）"


def scorer_name(score: Score) -> str:
    """The expert's name, or the agency's for an agency sheet."""
    return score.seat.expert.name if score.seat_id else score.group.agency.name


def may_download(score: Score, actor) -> bool:
    """Bureau staff; the expert of the sheet's seat; a user of the agency of an agency sheet."""
    if is_bureau_staff.test(actor):
        return True
    if not getattr(actor, "is_active", False):
        return False
    if score.seat_id:
        return actor.role == Role.EXPERT and score.seat.expert.user_id == actor.pk
    return actor.role == Role.AGENCY and actor.organization_id == score.group.agency_id


def score_sheet_context(score: Score) -> dict:
    """The sheet's context: the application, every indicator of the batch with its points, the total.

    Pure read: the batch's indicators and the sheet's items (two queries besides the score's own).
    """
    group, application = score.group, score.application
    indicators = list(group.batch.score_indicators.all())
    items = {item.indicator_id: item for item in score.items.all()}
    expert = score.seat_id is not None
    rows = []
    for indicator in indicators:
        item = items.get(indicator.pk)
        rows.append({
            "seq": str(indicator.seq), "category": indicator.category, "name": indicator.name,
            "max_points": points(indicator.max_points), "points": points(item.points) if item else "",
            "comment": item.comment if item else "",
        })
    return {
        "title": "专家评分表" if expert else "评审机构评分表",
        "batch": group.batch.name,
        "group": group.name,
        "applicant": application.organization.name,
        "platform": application.platform_name,
        "rows": rows,
        "maximum": points(sheet_maximum(indicators)),
        "total": points(score.total),
        "comment": score.comment or NO_COMMENT,
        "scorer_label": "评分专家" if expert else "评审机构",
        "scorer": scorer_name(score),
        "submitted_on": day(score.submitted_at),
        "signer_label": "专家签字" if expert else "评审机构（盖章）",
    }


def render_score_sheet(score: Score) -> bytes:
    """The .docx of one sheet. Pure read, no audit."""
    return render_docx(SCORE_SHEET_TEMPLATE, score_sheet_context(score))


@transaction.atomic
def score_sheet_docx(score: Score, *, actor) -> OfficeFile:
    """The submitted sheet as Word for bureau staff or its own scorer.

    Raises PermissionDenied for anyone else and ValidationError for a sheet not yet submitted
    (a draft is not a document of the review).

    Side effects: records ``review.score_sheet_downloaded`` on the application, with the sheet.
    """
    if not may_download(score, actor):
        raise PermissionDenied("您无权下载该评分表。")
    if score.state != Score.State.SUBMITTED:
        raise ValidationError("评分表尚未提交，提交后才能下载。")
    data = render_score_sheet(score)
    record(SCORE_SHEET_DOWNLOADED, actor=actor, target=score.application, data={
        "format": "docx", "score": score.pk, "group": score.group_id, "seat": score.seat_id,
    })
    kind = "专家评分表" if score.seat_id else "评审机构评分表"
    return OfficeFile(f"{kind}-{safe_name(scorer_name(score))}.docx", DOCX_CONTENT_TYPE, data)
