"""The expert workspace (专家工作台): invitations, the 回避声明, the assigned applications and scoring."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applications.enums import Status
from shifan.applications.sections import SECTIONS
from shifan.city_review.domain.panel import declare, respond
from shifan.city_review.models import GroupMember, PanelSeat, Score
from shifan.city_review.queries import seats_of_expert
from shifan.workspace.application_pages import application_read_by_expert, eligibility_panel, section_links
from shifan.workspace.score_pages import score_page
from shifan.workspace.section_pages import render_section_readonly
from shifan.workspace.timelines import reviewer_timeline

expert_only = role_required(Role.EXPERT)


def _own_seat(request, pk: int) -> PanelSeat:
    """One of the expert's own seats (404 for anybody else's: never confirm it exists)."""
    return get_object_or_404(seats_of_expert(request.user), pk=pk)


HISTORY_PAGE_SIZE = 50


@require_GET
@expert_only
def home(request):
    """The expert's workspace, in a number of queries that does not grow with the years of history.

    Whole (small by nature), for the open reviews only (a group with an application still in review):
    invitations waiting for an answer, accepted seats still to declare, and the applications the expert
    reads. Paged, newest draw first: the history, that is declined and conflicted seats and every seat
    of a review that has ended (with the number of sheets the expert submitted there), including an
    invitation never answered, which can no longer be.
    """
    newest_first = ("-draw__drawn_at", "-id")
    seats = seats_of_expert(request.user).annotate(open_review=Exists(GroupMember.objects.filter(
        group=OuterRef("draw__group"), application__status=Status.IN_REVIEW)))
    reading = Q(state=PanelSeat.State.ACCEPTED, declaration=PanelSeat.Declaration.NO_CONFLICT)
    open_reading = seats.filter(reading, open_review=True)
    members = list(GroupMember.objects.filter(group__in=open_reading.values("draw__group"))
                   .select_related("application__organization", "group").order_by("-group_id", "id"))
    sheets = {score.application_id: score for score in Score.objects.filter(seat__in=open_reading.values("pk"))}
    for member in members:
        member.sheet = sheets.get(member.application_id)
    history = (seats.filter(Q(state__in=(PanelSeat.State.DECLINED, PanelSeat.State.CONFLICTED))
                            | Q(state__in=(PanelSeat.State.INVITED, PanelSeat.State.ACCEPTED), open_review=False))
               .annotate(submitted_sheets=Count("scores", filter=Q(scores__state=Score.State.SUBMITTED)))
               .order_by(*newest_first))
    return render(request, "expert/home.html", {
        "invited": list(seats.filter(state=PanelSeat.State.INVITED, open_review=True).order_by(*newest_first)),
        "to_declare": list(seats.filter(state=PanelSeat.State.ACCEPTED, declaration="", open_review=True)
                           .order_by(*newest_first)),
        "members": members,
        "history": Paginator(history, HISTORY_PAGE_SIZE).get_page(request.GET.get("page")),
    })


@require_POST
@expert_only
def seat_respond(request, pk: int):
    seat = _own_seat(request, pk)
    accept = request.POST.get("answer") == "accept"
    try:
        respond(seat, actor=request.user, accept=accept, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("expert:home")
    if accept:
        messages.success(request, "已接受邀请。请先作出回避声明，声明后即可查看申报材料。")
        return redirect("expert:declare", pk=pk)
    messages.success(request, "已谢绝邀请，感谢您的答复。")
    return redirect("expert:home")


@require_http_methods(["GET", "POST"])
@expert_only
def seat_declare(request, pk: int):
    seat = _own_seat(request, pk)
    error = None
    if request.method == "POST":
        conflict = request.POST.get("conflict") == "1"
        if not conflict and request.POST.get("confirm") != "on":
            error = "请勾选确认本人与上述申报单位均无利害关系，或声明存在利害关系。"
        else:
            try:
                declare(seat, actor=request.user, conflict=conflict, detail=request.POST.get("detail", ""))
            except ValidationError as problem:
                error = "；".join(problem.messages)
            else:
                messages.success(request, "已声明回避，市局将另行安排专家。" if conflict
                                 else "已声明无利害关系，现在可以查看申报材料并评分。")
                return redirect("expert:home")
    # Before the declaration only the organisations' names are shown: enough to know a conflict.
    members = GroupMember.objects.filter(group=seat.draw.group).select_related("application__organization")
    return render(request, "expert/declare.html", {
        "seat": seat, "group": seat.draw.group, "organizations": [m.application.organization.name for m in members],
        "error": error, "posted": request.POST,
    }, status=400 if error else 200)


@require_GET
@expert_only
def application(request, pk: int):
    application = application_read_by_expert(request, pk)
    sheet = Score.objects.filter(seat_id=application.reading_seat_id, application=application).first()
    return render(request, "expert/application.html", {
        "application": application, "sections": SECTIONS, "eligibility": eligibility_panel(application),
        "section_links": section_links(application, "expert"),
        "sheet": sheet,
        # What and when only: no actor, no reason (see workspace/timelines.py).
        "steps": reviewer_timeline(application),
    })


@require_GET
@expert_only
def section(request, pk: int, code: str):
    return render_section_readonly(request, pk, code, namespace="expert")


@require_http_methods(["GET", "POST"])
@expert_only
def score(request, pk: int):
    return score_page(request, pk, namespace="expert")
