"""Inviting an expired or expiring platform to apply again in the open batch (重新申报)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from shifan.batches.domain import current_batch
from shifan.bureau.review import bureau_officer
from shifan.recognition.models import Recognition
from shifan.recognition.renewal import invite_to_renew


@require_POST
@bureau_officer
def renewal_invite(request, pk: int):
    recognition = get_object_or_404(Recognition.objects.select_related("organization"), pk=pk)
    try:
        count = invite_to_renew(recognition, current_batch(), actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已邀请该单位重新申报，通知 {count} 名申报用户。")
    return redirect("bureau:recognition", pk=pk)
