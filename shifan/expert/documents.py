"""The expert downloads their own submitted 评分表 as Word (to print, sign and hand in).

The application comes through the expert's scope (``application_read_by_expert``) and the sheet
through the expert's own reading seat: anything else, a draft sheet included, is a 404. The domain audits the download.
"""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.city_review.documents import score_sheet_docx
from shifan.city_review.models import Score
from shifan.workspace.application_pages import application_read_by_expert
from shifan.workspace.documents import attachment_response

expert_only = role_required(Role.EXPERT)


@require_GET
@expert_only
def score_docx(request, pk: int):
    application = application_read_by_expert(request, pk)
    score = get_object_or_404(
        Score.objects.select_related("application__organization", "application__batch", "group__batch",
                                     "seat__expert"),
        application=application, seat_id=application.reading_seat_id, state=Score.State.SUBMITTED,
    )
    return attachment_response(application, score_sheet_docx(score, actor=request.user))
