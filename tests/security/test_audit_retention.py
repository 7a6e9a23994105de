"""Audit retention (DESIGN.md §9): kept at least 6 months (default 3 years); pruning keeps the chain verifiable."""

from datetime import timedelta

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from shifan.audit.models import AuditChainHead, AuditEvent
from shifan.audit.recorder import record
from shifan.audit.verify import verify_chain

pytestmark = pytest.mark.django_db


def _record_at(monkeypatch, when, event: str, **kwargs):
    """Record an event as if the clock said ``when`` (the recorder stamps the time itself)."""
    with monkeypatch.context() as patched:
        patched.setattr(timezone, "now", lambda: when)
        return record(event, **kwargs)


@pytest.fixture
def aged_chain(monkeypatch, personas):
    """Seven events: three 1200 days old, two 1100 days old, two of today (default retention 1095 days)."""
    now = timezone.now()
    ages = [1200, 1200, 1200, 1100, 1100, 0, 0]
    return [_record_at(monkeypatch, now - timedelta(days=age), f"test.event_{i}", actor=personas["auditor"],
                       data={"n": i}) for i, age in enumerate(ages, start=1)]


def _sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _verify_out(capsys) -> str:
    call_command("verify_audit")
    return capsys.readouterr().out.strip()


def _retention_errors():
    return [m for m in run_checks() if m.id == "audit.E001"]


def test_the_default_retention_is_three_years(settings):
    assert settings.AUDIT_RETENTION_DAYS == 1095
    assert _retention_errors() == []


@pytest.mark.parametrize(("days", "refused"), [(182, True), (30, True), (183, False), (3650, False)])
def test_a_retention_under_six_months_is_a_system_check_error(days, refused):
    with override_settings(AUDIT_RETENTION_DAYS=days):
        errors = _retention_errors()
    assert [e.msg for e in errors] == (
        [f"审计日志保存期 SHIFAN_AUDIT_RETENTION_DAYS={days} 天，不足 183 天（6 个月）。"] if refused else [])


def test_prune_refuses_a_retention_under_six_months(aged_chain):
    with override_settings(AUDIT_RETENTION_DAYS=100), pytest.raises(CommandError) as error:
        call_command("prune_audit")
    assert str(error.value) == "保存期 100 天不足 183 天，拒绝清理。"
    assert AuditEvent.objects.count() == 7


def test_prune_removes_only_events_past_retention_and_the_chain_still_verifies(aged_chain, capsys):
    call_command("prune_audit")
    out = capsys.readouterr().out
    assert "的审计记录 5 条（至第 5 条）。" in out
    assert list(AuditEvent.objects.values_list("seq", "event")) == [
        (6, "test.event_6"), (7, "test.event_7"), (8, "audit.pruned")]
    pruned = AuditEvent.objects.get(event="audit.pruned")
    assert pruned.data["through_seq"] == 5 and pruned.data["through_hash"] == aged_chain[4].hash
    assert pruned.data["removed"] == 5 and pruned.data["retention_days"] == 1095
    head = AuditChainHead.objects.get(id=1)
    assert (head.pruned_seq, head.pruned_hash, head.seq) == (5, aged_chain[4].hash, 8)
    assert _verify_out(capsys) == "审计链完整：共 3 条记录。"
    # New events go on the same chain after the prune.
    record("test.after_prune")
    assert verify_chain().ok and verify_chain().checked == 4


def test_a_longer_retention_removes_less_and_nothing_twice(aged_chain, capsys):
    with override_settings(AUDIT_RETENTION_DAYS=1150):
        call_command("prune_audit")
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == [4, 5, 6, 7, 8]
    with override_settings(AUDIT_RETENTION_DAYS=1150):
        call_command("prune_audit")
    assert "没有" in capsys.readouterr().out.splitlines()[-1]
    call_command("prune_audit")  # the default: the two 1100-day-old events go now
    assert list(AuditEvent.objects.values_list("seq", "event")) == [
        (6, "test.event_6"), (7, "test.event_7"), (8, "audit.pruned"), (9, "audit.pruned")]
    assert verify_chain().ok


def test_a_dry_run_removes_nothing(aged_chain, capsys):
    call_command("prune_audit", "--dry-run")
    assert "共 5 条可清理，未删除任何记录" in capsys.readouterr().out
    assert AuditEvent.objects.count() == 7
    assert AuditChainHead.objects.get(id=1).pruned_seq == 0


def test_a_broken_chain_is_never_pruned(aged_chain):
    _sql("UPDATE audit_auditevent SET data = %s WHERE seq = 2", ['{"n": 99}'])
    with pytest.raises(CommandError) as error:
        call_command("prune_audit")
    assert str(error.value) == "审计链校验失败（第 2 条，记录内容与哈希不符（记录被修改）），拒绝清理。"
    assert AuditEvent.objects.count() == 7


@pytest.fixture
def pruned(aged_chain):
    call_command("prune_audit")
    return aged_chain


def _failure(expected_seq: int, problem: str | None = None):
    result = verify_chain()
    assert (result.ok, result.first_bad_seq) == (False, expected_seq)
    if problem:
        assert result.problem == problem
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_an_edit_after_pruning_is_detected(pruned):
    _sql("UPDATE audit_auditevent SET actor_label = 'someone' WHERE seq = 6")
    _failure(6, "记录内容与哈希不符（记录被修改）")


def test_deleting_the_first_kept_event_after_pruning_is_detected(pruned):
    _sql("DELETE FROM audit_auditevent WHERE seq = 6")
    _failure(6)


def test_a_truncated_tail_after_pruning_is_detected(pruned):
    _sql("DELETE FROM audit_auditevent WHERE seq = 8")
    _failure(8, "链头与最后一条记录不符（末尾记录被删除）")


def test_moving_the_anchor_to_hide_deleted_events_is_detected(pruned):
    # An attacker deletes event 6 and moves the anchor past it: no chained prune record vouches for that.
    seventh = AuditEvent.objects.get(seq=6)
    _sql("DELETE FROM audit_auditevent WHERE seq = 6")
    _sql("UPDATE audit_auditchainhead SET pruned_seq = 6, pruned_hash = %s WHERE id = 1", [seventh.hash])
    _failure(7, "清理锚点没有对应的清理记录（早期记录被删除）")


def test_deleting_old_events_without_the_prune_command_is_detected(aged_chain):
    _sql("DELETE FROM audit_auditevent WHERE seq <= 3")
    _failure(1)
    # ... and forging the anchor for them as well.
    _sql("UPDATE audit_auditchainhead SET pruned_seq = 3, pruned_hash = %s WHERE id = 1", [aged_chain[2].hash])
    _failure(4, "清理锚点没有对应的清理记录（早期记录被删除）")
