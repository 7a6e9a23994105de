"""One colour (tone) per state of every object that carries one, so that badges mean the same everywhere.

The tones are the badge classes of static/css/shifan.css (``badge-<tone>``):
``success`` green — done, valid, published; ``danger`` red — failed, revoked, rejected, declined;
``warning`` amber — waiting for someone (an approval, a submission, a fix); ``info`` blue — under way;
``neutral`` grey — a draft, or closed without a verdict. The label always stays as text beside the
colour (WCAG 1.4.1: colour is never the only carrier of the meaning).

Application statuses have their own table in ``applications/templatetags/workflow_tags.py``
(``{% status_badge %}``); this module covers everything else.
"""

from dataclasses import dataclass

from shifan.batches.models import Batch
from shifan.city_review.models import PanelSeat, ProposedList, Score
from shifan.jobs.models import Job
from shifan.policies.models import Policy
from shifan.publicity.models import Objection
from shifan.recognition.models import STATUS_LABELS, Approval, Decision, Revocation
from shifan.support.models import CaseState, TypicalCase
from shifan.tracking.models import Rectification, TrackingReport

SUCCESS, DANGER, WARNING, INFO, NEUTRAL = "success", "danger", "warning", "info", "neutral"

# The two-person approval (decision, revocation, proposed list): waiting states are amber.
_APPROVAL = {Approval.DRAFT: NEUTRAL, Approval.SUBMITTED: WARNING, Approval.APPROVED: SUCCESS,
             Approval.RETURNED: WARNING}

# model → (the field holding the state, {state code: tone}).
TONES: dict[type, tuple[str, dict[str, str]]] = {
    Job: ("state", {Job.State.QUEUED: WARNING, Job.State.RUNNING: INFO, Job.State.DONE: SUCCESS,
                    Job.State.FAILED: DANGER}),
    Objection: ("state", {Objection.State.RECEIVED: WARNING, Objection.State.UPHELD: DANGER,
                          Objection.State.DISMISSED: NEUTRAL}),
    Decision: ("state", _APPROVAL),
    # An approved revocation means the platform lost its title: red like a revoked recognition.
    Revocation: ("state", {**_APPROVAL, Approval.APPROVED: DANGER}),
    ProposedList: ("state", {ProposedList.State.DRAFT: NEUTRAL, ProposedList.State.SUBMITTED: WARNING,
                             ProposedList.State.APPROVED: SUCCESS, ProposedList.State.RETURNED: WARNING}),
    TypicalCase: ("state", {CaseState.DRAFT: NEUTRAL, CaseState.SUBMITTED: WARNING, CaseState.PUBLISHED: SUCCESS,
                            CaseState.DECLINED: DANGER}),
    TrackingReport: ("state", {TrackingReport.State.DRAFT: WARNING, TrackingReport.State.SUBMITTED: SUCCESS}),
    Rectification: ("state", {Rectification.State.OPEN: WARNING, Rectification.State.CLOSED: NEUTRAL}),
    Score: ("state", {Score.State.DRAFT: WARNING, Score.State.SUBMITTED: SUCCESS}),
    PanelSeat: ("state", {PanelSeat.State.WAITING: NEUTRAL, PanelSeat.State.INVITED: WARNING,
                          PanelSeat.State.ACCEPTED: SUCCESS, PanelSeat.State.DECLINED: NEUTRAL,
                          PanelSeat.State.CONFLICTED: NEUTRAL, PanelSeat.State.RELEASED: NEUTRAL}),
    Batch: ("state", {Batch.State.PREPARING: INFO, Batch.State.OPEN: SUCCESS, Batch.State.CLOSED: NEUTRAL}),
    Policy: ("status", {Policy.Status.DRAFT: INFO, Policy.Status.ACTIVE: SUCCESS,
                        Policy.Status.SUPERSEDED: NEUTRAL}),
}

# A recognition's status is by date (recognition.status_on), not a stored field.
RECOGNITION_TONES = {"valid": SUCCESS, "expired": NEUTRAL, "revoked": DANGER}


@dataclass(frozen=True)
class Badge:
    code: str
    label: str
    tone: str


def badge_of(obj) -> Badge:
    """The badge of an object with a state: its code, its Chinese label and its tone. Pure read."""
    field, tones = TONES[type(obj)]
    code = getattr(obj, field)
    return Badge(code=code, label=getattr(obj, f"get_{field}_display")(), tone=tones.get(code, NEUTRAL))


def recognition_badge_of(status: str) -> Badge:
    """The badge of a recognition status (valid, expired or revoked) as ``status_on`` returns it. Pure."""
    return Badge(code=status, label=STATUS_LABELS[status], tone=RECOGNITION_TONES[status])
