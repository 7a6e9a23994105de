"""The city review from the bureau's side (第七条(四)): groups, expert draws, progress, closing the review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.batches.models import Batch
from shifan.city_review.domain.avoidance import RULES
from shifan.city_review.domain.draws import draw_experts, replay
from shifan.city_review.domain.groups import assign, assignable, complete_group, create_group
from shifan.city_review.domain.progress import results_for
from shifan.city_review.domain.setup import settings_for
from shifan.city_review.forms import AssignForm, GroupForm, ReasonForm
from shifan.city_review.models import ExpertDraw, ReviewGroup
from shifan.city_review.queries import current_draw
from shifan.policies.codes import FUNCTION_LABELS
from shifan.workspace.errors import apply_form
from shifan.workspace.review_files import serve_report

bureau_staff = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
bureau_officer = role_required(Role.BUREAU_OFFICER)


def review_batch(request) -> Batch:
    """The batch chosen with ?batch=, else the latest one past preparation; 404 when there is none."""
    batches = Batch.objects.exclude(state=Batch.State.PREPARING).order_by("-year")
    chosen = request.GET.get("batch") or request.POST.get("batch")
    batch = batches.filter(pk=chosen).first() if str(chosen or "").isdigit() else batches.first()
    if batch is None:
        raise Http404("还没有进入评审的申报批次。")
    return batch


def _overview(request, batch: Batch, *, group_form=None, status: int = 200):
    groups = list(batch.review_groups.select_related("agency").prefetch_related("members"))
    results = {r.application.pk: r for r in results_for(batch)}
    for group in groups:
        group.draw = current_draw(group) if group.mode == ReviewGroup.Mode.EXPERTS else None
        group.done = sum(1 for m in group.members.all() if results.get(m.application_id)
                         and results[m.application_id].complete)
    return render(request, "bureau/review/overview.html", {
        "batch": batch,
        "batches": Batch.objects.exclude(state=Batch.State.PREPARING).order_by("-year"),
        "groups": groups,
        "waiting": assignable(batch),
        "settings": settings_for(batch),
        "group_form": group_form or GroupForm(),
        "can_manage": request.user.role == Role.BUREAU_OFFICER,
    }, status=status)


@require_GET
@bureau_staff
def overview(request):
    return _overview(request, review_batch(request))


@require_POST
@bureau_officer
def group_create(request):
    batch = review_batch(request)
    form = GroupForm(request.POST)
    def create(data):
        return create_group(batch, actor=request.user, name=data["name"], mode=data["mode"],
                            panel_size=data["panel_size"], backup_count=data["backup_count"],
                            specialties=data["specialties"], agency=data["agency"])

    if done := apply_form(form, create):
        group = done.value
        messages.success(request, f"已新建评审组「{group.name}」。请把待评审的申报分配到本组。")
        return redirect("bureau:review-group", pk=group.pk)
    return _overview(request, batch, group_form=form, status=400)


def _group_page(request, group: ReviewGroup, *, assign_form=None, draw_form=None, status: int = 200):
    draw = current_draw(group)
    results = [r for r in results_for(group.batch) if r.group.pk == group.pk]
    return render(request, "bureau/review/group.html", {
        "group": group,
        "specialties": [FUNCTION_LABELS.get(code, code) for code in group.specialties],
        "members": group.members.select_related("application__organization", "application__jurisdiction"),
        "results": results,
        "draw": draw,
        "seats": draw.seats.select_related("expert") if draw else [],
        "history": group.draws.exclude(pk=draw.pk) if draw else group.draws.all(),
        "reports": group.reports.select_related("uploaded_by"),
        "assign_form": assign_form or AssignForm(assignable=assignable(group.batch)),
        "draw_form": draw_form or ReasonForm(),
        "can_manage": request.user.role == Role.BUREAU_OFFICER,
    }, status=status)


@require_GET
@bureau_staff
def group_detail(request, pk: int):
    return _group_page(request, get_object_or_404(ReviewGroup.objects.select_related("batch", "agency"), pk=pk))


@require_POST
@bureau_officer
def group_assign(request, pk: int):
    group = get_object_or_404(ReviewGroup, pk=pk)
    form = AssignForm(request.POST, assignable=assignable(group.batch))
    if done := apply_form(form, lambda data: assign(group, data["applications"], actor=request.user)):
        messages.success(request, f"已将 {len(done.value)} 份申报分配到本组，申报进入评审。")
        return redirect("bureau:review-group", pk=pk)
    return _group_page(request, group, assign_form=form, status=400)


@require_POST
@bureau_officer
def group_draw(request, pk: int):
    group = get_object_or_404(ReviewGroup, pk=pk)
    form = ReasonForm(request.POST)
    if done := apply_form(form, lambda data: draw_experts(group, actor=request.user, reason=data["reason"])):
        draw = done.value
        messages.success(
            request, f"已随机抽取专家 {len(draw.result)} 人（含备选），并向前 {draw.panel_size} 位发出邀请。"
        )
        return redirect("bureau:review-group", pk=pk)
    return _group_page(request, group, draw_form=form, status=400)


@require_POST
@bureau_officer
def group_complete(request, pk: int):
    group = get_object_or_404(ReviewGroup, pk=pk)
    try:
        moved, waiting = complete_group(group, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, "；".join(getattr(error, "messages", [str(error)])))
        return redirect("bureau:review-group", pk=pk)
    if moved:
        messages.success(request, f"{len(moved)} 份申报评审完成。")
    for platform, problems in waiting.items():
        messages.warning(request, f"「{platform}」尚不能结束评审：{'；'.join(problems)}")
    return redirect("bureau:review-group", pk=pk)


@require_GET
@bureau_staff
def draw_detail(request, pk: int):
    draw = get_object_or_404(ExpertDraw.objects.select_related("group__batch", "drawn_by"), pk=pk)
    verified, explanation = replay(draw)
    names = {c["id"]: c for c in draw.candidates}
    return render(request, "bureau/review/draw.html", {
        "draw": draw,
        "group": draw.group,
        "verified": verified,
        "explanation": explanation,
        "drawn": [{"position": n, **names.get(pk, {"id": pk, "name": "?", "employer": ""})}
                  for n, pk in enumerate(draw.result, start=1)],
        "specialties": [FUNCTION_LABELS.get(code, code) for code in draw.specialties],
        "rules": [RULES.get(code, code) for code in draw.rules],
    })


@require_GET
@bureau_staff
def report_download(request, pk: int, report_id: int):
    return serve_report(request, get_object_or_404(ReviewGroup, pk=pk), report_id)
