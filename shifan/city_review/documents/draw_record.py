"""The 专家抽取记录 of one draw as Word: everything needed to check it later, for the file."""

from django.db import transaction

from shifan.accounts.rules import is_bureau_staff
from shifan.applications.documents import OfficeFile
from shifan.applications.documents.formats import joined
from shifan.audit.recorder import record
from shifan.city_review.documents.formats import moment, safe_name
from shifan.city_review.domain.avoidance import RULES
from shifan.city_review.domain.common import require
from shifan.city_review.domain.draws import replay
from shifan.city_review.models import ExpertDraw, PanelSeat
from shifan.documents.docx import DOCX_CONTENT_TYPE, render_docx
from shifan.policies.codes import FUNCTION_LABELS

DRAW_RECORD_TEMPLATE = "review_draw_record.docx"
DRAW_RECORD_DOWNLOADED = "review.draw_record_downloaded"
State, Declaration = PanelSeat.State, PanelSeat.Declaration


def seat_answer(seat: PanelSeat | None) -> str:
    """What became of a drawn expert: the answer to the invitation and the 回避声明, with their times."""
    if seat is None:
        return "（无席位记录）"
    when = f"（{moment(seat.responded_at)}）" if seat.responded_at else ""
    if seat.state == State.DECLINED:
        return f"已谢绝{when}：{seat.decline_reason}" if seat.decline_reason else f"已谢绝{when}"
    if seat.state == State.CONFLICTED:
        return f"声明存在利害关系，已回避（{moment(seat.declared_at)}）：{seat.conflict_detail}"
    if seat.state == State.ACCEPTED:
        if seat.declaration == Declaration.NO_CONFLICT:
            return f"已接受{when}；声明无利害关系（{moment(seat.declared_at)}）"
        return f"已接受{when}；尚未作出回避声明"
    if seat.state == State.INVITED:
        return "已邀请，尚未答复"
    if seat.state == State.RELEASED:
        return "已解除（重新抽取）"
    return "备选，未递补"


def _role(position: int, draw: ExpertDraw, seat: PanelSeat | None) -> str:
    if position <= draw.panel_size:
        return "评审专家"
    return "备选" if seat is None or seat.state == State.WAITING else "备选（已递补）"


def _reasons(exclusion: dict) -> str:
    return "\n".join(
        f"{reason.get('label') or RULES.get(reason.get('code'), reason.get('code'))}：{reason.get('detail', '')}"
        for reason in exclusion.get("reasons", [])
    )


def draw_record_context(draw: ExpertDraw, verification: tuple[bool, str] | None = None) -> dict:
    """The record's context: the draw's facts, candidates, exclusions, drawn order and answers.

    ``verification`` is ``replay(draw)``, computed here when not given. Pure read: the seats,
    the group and batch, the officer, and the replay (which reads the draw's audit event).
    """
    group = draw.group
    verified, explanation = verification or replay(draw)
    names = {candidate["id"]: candidate for candidate in draw.candidates}
    seats = {seat.expert_id: seat for seat in draw.seats.select_related("expert")}
    drawn = []
    for position, expert_id in enumerate(draw.result, start=1):
        seat = seats.get(expert_id)
        candidate = names.get(expert_id) or {"name": seat.expert.name if seat else "?", "employer": ""}
        drawn.append({"position": str(position), "name": candidate["name"], "employer": candidate["employer"],
                      "role": _role(position, draw, seat), "answer": seat_answer(seat)})
    superseded = (f"已于{moment(draw.superseded_at)}被重新抽取，本记录留存备查" if draw.superseded_at
                  else "有效（本组当前的抽取）")
    return {
        "batch": group.batch.name,
        "group": group.name,
        "number": str(draw.pk),
        "drawn_at": moment(draw.drawn_at),
        "officer": str(draw.drawn_by),
        "state": superseded,
        "reason": draw.reason or "无（首次抽取）",
        "seed": draw.seed,
        "fingerprint": draw.fingerprint,
        "panel": f"评审专家 {draw.panel_size} 人，备选 {draw.backup_count} 人",
        "specialties": joined(FUNCTION_LABELS.get(code, code) for code in draw.specialties) or "不限",
        "rules": joined(RULES.get(code, code) for code in draw.rules) or "（未记录）",
        "verification": ("核验一致：" if verified else "核验不一致：") + explanation,
        "candidate_count": str(len(draw.candidates)),
        "candidates": [{"seq": str(n), "name": c["name"], "employer": c["employer"]}
                       for n, c in enumerate(draw.candidates, start=1)],
        "exclusion_count": str(len(draw.exclusions)),
        "exclusions": [{"seq": str(n), "name": e["name"], "employer": e["employer"], "reasons": _reasons(e)}
                       for n, e in enumerate(draw.exclusions, start=1)],
        "drawn": drawn,
    }


def render_draw_record(draw: ExpertDraw) -> bytes:
    """The .docx of one draw's record. Pure read, no audit."""
    return render_docx(DRAW_RECORD_TEMPLATE, draw_record_context(draw))


@transaction.atomic
def draw_record_docx(draw: ExpertDraw, *, actor) -> OfficeFile:
    """The draw's record as Word for bureau staff (officers and heads); PermissionDenied otherwise.

    Side effects: records ``review.draw_record_downloaded`` on the draw, with whether its replay
    matched.
    """
    require(is_bureau_staff, actor, "只有市局工作人员可以下载专家抽取记录。")
    verified, explanation = replay(draw)
    data = render_docx(DRAW_RECORD_TEMPLATE, draw_record_context(draw, (verified, explanation)))
    record(DRAW_RECORD_DOWNLOADED, actor=actor, target=draw, data={
        "format": "docx", "group": draw.group_id, "verified": verified,
    })
    group = draw.group
    name = f"专家抽取记录-{group.batch.year}-{safe_name(group.name)}-{draw.pk}.docx"
    return OfficeFile(name, DOCX_CONTENT_TYPE, data)
