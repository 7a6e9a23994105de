"""Filling in a score sheet: an expert's (per seat and application) or the agency's (per application).

A sheet can be saved as often as needed while the application is in review; submitting needs
every indicator scored within its maximum, after which the sheet is read-only.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from shifan.accounts.roles import Role
from shifan.applications.enums import Status
from shifan.applications.models import Application
from shifan.audit.recorder import record
from shifan.city_review.domain.setup import indicators_for
from shifan.city_review.models import GroupMember, PanelSeat, ReviewGroup, Score, ScoreItem
from shifan.city_review.queries import expert_application, seat_for
from shifan.core.single_row import single_row


@dataclass(frozen=True)
class Entry:
    """What the scorer typed for one indicator (kept as typed, so a refused form loses nothing)."""

    points: str
    comment: str = ""


def _membership(application: Application) -> GroupMember | None:
    """The application's group membership with its group and the group's batch.

    Read from the application when the caller loaded it with ``select_related("review_membership__group")``
    (the scoring page does, so the row is read once per request), else in one query. Side effects: none.
    """
    if not Application.review_membership.is_cached(application):
        return GroupMember.objects.select_related("group__batch").filter(application=application).first()
    membership = getattr(application, "review_membership", None)  # None when it is in no group
    if membership is not None and Application.batch.is_cached(application) \
            and membership.group.batch_id == application.batch_id:
        membership.group.batch = application.batch  # the same row: a group takes applications of its own batch
    return membership


def scorer_context(application: Application, actor) -> tuple[ReviewGroup, PanelSeat | None]:
    """The group and (for an expert) the reading seat through which this actor scores this application.

    Raises PermissionDenied when the actor may not score it: an expert without an accepted,
    conflict-free seat on the application's group, or an agency user of another agency.
    Side effects: none (reads the membership, see ``_membership``, and an expert's seat).
    """
    membership = _membership(application)
    if membership is None or not getattr(actor, "is_active", False):
        raise PermissionDenied("您没有该申报的评审任务。")
    group = membership.group
    if actor.role == Role.EXPERT and group.mode == ReviewGroup.Mode.EXPERTS:
        seat = seat_for(actor, application, group_id=group.pk)
        if seat is not None:
            return group, seat
    if actor.role == Role.AGENCY and group.mode == ReviewGroup.Mode.AGENCY and group.agency_id == actor.organization_id:
        return group, None
    raise PermissionDenied("您没有该申报的评审任务。")


def expert_scoring(user, application_id: int) -> tuple[Application, ReviewGroup, int] | None:
    """What an expert's scoring page starts from: the application (with its batch and organisation), its
    group and the id of the expert's reading seat, in one query (``expert_application``); None when the
    expert may not read the application. Same decision as ``applications_for_user`` then
    ``scorer_context``: raises PermissionDenied when the group is scored by an agency.
    Side effects: none."""
    application = expert_application(user, application_id)
    if application is None:
        return None
    group = _membership(application).group
    if group.mode != ReviewGroup.Mode.EXPERTS:
        raise PermissionDenied("您没有该申报的评审任务。")
    return application, group, application.reading_seat_id


def sheet_of(application: Application, group: ReviewGroup, seat_id: int | None) -> Score | None:
    """The scorer's sheet with its items, if saved (``seat_id`` None for an agency's). At most one row
    matches (one sheet per seat and application, one agency sheet per group and application), so no
    ordering: the model's ordering joins the application and the seat for nothing, as the items' would
    the indicator (the form takes them by indicator id). Side effects: none."""
    return single_row(Score.objects.filter(application=application, group=group, seat_id=seat_id)
                      .prefetch_related(Prefetch("items", queryset=ScoreItem.objects.order_by())))


def _parse(entries: dict[int, Entry], indicators, *, complete: bool) -> dict[int, Decimal]:
    """Points per indicator id; every problem names its indicator, all reported at once."""
    errors, points = {}, {}
    for indicator in indicators:
        entry = entries.get(indicator.pk, Entry(""))
        label = f"「{indicator.category}·{indicator.name}」"
        if not entry.points.strip():
            if complete:
                errors[f"points_{indicator.pk}"] = [f"{label}尚未打分。"]
            continue
        try:
            value = Decimal(entry.points.strip())
        except InvalidOperation:
            errors[f"points_{indicator.pk}"] = [f"{label}的得分须是数字。"]
            continue
        in_range = value.is_finite() and 0 <= value <= indicator.max_points
        if not in_range or value != value.quantize(Decimal("0.1")):
            errors[f"points_{indicator.pk}"] = [f"{label}的得分须在 0 到 {indicator.max_points} 分之间，最多一位小数。"]
            continue
        points[indicator.pk] = value
    if errors:
        raise ValidationError(errors)
    return points


@transaction.atomic
def save_sheet(application: Application, *, actor, entries: dict[int, Entry], comment: str = "",
               submit: bool = False) -> Score:
    """Save (and optionally submit) the actor's score sheet for an application.

    Refused when the actor may not score it, the application is no longer in review, the sheet
    was already submitted, or (on submit) an indicator is missing or any value is out of range.

    Side effects: creates or updates the Score and its ScoreItems; records ``review.score_saved``
    or ``review.score_submitted`` (with the total).
    """
    group, seat = scorer_context(application, actor)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != Status.IN_REVIEW:
        raise ValidationError("该申报不在评审中，不能再评分。")
    indicators = indicators_for(group.batch)
    points = _parse(entries, indicators, complete=submit)
    score, _ = Score.objects.select_for_update().get_or_create(
        application=application, group=group, seat=seat, defaults={"scorer": actor},
    )
    if score.state == Score.State.SUBMITTED:
        raise ValidationError("评分表已提交，不能再修改。")
    ScoreItem.objects.filter(score=score).exclude(indicator_id__in=points).delete()
    for indicator in indicators:
        if indicator.pk in points:
            ScoreItem.objects.update_or_create(score=score, indicator=indicator, defaults={
                "points": points[indicator.pk], "comment": entries[indicator.pk].comment.strip()[:500],
            })
    complete = len(points) == len(indicators)
    score.total = sum(points.values(), Decimal(0)) if complete else None
    score.comment, score.scorer = comment.strip(), actor
    if submit:
        score.state, score.submitted_at = Score.State.SUBMITTED, timezone.now()
    score.save()
    record("review.score_submitted" if submit else "review.score_saved", actor=actor, target=application, data={
        "group": group.pk, "seat": seat.pk if seat else None, "total": str(score.total) if score.total is not None
        else None,
    })
    return score
