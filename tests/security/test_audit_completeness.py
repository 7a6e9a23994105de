"""Audit completeness (DESIGN.md §9): logins, failed logins, logouts, every transition, every export and
download, every clear-text read of personal data are recorded, and a business write fails if its
audit write fails (proven with a real database failure, not a mock)."""

import contextlib

import pytest
from django.db import DatabaseError, connection
from django.urls import reverse

from shifan.applications.domain.attachments import add_attachment
from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.applications.models import Application, Attachment, StatusChange
from shifan.applications.workflow import TRANSITIONS
from shifan.audit.models import AuditChainHead, AuditEvent
from shifan.audit.verify import verify_chain
from shifan.experts.domain import create_expert, reveal_contact
from shifan.experts.models import Expert
from shifan.notifications.models import Notification
from tests.applications.test_workflow import prepare_for
from tests.conftest import PASSWORD, CsrfClient
from tests.experts.test_domain import VALID as VALID_EXPERT
from tests.factories import MINIMAL_PDF, ApplicationFactory, ExpertFactory, make_submittable
from tests.views.matrix import PERSONAS, ROWS
from tests.views.test_authorization_matrix import world  # noqa: F401 -- the matrix's world, reused

pytestmark = pytest.mark.django_db

APPLICATION = "applications.application"


def _new_events(after: int, *, skip_login: bool = True) -> list[tuple[str, str, str, str]]:
    events = AuditEvent.objects.filter(seq__gt=after)
    if skip_login:
        events = events.exclude(event="auth.login")  # force_login of the test client
    return list(events.values_list("event", "actor_label", "target_type", "target_id"))


def _last_seq() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


# --- logins ------------------------------------------------------------------------------------------


def test_login_failed_login_and_logout_are_each_recorded(personas):
    user = personas["applicant_a"]
    client = CsrfClient(REMOTE_ADDR="10.9.8.7")
    assert client.post("/login/", {"username": "applicant_a", "password": "Not-the-passw0rd"}).status_code == 200
    assert client.post("/login/", {"username": "applicant_a", "password": PASSWORD}).status_code == 302
    assert client.post("/logout/").status_code == 302

    rows = list(AuditEvent.objects.values_list("event", "actor_label", "target_type", "target_id", "ip"))
    assert rows == [
        ("auth.login_failed", "", "", "", "10.9.8.7"),
        ("auth.login", "applicant_a", "accounts.user", str(user.pk), "10.9.8.7"),
        ("auth.logout", "applicant_a", "accounts.user", str(user.pk), "10.9.8.7"),
    ]
    assert AuditEvent.objects.get(event="auth.login_failed").data == {"username": "applicant_a"}
    assert verify_chain().ok


# --- every kind of workflow transition ---------------------------------------------------------------

ACTOR_OF = {
    "applicant_of_application": "applicant_a",
    "district_of_application": "officer_x",
    "is_bureau_officer": "bureau_officer",
    "is_bureau_head": "bureau_head",
}
# One row of the workflow table per distinct audit event: every kind of transition is driven once.
ONE_ROW_PER_EVENT = list({row.event: row for row in reversed(TRANSITIONS)}.values())


def test_every_event_of_the_workflow_table_is_driven_here():
    assert {row.event for row in ONE_ROW_PER_EVENT} == {row.event for row in TRANSITIONS}
    assert len(ONE_ROW_PER_EVENT) == 16


@pytest.mark.parametrize("row", ONE_ROW_PER_EVENT, ids=lambda row: row.event)
def test_each_kind_of_transition_records_its_event(row, personas, org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=row.source)
    if row.source in Status.applicant_editable:
        make_submittable(application)
    prepare_for(row, application, personas)
    actor = personas[ACTOR_OF[row.who.name]]
    reason = "理由：材料需补充" if row.requires_reason else ""
    before = _last_seq()

    transition(application, row.action, actor=actor, reason=reason)

    assert _new_events(before) == [(row.event, actor.username, APPLICATION, str(application.pk))]
    event = AuditEvent.objects.get(seq__gt=before, event=row.event)
    assert event.actor_role == actor.role
    assert event.data == {"from": row.source, "to": row.target, "action": row.action, "reason": reason}
    assert verify_chain().ok


# --- every export and download -----------------------------------------------------------------------

# Every URL that answers a file (Content-Disposition: attachment) → the event it must record and the
# type of its target ("" for exports of a whole list). test_every_download_is_audited finds the
# downloads by their answer, so a new download that is missing here (or that records nothing) fails.
DOWNLOAD_EVENTS = {
    "applicant:list-template": ("application.list_template_downloaded", APPLICATION),
    "applicant:list-export": ("application.list_exported", APPLICATION),
    "applicant:dossier": ("application.dossier_exported", APPLICATION),
    "district:dossier": ("application.dossier_exported", APPLICATION),
    "bureau:dossier": ("application.dossier_exported", APPLICATION),
    "applicant:attachment": ("application.attachment_downloaded", APPLICATION),
    "district:attachment": ("application.attachment_downloaded", APPLICATION),
    "bureau:attachment": ("application.attachment_downloaded", APPLICATION),
    "expert:attachment": ("application.attachment_downloaded", APPLICATION),
    "agency:attachment": ("application.attachment_downloaded", APPLICATION),
    "applicant:document": ("application.documents_downloaded", APPLICATION),
    "district:document": ("application.documents_downloaded", APPLICATION),
    "bureau:document": ("application.documents_downloaded", APPLICATION),
    "district:recommendation": ("district.recommendation_downloaded", APPLICATION),
    "bureau:recommendation": ("district.recommendation_downloaded", APPLICATION),
    "district:summary": ("district.summary_downloaded", "batches.batch"),
    "bureau:experts-export": ("experts.exported", ""),
    "bureau:experts-template": ("experts.template_downloaded", ""),
    "bureau:review-report": ("review.agency_report_downloaded", "city_review.reviewgroup"),
    "agency:report": ("review.agency_report_downloaded", "city_review.reviewgroup"),
    "bureau:review-score-docx": ("review.score_sheet_downloaded", APPLICATION),
    "expert:score-docx": ("review.score_sheet_downloaded", APPLICATION),
    "bureau:review-summary-xlsx": ("review.summary_downloaded", "batches.batch"),
    "bureau:review-draw-docx": ("review.draw_record_downloaded", "city_review.expertdraw"),
    "bureau:objection-evidence": ("publicity.evidence_downloaded", "publicity.publicity"),
    "bureau:revocation-evidence": ("recognition.evidence_downloaded", "recognition.recognition"),
    "bureau:certificate-pdf": ("recognition.certificate_downloaded", "recognition.recognition"),
    "bureau:certificate-docx": ("recognition.certificate_downloaded", "recognition.recognition"),
    "applicant:certificate-pdf": ("recognition.certificate_downloaded", "recognition.recognition"),
    "applicant:certificate-docx": ("recognition.certificate_downloaded", "recognition.recognition"),
    "bureau:publicity-notice-docx": ("publicity.notice_downloaded", "publicity.publicity"),
    "portal:publicity-notice-docx": ("publicity.notice_downloaded", "publicity.publicity"),
    "bureau:decision-notice-docx": ("recognition.decision_downloaded", "recognition.decision"),
    "bureau:support-grant-document": ("support.grant_document_downloaded", "recognition.recognition"),
    "bureau:dashboard-xlsx": ("dashboard.exported", "batches.batch"),
    "applicant:tracking-served-template": ("tracking.served_template_downloaded", "tracking.trackingreport"),
    "applicant:tracking-reply-file": ("tracking.reply_file_downloaded", "tracking.trackingreport"),
    "bureau:tracking-reply-file": ("tracking.reply_file_downloaded", "tracking.trackingreport"),
    # The documents zips are built in the background (audited there) and served from the job's page.
    "home:job-download": ("jobs.result_downloaded", "jobs.job"),
}


def _entitled(row) -> str | None:
    return next((p for p in PERSONAS if row.status_for(p) == 200), None)


def test_every_download_is_audited(world, client_for):  # noqa: F811 -- the imported fixture
    found, problems = set(), []
    for row in ROWS:
        persona = _entitled(row) if row.method == "GET" else None
        if persona is None:
            continue
        kwargs = {k: v[1:] if v.startswith("=") else world[v].pk for k, v in row.kwargs.items()}
        client = client_for(None if persona == "anon" else persona)
        before = _last_seq()
        response = client.get(reverse(row.name, kwargs=kwargs))
        if response.streaming:
            b"".join(response.streaming_content)
        if not response.get("Content-Disposition", "").startswith("attachment"):
            continue
        found.add(row.name)
        events = [e for e in _new_events(before) if not e[0].endswith("_viewed")]
        expected_event, expected_type = DOWNLOAD_EVENTS.get(row.name, ("?", "?"))
        actor = "" if persona == "anon" else persona
        if len(events) != 1 or events[0][:3] != (expected_event, actor, expected_type) or (
                expected_type and not events[0][3]):
            problems.append(f"{row.name} as {persona}: {events}")
    assert problems == [], "\n".join(problems)
    assert found == set(DOWNLOAD_EVENTS)


def test_a_download_names_the_object_it_served(world, client_for):  # noqa: F811
    app_a = world["app_a"]
    before = _last_seq()
    url = reverse("bureau:attachment", kwargs={"pk": app_a.pk, "attachment_id": world["attachment_a"].pk})
    response = client_for("bureau_officer").get(url)
    b"".join(response.streaming_content)
    event = AuditEvent.objects.get(seq__gt=before, event="application.attachment_downloaded")
    assert (event.actor_label, event.target_type, event.target_id) == ("bureau_officer", APPLICATION, str(app_a.pk))
    assert event.data["attachment"] == world["attachment_a"].pk


# --- clear-text reads of personal data ---------------------------------------------------------------


def test_revealing_an_experts_contact_is_recorded_without_the_values(world, client_for):  # noqa: F811
    expert = world["pool_expert"]
    before = _last_seq()
    response = client_for("bureau_officer").post(reverse("bureau:expert-contact", kwargs={"pk": expert.pk}))
    assert response.status_code == 200
    assert expert.mobile in response.content.decode()
    assert _new_events(before) == [("experts.contact_viewed", "bureau_officer", "experts.expert", str(expert.pk))]
    event = AuditEvent.objects.get(seq__gt=before, event="experts.contact_viewed")
    assert expert.mobile not in str(event.data) and expert.email not in str(event.data)


def test_officials_reading_personal_data_in_clear_are_recorded(world, client_for):  # noqa: F811
    # The objection's name and phone, read by the bureau officer who investigates.
    publicity, objection = world["publicity"], world["objection"]
    before = _last_seq()
    url = reverse("bureau:objection", kwargs={"pk": objection.pk})
    assert client_for("bureau_officer").get(url).status_code == 200
    assert _new_events(before) == [("publicity.objection_viewed", "bureau_officer", "publicity.publicity",
                                    str(publicity.pk))]
    # Sections of 附件3 with the served enterprises' contact data, read by the district officer in clear.
    before = _last_seq()
    application = world["app_a"]
    url = reverse("district:section", kwargs={"pk": application.pk, "code": "served"})
    assert client_for("officer_x").get(url).status_code == 200
    assert _new_events(before) == [("application.personal_data_viewed", "officer_x", APPLICATION,
                                    str(application.pk))]


# --- a business write fails when its audit write fails -----------------------------------------------


@contextlib.contextmanager
def audit_store_refuses_inserts():
    """A real failure of the audit table: a trigger that makes every INSERT into it fail."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION bak_audit_down() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'audit store unavailable'; END $$ LANGUAGE plpgsql")
            cursor.execute("CREATE TRIGGER bak_audit_down BEFORE INSERT ON audit_auditevent "
                           "FOR EACH ROW EXECUTE FUNCTION bak_audit_down()")
        else:
            cursor.execute("CREATE TRIGGER bak_audit_down BEFORE INSERT ON audit_auditevent "
                           "BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER bak_audit_down ON audit_auditevent" if connection.vendor == "postgresql"
                           else "DROP TRIGGER bak_audit_down")
            if connection.vendor == "postgresql":
                cursor.execute("DROP FUNCTION bak_audit_down()")


def _audit_state():
    return AuditEvent.objects.count(), list(AuditChainHead.objects.values_list("seq", "hash"))


@pytest.mark.django_db(transaction=True)
def test_a_transition_is_not_written_when_its_audit_write_fails(personas, org_a, batch):
    application = make_submittable(ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT))
    version, audit_before = application.version, _audit_state()

    with audit_store_refuses_inserts(), pytest.raises(DatabaseError):
        transition(application, Action.SUBMIT, actor=personas["applicant_a"])

    stored = Application.objects.get(pk=application.pk)
    assert (stored.status, stored.version, stored.submitted_at) == (Status.DRAFT, version, None)
    assert not StatusChange.objects.exists()
    assert not Notification.objects.exists()
    assert _audit_state() == audit_before
    # Once the audit store is back, the same move goes through and is recorded.
    transition(application, Action.SUBMIT, actor=personas["applicant_a"])
    assert Application.objects.get(pk=application.pk).status == Status.SUBMITTED
    assert AuditEvent.objects.filter(event="application.submitted").count() == 1
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_not_kept_when_its_audit_write_fails(personas, org_a, batch, settings):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT)
    audit_before = _audit_state()

    with audit_store_refuses_inserts(), pytest.raises(DatabaseError):
        add_attachment(application, "licence", MINIMAL_PDF, "营业执照.pdf", actor=personas["applicant_a"])

    assert not Attachment.objects.filter(application=application).exists()
    stored_files = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] if settings.MEDIA_ROOT.exists() else []
    assert stored_files == []
    assert _audit_state() == audit_before


@pytest.mark.django_db(transaction=True)
def test_an_expert_is_not_created_and_no_contact_is_revealed_when_the_audit_write_fails(personas):
    officer = personas["bureau_officer"]
    existing = ExpertFactory()
    audit_before = _audit_state()
    with audit_store_refuses_inserts():
        with pytest.raises(DatabaseError):
            create_expert(actor=officer, **VALID_EXPERT)
        with pytest.raises(DatabaseError):
            reveal_contact(existing, actor=officer)  # an unaudited clear-text read never happens

    assert list(Expert.objects.values_list("pk", flat=True)) == [existing.pk]
    assert _audit_state() == audit_before


@pytest.mark.django_db(transaction=True)
def test_a_download_is_refused_when_its_audit_write_fails(personas, org_a, batch, client_for):
    application = make_submittable(ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT))
    attachment = application.attachments.first()
    client = client_for("applicant_a")
    url = reverse("applicant:attachment", kwargs={"pk": application.pk, "attachment_id": attachment.pk})
    with audit_store_refuses_inserts(), pytest.raises(DatabaseError):
        client.get(url)
