"""The ranking and the proposed list (拟认定名单): an officer prepares, a head approves."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.bureau.review import bureau_officer, bureau_staff, review_batch
from shifan.city_review.domain import proposals
from shifan.city_review.domain.progress import results_for
from shifan.city_review.domain.setup import indicators_for, settings_for
from shifan.city_review.models import ProposedList, Score

bureau_head = role_required(Role.BUREAU_HEAD)


@require_GET
@bureau_staff
def ranking(request):
    batch = review_batch(request)
    return render(request, "bureau/review/ranking.html", {
        "batch": batch, "results": results_for(batch), "settings": settings_for(batch),
    })


@require_GET
@bureau_staff
def score_detail(request, pk: int):
    score = get_object_or_404(
        Score.objects.select_related("application__organization", "group__batch", "seat__expert", "scorer"), pk=pk
    )
    items = {item.indicator_id: item for item in score.items.all()}
    rows = [(indicator, items.get(indicator.pk)) for indicator in indicators_for(score.group.batch)]
    return render(request, "bureau/review/score.html", {"score": score, "rows": rows})


def _list_page(request, batch, *, errors=None, status=200):
    plist = proposals.open_list(batch) or batch.proposed_lists.first()
    entries = list(plist.entries.select_related("application__organization", "application__jurisdiction")) \
        if plist else []
    problems = errors if errors is not None else (proposals.selection_problems(plist) if plist else {})
    departures = proposals.departures(entries, settings_for(batch).pass_mark) if plist else {}
    for entry in entries:
        entry.problem = problems.get(entry.pk, "")
        entry.departure = departures.get(entry.pk, "")
    return render(request, "bureau/review/proposed.html", {
        "batch": batch, "plist": plist, "entries": entries, "settings": settings_for(batch),
        "editable": plist is not None and plist.state in proposals.OPEN and request.user.role == Role.BUREAU_OFFICER,
        "decidable": plist is not None and plist.state == ProposedList.State.SUBMITTED
        and request.user.role == Role.BUREAU_HEAD,
        "can_prepare": request.user.role == Role.BUREAU_OFFICER,
        "history": batch.proposed_lists.exclude(pk=plist.pk) if plist else [],
    }, status=status)


@require_GET
@bureau_staff
def proposed(request):
    return _list_page(request, review_batch(request))


@require_POST
@bureau_officer
def proposed_prepare(request):
    batch = review_batch(request)
    try:
        proposals.prepare(batch, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "已按评审排名生成拟认定名单，请核对列入情况后报批。")
    return redirect(f"{reverse('bureau:review-proposed')}?batch={batch.pk}")


@require_POST
@bureau_officer
def proposed_save(request, pk: int):
    plist = get_object_or_404(ProposedList, pk=pk)
    choices = {
        entry.pk: (request.POST.get(f"selected_{entry.pk}") == "on", request.POST.get(f"reason_{entry.pk}", ""))
        for entry in plist.entries.all()
    }
    try:
        proposals.save_selection(plist, choices, actor=request.user)
        if request.POST.get("submit") == "1":
            proposals.submit(plist, actor=request.user)
            messages.success(request, "拟认定名单已报领导审批。")
        else:
            messages.success(request, "已保存。")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return _list_page(request, plist.batch, status=400)
    return redirect(f"{reverse('bureau:review-proposed')}?batch={plist.batch_id}")


@require_POST
@bureau_head
def proposed_decide(request, pk: int):
    plist = get_object_or_404(ProposedList, pk=pk)
    comment = request.POST.get("comment", "")
    try:
        if request.POST.get("decision") == "approve":
            proposals.approve(plist, actor=request.user, comment=comment)
            messages.success(request, "拟认定名单已审批通过。")
        else:
            proposals.send_back(plist, actor=request.user, comment=comment)
            messages.success(request, "拟认定名单已退回经办人员修改。")
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, "；".join(getattr(error, "messages", None) or [str(error)]))
        return _list_page(request, plist.batch, status=400)
    return redirect(f"{reverse('bureau:review-proposed')}?batch={plist.batch_id}")
