"""Races on PostgreSQL: SQLite serialises writers and would hide them (DESIGN.md §9)."""

import threading

import pytest
from django.db import connection

from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.applications.errors import StaleTransition
from shifan.applications.models import Application, StatusChange
from shifan.audit.models import AuditEvent
from shifan.audit.verify import verify_chain
from tests.factories import ApplicationFactory, make_recommendable

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("race tests need PostgreSQL: set DATABASE_URL (CI runs them)")


def _race(application_pk: int, moves: list[tuple[str, object, str]]) -> list[object]:
    barrier = threading.Barrier(len(moves))
    outcomes: list[object] = [None] * len(moves)

    def run(index: int, action: str, actor, reason: str) -> None:
        try:
            application = Application.objects.get(pk=application_pk)  # each thread's own stale copy
            barrier.wait(timeout=10)
            transition(application, action, actor=actor, reason=reason)
            outcomes[index] = "won"
        except StaleTransition as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, *move)) for i, move in enumerate(moves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.parametrize("attempt", range(10))
def test_two_officers_acting_at_once_exactly_one_wins(attempt, personas, org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    officer = personas["officer_x"]
    make_recommendable(application, officer)

    outcomes = _race(
        application.pk,
        [(Action.RECOMMEND, officer, ""), (Action.RETURN, officer, "请补充附件5")],
    )

    assert sorted(o if o == "won" else "stale" for o in outcomes) == ["stale", "won"]
    loser = next(o for o in outcomes if o != "won")
    assert str(loser) == "该申报的状态刚刚已被他人更新，请刷新页面后再操作。"
    final = Application.objects.get(pk=application.pk)
    assert final.status in (Status.RECOMMENDED, Status.RETURNED)
    assert final.version == 2
    assert StatusChange.objects.filter(application=application).count() == 1
    assert AuditEvent.objects.filter(target_id=str(application.pk), event__in=(
        "application.recommended", "application.returned")).count() == 1
    assert verify_chain().ok


def test_many_concurrent_audit_writers_keep_one_unbroken_chain(personas, batch):
    applications = [ApplicationFactory(batch=batch, status=Status.RECOMMENDED) for _ in range(8)]
    barrier = threading.Barrier(len(applications))

    def submit(application) -> None:
        try:
            barrier.wait(timeout=10)
            transition(application, Action.ACCEPT, actor=personas["bureau_officer"])
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert Application.objects.filter(status=Status.ACCEPTED).count() == 8
    result = verify_chain()
    assert (result.ok, result.checked) == (True, AuditEvent.objects.count())
