"""The audit trail is append-only and tamper-evident (DESIGN.md §9)."""

from itertools import pairwise

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.applications.models import Application, StatusChange
from shifan.audit.models import AppendOnlyError, AuditEvent
from shifan.audit.recorder import record
from shifan.audit.verify import verify_chain
from tests.factories import ApplicationFactory, make_submittable

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_events(personas):
    return [record(f"test.event_{i}", actor=personas["bureau_officer"], data={"n": i}) for i in range(1, 6)]


def _sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_an_intact_chain_verifies(five_events):
    assert verify_chain().ok
    assert verify_chain().checked == 5
    assert [e.seq for e in five_events] == [1, 2, 3, 4, 5]
    assert all(b.prev_hash == a.hash for a, b in pairwise(five_events))


def test_an_edited_row_is_detected(five_events):
    _sql("UPDATE audit_auditevent SET data = %s WHERE seq = 3", ['{"n": 99}'])
    result = verify_chain()
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 3, "记录内容与哈希不符（记录被修改）")


def test_an_edited_actor_is_detected(five_events, personas):
    _sql("UPDATE audit_auditevent SET actor_label = 'someone' WHERE seq = 2")
    assert verify_chain().first_bad_seq == 2


def test_a_deleted_row_is_detected(five_events):
    _sql("DELETE FROM audit_auditevent WHERE seq = 2")
    result = verify_chain()
    assert (result.ok, result.first_bad_seq) == (False, 2)


def test_reordered_rows_are_detected(five_events):
    _sql("UPDATE audit_auditevent SET seq = -1 WHERE seq = 2")
    _sql("UPDATE audit_auditevent SET seq = 2 WHERE seq = 4")
    _sql("UPDATE audit_auditevent SET seq = 4 WHERE seq = -1")
    result = verify_chain()
    assert (result.ok, result.first_bad_seq) == (False, 2)


def test_a_truncated_tail_is_detected(five_events):
    _sql("DELETE FROM audit_auditevent WHERE seq = 5")
    result = verify_chain()
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 5, "链头与最后一条记录不符（末尾记录被删除）")


def test_a_chain_rebuilt_without_the_key_is_detected(five_events):
    # An attacker who recomputes hashes with a guessed key still fails verification.
    _sql("UPDATE audit_auditevent SET hash = %s WHERE seq = 5", ["f" * 64])
    assert verify_chain().first_bad_seq == 5


def test_the_orm_refuses_to_change_or_delete_events(five_events):
    event = five_events[0]
    event.event = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(seq=1).update(event="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert verify_chain().ok


def test_verify_audit_command_reports_success_and_failure(five_events, capsys):
    call_command("verify_audit")
    assert capsys.readouterr().out.strip() == "审计链完整：共 5 条记录。"
    _sql("DELETE FROM audit_auditevent WHERE seq = 4")
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert str(error.value).startswith("审计链校验失败：第 4 条")


def test_a_business_write_fails_when_its_audit_write_fails(personas, org_a, batch):
    application = make_submittable(ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT))
    with override_settings(AUDIT_HMAC_KEY="not-hex"), pytest.raises(ValueError):
        transition(application, Action.SUBMIT, actor=personas["applicant_a"])
    assert Application.objects.get(pk=application.pk).status == Status.DRAFT
    assert not StatusChange.objects.exists()
    assert not AuditEvent.objects.exists()


def test_events_record_who_did_what_to_which_object(personas, org_a, batch):
    application = make_submittable(ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT))
    transition(application, Action.SUBMIT, actor=personas["applicant_a"])
    event = AuditEvent.objects.get(event="application.submitted")
    assert (event.actor_label, event.actor_role, event.target_type, event.target_id) == (
        "applicant_a", "applicant", "applications.application", str(application.pk),
    )
