"""The drawn experts answer: accept or decline the invitation, then declare (no) conflict.

A decline or a declared conflict promotes the next backup in drawn order at once; when no
backup is left the bureau is told to redraw. Until an expert has accepted and declared no
conflict, nothing of the group's applications but the organisations' names is shown to them.
"""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from shifan.audit.recorder import record
from shifan.city_review.domain.common import bureau_officers
from shifan.city_review.models import ExpertDraw, PanelSeat
from shifan.notifications.domain import notify

EXPERT_HOME = "/expert/"


def invite(seat: PanelSeat) -> None:
    """Invite one seat (a promoted backup): ``invite_many`` of one.

    Side effects: marks the seat invited (and refreshes ``seat``); notifies the expert (inbox,
    e-mail, and SMS when the expert's account has a mobile).
    """
    invite_many([seat])


def _invitation(group) -> dict:
    """The message an invited expert receives: the same for every expert of the group."""
    return {
        "event": "review.expert_invited",
        "subject": f"评审邀请：{group.batch.name}",
        "body": (
            f"您被随机抽取为「{group.batch.name}」{group.name}的评审专家。\n"
            "请登录系统接受或谢绝邀请；接受后须先作出回避声明，才能查看申报材料。"
        ),
        "link": EXPERT_HOME,
    }


def invite_many(seats: Sequence[PanelSeat]) -> list[PanelSeat]:
    """Invite these seats in their given order, in a number of queries that does not grow with them.

    One UPDATE marks them all invited, one SELECT loads them with their draw, group, batch,
    expert and account, and one ``notify`` per review group (one INSERT) sends each expert with
    an account the same invitation ``invite`` always sent. The passed objects are refreshed
    from the database, as ``invite`` did. Returns the refreshed seats in the given order.

    Side effects: marks the seats invited with ``invited_at`` now; inserts one Notification per
    expert with an active account (``review.expert_invited``; inbox, e-mail after commit, SMS
    when the account has a mobile) and forgets their cached unread counts. No audit event: the
    draw's own event (or ``review.backup_promoted``) records who was invited.
    """
    seats = list(seats)
    if not seats:
        return []
    pks = [seat.pk for seat in seats]
    PanelSeat.objects.filter(pk__in=pks).update(state=PanelSeat.State.INVITED, invited_at=timezone.now())
    loaded = {
        fresh.pk: fresh
        for fresh in PanelSeat.objects.filter(pk__in=pks).select_related("draw__group__batch", "expert__user")
    }
    by_group: dict[int, list[PanelSeat]] = {}
    for seat in seats:
        fresh = loaded[seat.pk]
        # What refresh_from_db gave the caller: every field reloaded, relations from the same row.
        for field in PanelSeat._meta.concrete_fields:
            setattr(seat, field.attname, getattr(fresh, field.attname))
        seat.draw, seat.expert = fresh.draw, fresh.expert
        by_group.setdefault(fresh.draw.group_id, []).append(fresh)
    for group_seats in by_group.values():
        notify(
            [seat.expert.user for seat in group_seats if seat.expert.user],
            **_invitation(group_seats[0].draw.group),
        )
    return [loaded[pk] for pk in pks]


def release_seats(draw: ExpertDraw, *, actor) -> None:
    """A superseded draw's seats are released; experts who had been invited or accepted are told."""
    told = list(
        draw.seats.filter(state__in=(PanelSeat.State.INVITED, PanelSeat.State.ACCEPTED))
        .select_related("expert__user")
    )
    draw.seats.exclude(state__in=(PanelSeat.State.DECLINED, PanelSeat.State.CONFLICTED)).update(
        state=PanelSeat.State.RELEASED
    )
    notify(
        [seat.expert.user for seat in told if seat.expert.user],
        event="review.expert_released",
        subject=f"评审任务已解除：{draw.group.batch.name}",
        body=f"市局已重新抽取{draw.group.name}的评审专家，您在本组的评审任务已解除，感谢支持。",
        link=EXPERT_HOME,
    )


def _promote_next(draw: ExpertDraw, *, because: str) -> PanelSeat | None:
    """Invite the next waiting backup; tell the bureau when none is left."""
    nxt = draw.seats.filter(state=PanelSeat.State.WAITING).order_by("position").first()
    if nxt is not None:
        invite(nxt)
        record("review.backup_promoted", actor=None, target=draw, data={"seat": nxt.pk, "position": nxt.position,
                                                                       "because": because})
        return nxt
    notify(
        bureau_officers(),
        event="review.backups_exhausted",
        subject=f"备选专家已用完：{draw.group.name}",
        body=f"{draw.group.name}有专家{because}，备选专家已全部递补，请重新抽取专家。",
        link=f"/bureau/review/groups/{draw.group_id}/",
    )
    return None


def _lock_own_seat(seat: PanelSeat, actor) -> PanelSeat:
    """The seat locked, with its draw locked too (promotions never race); only its expert may act."""
    ExpertDraw.objects.select_for_update().filter(pk=seat.draw_id).first()
    # of=self: PostgreSQL refuses FOR UPDATE across the nullable join to the expert's account.
    locked = PanelSeat.objects.select_for_update(of=("self",)).select_related(
        "draw__group__batch", "expert__user"
    ).get(pk=seat.pk)
    if locked.expert.user_id is None or locked.expert.user_id != getattr(actor, "pk", None) or not actor.is_active:
        raise PermissionDenied("这不是您的评审邀请。")
    if locked.draw.superseded_at is not None or locked.state == PanelSeat.State.RELEASED:
        raise ValidationError("该评审任务已解除。")
    return locked


@transaction.atomic
def respond(seat: PanelSeat, *, actor, accept: bool, reason: str = "") -> PanelSeat:
    """Accept or decline (with a reason) an invitation.

    Side effects: updates the seat; on a decline invites the next backup (or tells the bureau
    none is left); records ``review.invitation_accepted`` or
    ``review.invitation_declined``.
    """
    seat = _lock_own_seat(seat, actor)
    if seat.state == PanelSeat.State.WAITING:
        raise ValidationError("您目前是备选专家，递补时会收到邀请。")
    if seat.state != PanelSeat.State.INVITED:
        raise ValidationError(f"该邀请已答复（{seat.get_state_display()}）。")
    reason = reason.strip()
    if not accept and not reason:
        raise ValidationError({"reason": ["谢绝邀请须填写理由。"]})
    seat.state = PanelSeat.State.ACCEPTED if accept else PanelSeat.State.DECLINED
    seat.responded_at, seat.decline_reason = timezone.now(), "" if accept else reason
    seat.save(update_fields=["state", "responded_at", "decline_reason"])
    record("review.invitation_accepted" if accept else "review.invitation_declined", actor=actor, target=seat.draw,
           data={"seat": seat.pk, "reason": seat.decline_reason})
    if not accept:
        _promote_next(seat.draw, because="谢绝邀请")
    return seat


@transaction.atomic
def declare(seat: PanelSeat, *, actor, conflict: bool, detail: str = "") -> PanelSeat:
    """The 回避声明 of an expert who accepted: no conflict (opens the applications) or a conflict.

    Side effects: updates the seat; a conflict withdraws the expert, invites the next backup
    (or tells the bureau none is left); records
    ``review.no_conflict_declared`` or ``review.conflict_declared``.
    """
    seat = _lock_own_seat(seat, actor)
    if seat.state != PanelSeat.State.ACCEPTED or seat.declaration:
        raise ValidationError("只有已接受邀请、尚未声明的专家可以作回避声明。")
    detail = detail.strip()
    if conflict and not detail:
        raise ValidationError({"detail": ["请说明与哪家申报单位存在何种利害关系。"]})
    seat.declaration = PanelSeat.Declaration.CONFLICT if conflict else PanelSeat.Declaration.NO_CONFLICT
    seat.conflict_detail, seat.declared_at = detail, timezone.now()
    if conflict:
        seat.state = PanelSeat.State.CONFLICTED
    seat.save(update_fields=["declaration", "conflict_detail", "declared_at", "state"])
    record("review.conflict_declared" if conflict else "review.no_conflict_declared", actor=actor,
           target=seat.draw, data={"seat": seat.pk, "detail": detail})
    if conflict:
        _promote_next(seat.draw, because="申报回避")
    return seat
