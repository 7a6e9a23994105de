"""The city review's documents from the bureau's side: a sheet, the batch's summary, a draw's record.

Bureau officers and heads only. The domain builds each file, checks the actor and audits the
download; these views fetch the object (404 when it does not exist) and answer with the file.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applications.documents import OfficeFile
from shifan.bureau.review import review_batch
from shifan.city_review.documents import draw_record_docx, panel_summary_xlsx, score_sheet_docx
from shifan.city_review.models import ExpertDraw, Score
from shifan.workspace.documents import attachment_response

bureau_staff = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD)


def _download(office_file: OfficeFile) -> HttpResponse:
    """The file as a download: attachment with a UTF-8 file name, never sniffed, never cached."""
    response = HttpResponse(office_file.data, content_type=office_file.content_type)
    response["Content-Disposition"] = content_disposition_header(True, office_file.name)
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)  # internal review data: no copy in shared or browser caches
    return response


@require_GET
@bureau_staff
def score_docx(request, pk: int):
    """One submitted 评分表 as Word; a sheet not yet submitted goes back to its page with the reason."""
    score = get_object_or_404(
        Score.objects.select_related("application__organization", "application__batch", "group__batch",
                                     "group__agency", "seat__expert"), pk=pk,
    )
    try:
        office_file = score_sheet_docx(score, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("bureau:review-score", pk=pk)
    return attachment_response(score.application, office_file)


@require_GET
@bureau_staff
def summary_xlsx(request):
    """The 评审汇总表 of the batch chosen with ?batch= (else the latest past preparation)."""
    return _download(panel_summary_xlsx(review_batch(request), actor=request.user))


@require_GET
@bureau_staff
def draw_docx(request, pk: int):
    """The 专家抽取记录 of one draw (a superseded one too: it stays on file)."""
    draw = get_object_or_404(ExpertDraw.objects.select_related("group__batch", "drawn_by"), pk=pk)
    return _download(draw_record_docx(draw, actor=request.user))
