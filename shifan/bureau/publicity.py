"""公示, 异议 and the 认定决定 from the bureau back office."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.audit.recorder import record
from shifan.bureau.review import bureau_officer, bureau_staff, review_batch
from shifan.city_review.models import ProposedList
from shifan.publicity.domain import decision_blockers, publish, rule_on_objection
from shifan.publicity.forms import PublishForm, RulingForm
from shifan.publicity.models import Objection, ObjectionEvidence, Publicity
from shifan.publicity.queries import objections_of, public_entries
from shifan.recognition.domain import approve_decision, prepare_decision, return_decision, submit_decision
from shifan.recognition.models import Decision
from shifan.workspace.attachments import as_download, open_private_file
from shifan.workspace.errors import apply_form

bureau_head = role_required(Role.BUREAU_HEAD)


def _unpublished_list(batch):
    return ProposedList.objects.filter(batch=batch, state=ProposedList.State.APPROVED, publicity__isnull=True).first()


@require_GET
@bureau_staff
def publicity_list(request, form=None, status=200):
    """The batch's publicities, newest first, 50 a page (the ?batch= choice is kept in the pager links)."""
    batch = review_batch(request)
    publicities = batch.publicities.order_by("-published_on", "-id")
    return render(request, "bureau/publicity/list.html", {
        "batch": batch, "page": Paginator(publicities, 50).get_page(request.GET.get("page")),
        "ready": _unpublished_list(batch),
        "form": form or PublishForm(), "can_manage": request.user.role == Role.BUREAU_OFFICER,
    }, status=status)


@require_POST
@bureau_officer
def publicity_publish(request):
    batch = review_batch(request)
    form = PublishForm(request.POST)
    plist = _unpublished_list(batch)
    if plist is None:
        messages.error(request, "没有已审批、待公示的拟认定名单。")
        return redirect("bureau:publicity-list")
    if done := apply_form(form, lambda data: publish(plist, actor=request.user, **data)):
        publicity = done.value
        messages.success(request, f"已发布公示（{publicity.notice_number}），公示期至 "
                                  f"{publicity.ends_on:%Y年%m月%d日}。")
        return redirect("bureau:publicity", pk=publicity.pk)
    request.method = "GET"
    return publicity_list(request, form=form, status=400)


def _publicity_page(request, publicity, *, status=200):
    decision = Decision.objects.filter(publicity=publicity).first()
    return render(request, "bureau/publicity/detail.html", {
        "publicity": publicity, "batch": publicity.batch, "entries": public_entries(publicity),
        "objections": objections_of(publicity), "decision": decision, "blockers": decision_blockers(publicity),
        "can_manage": request.user.role == Role.BUREAU_OFFICER, "is_head": request.user.role == Role.BUREAU_HEAD,
    }, status=status)


@require_GET
@bureau_staff
def publicity_detail(request, pk: int):
    return _publicity_page(request, get_object_or_404(Publicity.objects.select_related("batch"), pk=pk))


@require_http_methods(["GET", "POST"])
@bureau_staff
def objection_detail(request, pk: int):
    objection = get_object_or_404(Objection.objects.select_related("publicity", "entry__application"), pk=pk)
    form = RulingForm(request.POST or None)
    if request.method == "POST":
        if request.user.role != Role.BUREAU_OFFICER:
            raise PermissionDenied("只有市局经办人员可以处理异议。")
        if apply_form(form, lambda data: rule_on_objection(objection, actor=request.user, **data)):
            messages.success(request, "异议处理结果已记录。")
            return redirect("bureau:publicity", pk=objection.publicity_id)
    # The objector's name and phone are read in clear by the officers who investigate: audited.
    record("publicity.objection_viewed", actor=request.user, target=objection.publicity,
           data={"objection": objection.pk})
    return render(request, "bureau/publicity/objection.html", {
        "objection": objection, "form": form, "can_manage": request.user.role == Role.BUREAU_OFFICER,
    }, status=400 if form.errors else 200)


@require_GET
@bureau_staff
def objection_evidence(request, pk: int, evidence_id: int):
    evidence = get_object_or_404(ObjectionEvidence.objects.filter(objection_id=pk), pk=evidence_id)
    handle = open_private_file(evidence.file)
    record("publicity.evidence_downloaded", actor=request.user, target=evidence.objection.publicity,
           data={"objection": pk, "evidence": evidence.pk})
    return as_download(FileResponse(handle, content_type=evidence.content_type), evidence.name)


@require_POST
@bureau_officer
def decision_save(request, pk: int):
    publicity = get_object_or_404(Publicity, pk=pk)
    try:
        decision = prepare_decision(publicity, actor=request.user, title=request.POST.get("title", ""),
                                    body=request.POST.get("body", ""))
        if request.POST.get("submit") == "1":
            submit_decision(decision, actor=request.user)
            messages.success(request, "认定决定已报领导审批。")
        else:
            messages.success(request, "认定决定草稿已保存。")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return _publicity_page(request, publicity, status=400)
    return redirect("bureau:publicity", pk=pk)


@require_POST
@bureau_head
def decision_decide(request, pk: int):
    decision = get_object_or_404(Decision, publicity_id=pk)
    comment = request.POST.get("comment", "")
    try:
        if request.POST.get("decision") == "approve":
            approve_decision(decision, actor=request.user, comment=comment)
            decision.refresh_from_db()
            messages.success(request, f"认定决定已审批（{decision.number}），示范平台认定生效。")
        else:
            return_decision(decision, actor=request.user, comment=comment)
            messages.success(request, "认定决定已退回经办人员修改。")
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, "；".join(getattr(error, "messages", None) or [str(error)]))
        return _publicity_page(request, decision.publicity, status=400)
    return redirect("bureau:publicity", pk=pk)
