"""THE workflow table of an application (DESIGN.md §4).

One row per allowed move. From this table come the permission checks, the guards, the
audit events, the notifications, the buttons a user sees and docs/workflow.md.
"""

from collections.abc import Callable
from dataclasses import dataclass

import rules

from shifan.applications import guards
from shifan.applications.enums import Action, Status
from shifan.applications.rules import (
    applicant_of_application,
    bureau_head,
    bureau_officer,
    district_of_application,
)

S, A = Status, Action

# Who is told: the applicant organisation's users, the officers of the application's
# jurisdiction, the bureau's officers, the bureau's heads.
APPLICANT, DISTRICT, BUREAU, HEAD = "applicant", "district", "bureau", "head"


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    who: rules.Predicate
    event: str
    notify: tuple[str, ...] = ()
    requires_reason: bool = False
    guards: tuple[Callable, ...] = ()
    # Rows run by a step of the city review rather than by a button on the application page
    # (assigning a group, completing the scores, approving the proposed list): the name of
    # that step, for docs/workflow.md. Such rows are never offered as buttons.
    via: str = ""


T = Transition
TRANSITIONS: tuple[Transition, ...] = (
    # 第七条(一): the applicant submits to its district, before the batch deadline.
    # 第八条: only a complete application (申请表 basics, 附件6, the required files) may be submitted.
    T(S.DRAFT, A.SUBMIT, S.SUBMITTED, applicant_of_application, "application.submitted",
      (APPLICANT, DISTRICT), guards=(guards.batch_accepts_submissions, guards.application_complete)),
    T(S.RETURNED, A.SUBMIT, S.SUBMITTED, applicant_of_application, "application.resubmitted",
      (APPLICANT, DISTRICT), guards=(guards.batch_accepts_submissions, guards.application_complete)),
    T(S.DRAFT, A.WITHDRAW, S.WITHDRAWN, applicant_of_application, "application.withdrawn", (APPLICANT,)),
    T(S.SUBMITTED, A.WITHDRAW, S.WITHDRAWN, applicant_of_application, "application.withdrawn",
      (APPLICANT, DISTRICT), requires_reason=True),
    T(S.RETURNED, A.WITHDRAW, S.WITHDRAWN, applicant_of_application, "application.withdrawn",
      (APPLICANT, DISTRICT), requires_reason=True),
    # 第七条(二)(三): the district's preliminary review.
    T(S.SUBMITTED, A.RETURN, S.RETURNED, district_of_application, "application.returned",
      (APPLICANT,), requires_reason=True, guards=(guards.district_window_open,)),
    T(S.SUBMITTED, A.DECLINE, S.DISTRICT_DECLINED, district_of_application, "application.declined",
      (APPLICANT,), requires_reason=True, guards=(guards.district_window_open,)),
    T(S.SUBMITTED, A.RECOMMEND, S.RECOMMENDED, district_of_application, "application.recommended",
      (APPLICANT, BUREAU), guards=(guards.district_window_open,)),
    T(S.SENT_BACK, A.RETURN, S.RETURNED, district_of_application, "application.returned",
      (APPLICANT,), requires_reason=True, guards=(guards.district_window_open,)),
    T(S.SENT_BACK, A.DECLINE, S.DISTRICT_DECLINED, district_of_application, "application.declined",
      (APPLICANT,), requires_reason=True, guards=(guards.district_window_open,)),
    T(S.SENT_BACK, A.RECOMMEND, S.RECOMMENDED, district_of_application, "application.recommended",
      (APPLICANT, BUREAU), guards=(guards.district_window_open,)),
    # 第七条(四): the bureau's formal check, review and proposed list.
    T(S.RECOMMENDED, A.ACCEPT, S.ACCEPTED, bureau_officer, "application.accepted", (APPLICANT, DISTRICT)),
    T(S.RECOMMENDED, A.SEND_BACK, S.SENT_BACK, bureau_officer, "application.sent_back",
      (DISTRICT,), requires_reason=True),
    T(S.ACCEPTED, A.START_REVIEW, S.IN_REVIEW, bureau_officer, "application.review_started",
      via="分配评审组"),
    T(S.IN_REVIEW, A.COMPLETE_REVIEW, S.REVIEWED, bureau_officer, "application.review_completed",
      via="评审组结束评审"),
    # The proposed list is prepared by an officer and approved by a head (two people); the
    # approval moves every application on it.
    T(S.REVIEWED, A.PROPOSE, S.PROPOSED, bureau_head, "application.proposed",
      via="审批拟认定名单"),
    T(S.REVIEWED, A.NOT_PROPOSE, S.NOT_PROPOSED, bureau_head, "application.not_proposed",
      (APPLICANT,), requires_reason=True, via="审批拟认定名单"),
    T(S.PROPOSED, A.RECONSIDER, S.REVIEWED, bureau_head, "application.reconsidered", requires_reason=True),
    # 第七条(四)(五): publicity for 5 working days, then the decision by the bureau's head.
    T(S.PROPOSED, A.PUBLISH, S.IN_PUBLICITY, bureau_officer, "application.published", (APPLICANT, DISTRICT),
      via="发布公示"),
    T(S.IN_PUBLICITY, A.REMOVE_FROM_LIST, S.NOT_PROPOSED, bureau_officer, "application.removed_from_list",
      (APPLICANT, DISTRICT), requires_reason=True, via="处理异议"),
    T(S.IN_PUBLICITY, A.RECOGNISE, S.RECOGNISED, bureau_head, "application.recognised",
      (APPLICANT, DISTRICT), via="审批认定决定"),
)

_BY_KEY = {(t.source, t.action): t for t in TRANSITIONS}

# Guards contributed by later stages of the process (e.g. the district review's "survey done"
# before a recommendation): they import this app, so they register here instead of being named
# in the table above. Registered once, in their AppConfig.ready().
_EXTRA_GUARDS: dict[str, list[Callable]] = {}


def add_guard(action: str, guard: Callable) -> None:
    guards = _EXTRA_GUARDS.setdefault(action, [])
    if guard not in guards:
        guards.append(guard)


def guards_for(row: Transition) -> tuple[Callable, ...]:
    return row.guards + tuple(_EXTRA_GUARDS.get(row.action, ()))


def find(source: str, action: str) -> Transition | None:
    return _BY_KEY.get((source, action))


def moves_from(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]


def permission_name(action: str) -> str:
    return f"applications.{action}_application"


def _register_permissions() -> None:
    # One rules permission per action: the union of the rows' predicates. transition()
    # additionally checks the row's own predicate for the source state.
    by_action: dict[str, rules.Predicate] = {}
    for t in TRANSITIONS:
        by_action[t.action] = by_action[t.action] | t.who if t.action in by_action else t.who
    for action, predicate in by_action.items():
        rules.add_perm(permission_name(action), predicate)


_register_permissions()
