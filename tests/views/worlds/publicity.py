"""Publicity and recognition objects for the authorization matrix.

``publicity`` is an ended publicity of org A's platform (objections closed) with one objection
and its evidence; ``recognition`` is org A's platform recognised by an approved decision, with a
submitted revocation carrying an evidence file. Each holds data that could leak.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from shifan.applications.enums import Status
from shifan.city_review.models import ProposedEntry, ProposedList
from shifan.publicity.models import Objection, ObjectionEvidence, Publicity, PublicityEntry
from shifan.recognition.models import Decision, Recognition, Revocation
from tests.factories import MINIMAL_PDF, ApplicationFactory


def add(*, personas, world) -> dict:
    officer, head, batch = personas["bureau_officer"], personas["bureau_head"], world["batch"]
    application = ApplicationFactory(organization=world["app_a"].organization, batch=batch.__class__.objects.create(
        year=batch.year - 3, name="往年批次", policy=batch.policy, state="closed", opens_at=batch.opens_at,
        applicant_deadline=batch.applicant_deadline, district_deadline=batch.district_deadline,
        review_starts_on=batch.review_starts_on, review_ends_on=batch.review_ends_on,
    ), status=Status.RECOGNISED, platform_name="甲往年平台")
    plist = ProposedList.objects.create(batch=application.batch, state="approved", prepared_by=officer,
                                        decided_by=head, decided_at=timezone.now())
    ProposedEntry.objects.create(proposed_list=plist, application=application, rank=1, selected=True)
    publicity = Publicity.objects.create(
        batch=application.batch, proposed_list=plist, title="往年公示", notice_number="洪企服字〔2023〕9号",
        body="说明", contact="市局", published_on=dt.date(2023, 9, 1), working_days=5,
        starts_on=dt.date(2023, 9, 1), ends_on=dt.date(2023, 9, 8), published_by=officer,
    )
    entry = PublicityEntry.objects.create(publicity=publicity, application=application, seq=1)
    objection = Objection.objects.create(publicity=publicity, entry=entry, name="异议人甲", mobile="13800000009",
                                         content="异议内容足够长的一段文字。")
    evidence = ObjectionEvidence(objection=objection, name="证据.pdf", extension="pdf",
                                 content_type="application/pdf", size=len(MINIMAL_PDF), sha256="0" * 64)
    evidence.file.save("upload", ContentFile(MINIMAL_PDF))
    decision = Decision.objects.create(batch=application.batch, publicity=publicity, title="决定", body="正文",
                                       number="洪企服字〔2023〕12号", state="approved", prepared_by=officer,
                                       decided_by=head, decided_on=dt.date(2023, 9, 20))
    recognition = Recognition.objects.create(
        application=application, decision=decision, organization=application.organization,
        jurisdiction=application.jurisdiction, platform_name=application.platform_name,
        starts_on=dt.date(2023, 9, 20), expires_on=dt.date(2026, 9, 19),
    )
    revocation = Revocation(recognition=recognition, reason="理由", public_reason="公开原因", prepared_by=officer,
                            state="submitted", evidence_name="核查.pdf", evidence_extension="pdf",
                            evidence_content_type="application/pdf")
    revocation.evidence.save("upload", ContentFile(MINIMAL_PDF), save=False)
    revocation.save()
    return {"publicity": publicity, "objection": objection, "evidence": evidence, "recognition": recognition,
            "revocation": revocation}
