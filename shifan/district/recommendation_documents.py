"""The district downloads 附件1 推荐表 of one application and the 推荐汇总表 of a batch."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.batches.domain import current_batch
from shifan.batches.models import Batch
from shifan.district_review.documents import recommendation_for, summary_for
from shifan.workspace.application_pages import visible_application
from shifan.workspace.documents import attachment_response

allowed = role_required(Role.DISTRICT_OFFICER)


@require_GET
@allowed
def recommendation(request, pk: int):
    """附件1 of an application of the officer's jurisdiction (404 otherwise), audited."""
    application = visible_application(request, pk)
    return attachment_response(application, recommendation_for(application, actor=request.user))


def _batch(request) -> Batch:
    """``?batch=<id>``, else the batch open now, else the latest one; 404 when there is none."""
    batch_id = request.GET.get("batch", "")
    if batch_id:
        if not batch_id.isdigit():
            raise Http404("没有这个批次。")
        return get_object_or_404(Batch, pk=int(batch_id))
    batch = current_batch() or Batch.objects.order_by("-year").first()
    if batch is None:
        raise Http404("尚无申报批次。")
    return batch


@require_GET
@allowed
def summary(request):
    """The 推荐汇总表 of the jurisdiction in a batch (only its own applications), audited."""
    batch = _batch(request)
    office_file = summary_for(request.user, batch)
    jurisdiction = request.user.jurisdiction
    name = f"推荐汇总表-{jurisdiction.name if jurisdiction else ''}-{batch.year}.xlsx"
    response = HttpResponse(office_file.data, content_type=office_file.content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)  # personal and internal data: no copy in shared or browser caches
    return response
