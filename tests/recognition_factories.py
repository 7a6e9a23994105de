"""Building recognitions directly, for tests that need a recognised platform (certificates, portal, revocation).

Like tests/review_factories.py these write rows the way the domain would leave them, without the
steps' side effects (no transitions, notifications or audit events): an approved proposed list,
its publicity with the platform on it, an approved decision with a number, the recognition, and
(if asked) an approved revocation. Tests of the decision and revocation themselves call
``shifan.recognition.domain`` instead.
"""

from datetime import date, timedelta
from decimal import Decimal
from itertools import count

from django.utils import timezone

from shifan.applications.enums import Status
from shifan.applications.models import Application
from shifan.city_review.models import ProposedEntry, ProposedList
from shifan.publicity.models import Publicity, PublicityEntry
from shifan.recognition.domain import expiry_for
from shifan.recognition.models import Approval, Decision, Recognition, Revocation
from tests.factories import ApplicationFactory

_serial = count(1)  # numbers from 7001 on: other helpers (tests/portal/helpers.py) number from 1
PUBLIC_REASON = "经查实，该平台在申报材料中提供虚假服务业绩。"


def make_decision(batch, *, officer, head, decided_on: date, number: str = "") -> Decision:
    """An approved 认定决定 over a publicity of an approved proposed list (no platform on it yet)."""
    n = next(_serial)
    plist = ProposedList.objects.create(batch=batch, state=ProposedList.State.APPROVED, prepared_by=officer,
                                        decided_by=head, decided_at=timezone.now())
    publicity = Publicity.objects.create(
        batch=batch, proposed_list=plist, title=f"{batch.year}年度拟认定名单公示（{n}）",
        notice_number=f"洪企服字〔{decided_on.year}〕{8000 + n}号", body="公示说明。", contact="0791-00000000",
        published_on=decided_on - timedelta(days=14), working_days=5,
        starts_on=decided_on - timedelta(days=14), ends_on=decided_on - timedelta(days=7), published_by=officer,
    )
    return Decision.objects.create(
        batch=batch, publicity=publicity, title=f"关于认定{batch.year}年度南昌市中小企业公共服务示范平台的决定",
        body="决定正文。", number=number or f"洪企服字〔{decided_on.year}〕{7000 + n}号", state=Approval.APPROVED,
        prepared_by=officer, decided_by=head, decided_on=decided_on,
    )


def put_on_ended_publicity(application: Application, *, officer, head) -> PublicityEntry:
    """The application on a publicity whose window ended a week ago, with no objection (ready for 认定)."""
    decision = make_decision(application.batch, officer=officer, head=head, decided_on=timezone.localdate())
    Decision.objects.filter(pk=decision.pk).delete()
    return PublicityEntry.objects.create(publicity=decision.publicity, application=application, seq=1)


def revoke(recognition: Recognition, *, officer, head, public_reason: str = PUBLIC_REASON,
           number: str = "", at=None) -> Revocation:
    """An approved 撤销 of the recognition, in force from ``at`` (now by default)."""
    at = at or timezone.now()
    revocation = Revocation.objects.create(
        recognition=recognition, reason="经查证属实的违法违规行为（第十条）。", public_reason=public_reason,
        number=number or f"洪企服字〔{timezone.localtime(at).year}〕{9000 + next(_serial)}号",
        state=Approval.APPROVED, prepared_by=officer, decided_by=head, decided_at=at,
    )
    Recognition.objects.filter(pk=recognition.pk).update(revoked_at=at)
    recognition.refresh_from_db()
    return revocation


def make_recognition(application: Application | None = None, *, officer, head, starts_on: date | None = None,
                     expires_on: date | None = None, revoked: bool = False, decision: Decision | None = None,
                     **fields) -> Recognition:
    """A recognised platform: ``application`` (a new one if None) put on an approved list, published,
    recognised by an approved decision on ``starts_on`` (today by default) until ``expires_on``
    (the policy's years later by default), and revoked today if ``revoked``.

    ``fields`` go to the Recognition (``verification_code``, ``service_functions``, ``platform_name``…);
    ``decision`` reuses an approved decision (several platforms recognised by one 文号).
    """
    application = application or ApplicationFactory(status=Status.RECOGNISED)
    starts_on = starts_on or (decision.decided_on if decision else timezone.localdate())
    decision = decision or make_decision(application.batch, officer=officer, head=head, decided_on=starts_on)
    seq = decision.publicity.entries.count() + 1
    ProposedEntry.objects.create(proposed_list=decision.publicity.proposed_list, application=application, rank=seq,
                                 score=Decimal(80), selected=True)
    PublicityEntry.objects.create(publicity=decision.publicity, application=application, seq=seq)
    Application.objects.filter(pk=application.pk).update(status=Status.RECOGNISED)
    application.refresh_from_db()
    defaults = {
        "organization": application.organization,
        "jurisdiction": application.jurisdiction,
        "platform_name": application.platform_name,
        "service_functions": ["technology", "information"],
        "expires_on": expires_on or expiry_for(starts_on, application.batch.policy.validity_years),
    }
    recognition = Recognition.objects.create(application=application, decision=decision, starts_on=starts_on,
                                             **{**defaults, **fields})
    if revoked:
        revoke(recognition, officer=officer, head=head)
    return recognition
