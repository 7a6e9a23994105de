"""拟认定名单 (第七条(四)): an officer selects from the ranking, a head approves.

Any departure from the ranking needs a reason on the entry it concerns: an application left
off while a lower-ranked one is selected, one selected over a higher-ranked one, and one
selected below the pass mark. The head's approval moves every application on the list
(列入 or 不列入) through the workflow; a return sends the list back with the head's comment.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from shifan.accounts.rules import is_bureau_head, is_bureau_officer
from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.audit.recorder import record
from shifan.batches.models import Batch
from shifan.city_review.domain.common import bureau_heads, require
from shifan.city_review.domain.progress import results_for
from shifan.city_review.domain.setup import settings_for
from shifan.city_review.models import ProposedEntry, ProposedList
from shifan.notifications.domain import notify

OPEN = (ProposedList.State.DRAFT, ProposedList.State.RETURNED)
LIST_LINK = "/bureau/review/proposed/"


def open_list(batch: Batch) -> ProposedList | None:
    """The list being prepared or awaiting approval, if any."""
    return batch.proposed_lists.exclude(state=ProposedList.State.APPROVED).first()


@transaction.atomic
def prepare(batch: Batch, *, actor) -> ProposedList:
    """Start (or refresh) the batch's list from the ranking of its reviewed applications.

    Entries keep an earlier selection and reason; new reviewed applications are added,
    preselected when at or above the pass mark.

    Side effects: creates or updates the ProposedList and its entries; records ``review.list_prepared``.
    """
    require(is_bureau_officer, actor, "只有市局经办人员可以拟定名单。")
    plist = open_list(batch)
    if plist is not None and plist.state == ProposedList.State.SUBMITTED:
        raise ValidationError("拟认定名单已报领导审批，审批或退回后才能修改。")
    results = [r for r in results_for(batch, statuses=(Status.REVIEWED,)) if r.aggregate is not None]
    if not results:
        raise ValidationError("还没有评审完成的申报，无法拟定名单。")
    if plist is None:
        plist = ProposedList.objects.create(batch=batch, prepared_by=actor)
    pass_mark = settings_for(batch).pass_mark
    kept = {entry.application_id: entry for entry in plist.entries.all()}
    plist.entries.exclude(application_id__in=[r.application.pk for r in results]).delete()
    for result in results:
        entry = kept.get(result.application.pk)
        if entry is None:
            ProposedEntry.objects.create(proposed_list=plist, application=result.application, rank=result.rank,
                                         score=result.aggregate, selected=result.aggregate >= pass_mark)
        else:
            ProposedEntry.objects.filter(pk=entry.pk).update(rank=result.rank, score=result.aggregate)
    record("review.list_prepared", actor=actor, target=plist, data={"entries": len(results)})
    return plist


def departures(entries: list[ProposedEntry], pass_mark) -> dict[int, str]:
    """entry id -> why this entry departs from the ranking (so it needs a reason)."""
    found = {}
    for entry in entries:
        higher_left_off = any(o.rank < entry.rank and not o.selected for o in entries)
        lower_selected = any(o.rank > entry.rank and o.selected for o in entries)
        if entry.selected and higher_left_off:
            found[entry.pk] = "排名在未列入的申报之后而列入"
        elif not entry.selected and lower_selected:
            found[entry.pk] = "排名在列入的申报之前而未列入"
        elif entry.selected and entry.score is not None and entry.score < pass_mark:
            found[entry.pk] = f"评审得分低于合格分数线（{pass_mark.normalize():f} 分）而列入"
    return found


@transaction.atomic
def save_selection(plist: ProposedList, choices: dict[int, tuple[bool, str]], *, actor) -> ProposedList:
    """Record which entries are selected and the reasons (entry id -> (selected, reason)).

    Side effects: updates the entries; records ``review.list_saved``.
    """
    require(is_bureau_officer, actor, "只有市局经办人员可以拟定名单。")
    plist = ProposedList.objects.select_for_update().get(pk=plist.pk)
    if plist.state not in OPEN:
        raise ValidationError("该名单已报批或已审批，不能修改。")
    for entry in plist.entries.all():
        selected, reason = choices.get(entry.pk, (entry.selected, entry.reason))
        ProposedEntry.objects.filter(pk=entry.pk).update(selected=selected, reason=reason.strip()[:500])
    record("review.list_saved", actor=actor, target=plist,
           data={"selected": sorted(pk for pk, (chosen, _) in choices.items() if chosen)})
    return plist


def selection_problems(plist: ProposedList) -> dict[int, str]:
    """entry id -> the message for each departure without a reason."""
    entries = list(plist.entries.select_related("application"))
    pass_mark = settings_for(plist.batch).pass_mark
    return {
        pk: f"{why}，须填写理由。"
        for pk, why in departures(entries, pass_mark).items()
        if not next(e for e in entries if e.pk == pk).reason.strip()
    }


@transaction.atomic
def submit(plist: ProposedList, *, actor) -> ProposedList:
    """报批: the officer sends the list to the bureau's heads.

    Side effects: marks the list submitted; records ``review.list_submitted``; notifies the heads.
    """
    require(is_bureau_officer, actor, "只有市局经办人员可以报批名单。")
    plist = ProposedList.objects.select_for_update().get(pk=plist.pk)
    if plist.state not in OPEN:
        raise ValidationError("该名单已报批或已审批。")
    problems = selection_problems(plist)
    if problems:
        raise ValidationError(list(problems.values()))
    if not plist.entries.filter(selected=True).exists():
        raise ValidationError("名单中没有列入任何申报。")
    plist.state, plist.submitted_at, plist.prepared_by = ProposedList.State.SUBMITTED, timezone.now(), actor
    plist.save(update_fields=["state", "submitted_at", "prepared_by"])
    record("review.list_submitted", actor=actor, target=plist,
           data={"selected": plist.entries.filter(selected=True).count(), "entries": plist.entries.count()})
    notify(bureau_heads(), event="review.list_submitted", subject=f"拟认定名单待审批：{plist.batch.name}",
           body=f"{actor} 报批了{plist.batch.name}的拟认定名单，请审批。", link=LIST_LINK)
    return plist


def _check_head(plist: ProposedList, actor) -> ProposedList:
    require(is_bureau_head, actor, "只有市局领导可以审批拟认定名单。")
    plist = ProposedList.objects.select_for_update().select_related("batch", "prepared_by").get(pk=plist.pk)
    if plist.prepared_by_id == actor.pk:
        raise PermissionDenied("拟定人不能审批自己拟定的名单。")
    if plist.state != ProposedList.State.SUBMITTED:
        raise ValidationError("该名单不在待审批状态。")
    return plist


@transaction.atomic
def approve(plist: ProposedList, *, actor, comment: str = "") -> ProposedList:
    """The head approves: selected applications become 拟认定, the others 未列入 (with the reason).

    Side effects: marks the list approved; moves every entry's application ``propose`` or
    ``not_propose`` through ``transition`` (timelines, audit events, the applicants told of a
    不列入); records ``review.list_approved``; notifies the preparer.
    """
    plist = _check_head(plist, actor)
    plist.state, plist.decided_by, plist.decided_at = ProposedList.State.APPROVED, actor, timezone.now()
    plist.head_comment = comment.strip()
    plist.save(update_fields=["state", "decided_by", "decided_at", "head_comment"])
    for entry in plist.entries.select_related("application"):
        if entry.selected:
            transition(entry.application, Action.PROPOSE, actor=actor, reason=entry.reason)
        else:
            reason = entry.reason or f"评审得分 {entry.score} 分（排名第 {entry.rank} 位），未列入拟认定名单。"
            transition(entry.application, Action.NOT_PROPOSE, actor=actor, reason=reason)
    record("review.list_approved", actor=actor, target=plist, data={"comment": plist.head_comment})
    notify([plist.prepared_by], event="review.list_approved", subject=f"拟认定名单已审批：{plist.batch.name}",
           body=f"{actor} 审批通过了拟认定名单。{plist.head_comment}", link=LIST_LINK)
    return plist


@transaction.atomic
def send_back(plist: ProposedList, *, actor, comment: str) -> ProposedList:
    """The head returns the list with a comment. Side effects: marks it returned; records
    ``review.list_returned``; notifies the preparer."""
    plist = _check_head(plist, actor)
    if not comment.strip():
        raise ValidationError({"comment": ["退回须填写审批意见。"]})
    plist.state, plist.decided_by, plist.decided_at = ProposedList.State.RETURNED, actor, timezone.now()
    plist.head_comment = comment.strip()
    plist.save(update_fields=["state", "decided_by", "decided_at", "head_comment"])
    record("review.list_returned", actor=actor, target=plist, data={"comment": plist.head_comment})
    notify([plist.prepared_by], event="review.list_returned", subject=f"拟认定名单被退回：{plist.batch.name}",
           body=f"{actor} 退回了拟认定名单。审批意见：{plist.head_comment}", link=LIST_LINK)
    return plist
