"""Starting a new application from the recognised one (重新申报)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.batches.domain import current_batch
from shifan.recognition.models import Recognition
from shifan.recognition.queries import recognitions_of_organization
from shifan.recognition.renewal import start_renewal


@require_POST
@role_required(Role.APPLICANT)
def renewal_start(request, pk: int):
    own = recognitions_of_organization(request.user.organization_id).values("pk")
    recognition = get_object_or_404(Recognition.objects.select_related("organization", "application"),
                                    pk=pk, pk__in=own)
    try:
        renewal = start_renewal(recognition, current_batch(), actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("applicant:home")
    if renewal.problems:
        messages.warning(request, "已创建新申报，但上次的材料未能带入，请逐项填写：" + "；".join(renewal.problems[:5]))
    else:
        messages.success(request, "已基于上次认定材料创建新申报，请逐项核对更新并重新签署声明后提交。")
    return redirect("applicant:application", pk=renewal.application.pk)
