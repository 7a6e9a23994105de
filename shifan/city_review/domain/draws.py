"""专家随机抽取: draw a panel and its backups, store everything needed to replay it, redraw with a reason.

``random.Random(seed)`` is deterministic for a given seed, so anyone with the stored candidate
list and seed can replay the draw; the seed comes from ``secrets`` so nobody can choose it.
The audit event written with the draw holds the seed, the fingerprint and the result, so a
stored draw edited afterwards no longer matches its (hash-chained) audit record.
"""

import hashlib
import json
import random
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from shifan.accounts.rules import is_bureau_officer
from shifan.applications.enums import Status
from shifan.audit.models import AuditEvent
from shifan.audit.recorder import record
from shifan.city_review.domain.avoidance import screen
from shifan.city_review.domain.common import require
from shifan.city_review.domain.panel import invite_many, release_seats
from shifan.city_review.domain.setup import settings_for
from shifan.city_review.models import ExpertDraw, PanelSeat, ReviewGroup, Score
from shifan.city_review.queries import current_draw

DRAWN, REDRAWN = "review.experts_drawn", "review.experts_redrawn"


def fingerprint(candidates: list[dict]) -> str:
    canonical = json.dumps(candidates, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    return hashlib.sha256(canonical).hexdigest()


def pick(candidate_ids: list[int], seed: str, count: int) -> list[int]:
    """The drawn order for this seed: the same seed and candidates always give the same experts."""
    return random.Random(seed).sample(candidate_ids, min(count, len(candidate_ids)))  # noqa: S311 -- replayable


def _check_group(group: ReviewGroup) -> None:
    if group.mode != ReviewGroup.Mode.EXPERTS:
        raise ValidationError("该评审组由第三方机构评审，不抽取专家。")
    statuses = set(group.members.values_list("application__status", flat=True))
    if not statuses:
        raise ValidationError("评审组还没有申报，请先分配申报再抽取专家。")
    if statuses - {Status.IN_REVIEW}:
        raise ValidationError("评审组中有申报已结束评审，不能再抽取专家。")


@transaction.atomic
def draw_experts(group: ReviewGroup, *, actor, reason: str = "") -> ExpertDraw:
    """Draw the group's panel (``panel_size``) and backups (``backup_count``) from the expert pool.

    Every expert the avoidance rules exclude is stored with each reason. Refused when fewer
    candidates remain than the panel needs, when the group is not an expert group, or (for a
    redraw) without a reason or after any expert has submitted a score.

    Side effects: locks the group; marks the previous draw superseded and releases its seats
    (telling the experts who had been invited); inserts the ExpertDraw and one PanelSeat per
    drawn expert; invites the first ``panel_size`` (inbox and e-mail); records
    ``review.experts_drawn`` or ``review.experts_redrawn`` with seed, fingerprint and result.
    """
    require(is_bureau_officer, actor, "只有市局经办人员可以抽取专家。")
    group = ReviewGroup.objects.select_for_update().select_related("batch").get(pk=group.pk)
    _check_group(group)
    previous = current_draw(group)
    reason = reason.strip()
    if previous is not None:
        if not reason:
            raise ValidationError("重新抽取须填写理由，原抽取记录将保留备查。")
        if Score.objects.filter(group=group, state=Score.State.SUBMITTED).exists():
            raise ValidationError("已有专家提交评分，不能重新抽取。")
    screening = screen(group, settings_for(group.batch))
    if len(screening.candidates) < group.panel_size:
        raise ValidationError(
            f"符合回避规则的专家只有 {len(screening.candidates)} 人，少于本组所需的 {group.panel_size} 人"
            f"（已排除 {len(screening.excluded)} 人）。请调整所需专业或专家人数，或补充专家库。"
        )
    candidates = [{"id": e.pk, "name": e.name, "employer": e.employer_name} for e in screening.candidates]
    seed = secrets.token_hex(16)
    result = pick([c["id"] for c in candidates], seed, group.panel_size + group.backup_count)
    if previous is not None:
        ExpertDraw.objects.filter(pk=previous.pk).update(superseded_at=timezone.now())
        release_seats(previous, actor=actor)
    draw = ExpertDraw.objects.create(
        group=group, seed=seed, panel_size=group.panel_size, backup_count=group.backup_count,
        specialties=list(group.specialties), rules=screening.rules, candidates=candidates,
        fingerprint=fingerprint(candidates),
        exclusions=[
            {"id": e.pk, "name": e.name, "employer": e.employer_name, "reasons": [r.as_dict() for r in reasons]}
            for e, reasons in screening.excluded
        ],
        result=result, reason=reason, drawn_by=actor,
    )
    seats = PanelSeat.objects.bulk_create(
        PanelSeat(draw=draw, expert_id=expert_id, position=position)
        for position, expert_id in enumerate(result, start=1)
    )
    record(REDRAWN if previous else DRAWN, actor=actor, target=draw, data={
        "group": group.pk, "seed": seed, "fingerprint": draw.fingerprint, "candidates": len(candidates),
        "excluded": len(screening.excluded), "result": result, "reason": reason,
        "previous": previous.pk if previous else None,
    })
    invite_many(seats[: group.panel_size])
    return draw


def replay(draw: ExpertDraw) -> tuple[bool, str]:
    """Re-run a stored draw: (same result and matching its audit record?, explanation)."""
    if fingerprint(draw.candidates) != draw.fingerprint:
        return False, "候选名单与记录的指纹不一致，抽取记录可能被改动。"
    event = AuditEvent.objects.filter(
        event__in=(DRAWN, REDRAWN), target_type="city_review.expertdraw", target_id=str(draw.pk)
    ).first()
    if event is None or (event.data.get("seed"), event.data.get("fingerprint"), event.data.get("result")) != (
        draw.seed, draw.fingerprint, draw.result,
    ):
        return False, "抽取记录与审计日志中的记录不一致。"
    again = pick([c["id"] for c in draw.candidates], draw.seed, draw.panel_size + draw.backup_count)
    if again != draw.result:
        return False, "按记录的随机种子复算，抽取结果不一致。"
    return True, "按记录的随机种子和候选名单复算，抽取结果一致，且与审计日志相符。"
