"""Races of a dossier import on PostgreSQL: SQLite serialises writers and would hide them."""

import threading

import pytest
from django.db import connection

from shifan.applications.domain.transitions import transition
from shifan.applications.dossier_io import STALE, DossierRejected, import_dossier
from shifan.applications.enums import Action, Status
from shifan.applications.errors import StaleTransition
from shifan.applications.models import Application, ServedEnterprise
from tests.applications.dossiers import sample_for
from tests.factories import ApplicationFactory, make_submittable

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("race tests need PostgreSQL: set DATABASE_URL (CI runs them)")


def _race(application_pk: int, jobs) -> list[object]:
    barrier = threading.Barrier(len(jobs))
    outcomes: list[object] = [None] * len(jobs)

    def run(index: int, job) -> None:
        try:
            application = Application.objects.get(pk=application_pk)  # each thread's own copy
            barrier.wait(timeout=10)
            job(application)
            outcomes[index] = "won"
        except (DossierRejected, StaleTransition) as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.parametrize("attempt", range(5))
def test_two_imports_at_once_one_wins_and_the_lists_are_not_mixed(attempt, personas, org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT)
    small, large = sample_for(application, served=10), sample_for(application, served=150)
    user, colleague = personas["applicant_a"], personas["applicant_a2"]
    outcomes = _race(application.pk, [
        lambda a: import_dossier(a, small, actor=user),
        lambda a: import_dossier(a, large, actor=colleague),
    ])  # fmt: skip
    assert sorted("won" if o == "won" else "lost" for o in outcomes) == ["lost", "won"]
    assert next(o for o in outcomes if o != "won").problems == [STALE]
    assert ServedEnterprise.objects.filter(application=application).count() in (10, 150)
    assert Application.objects.get(pk=application.pk).version == 2


@pytest.mark.parametrize("attempt", range(5))
def test_an_import_racing_a_submission_never_changes_a_submitted_application(attempt, personas, org_a, batch):
    application = make_submittable(ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT))
    data = sample_for(application)
    user = personas["applicant_a"]
    outcomes = _race(application.pk, [
        lambda a: import_dossier(a, data, actor=user),
        lambda a: transition(a, Action.SUBMIT, actor=user),
    ])  # fmt: skip
    final = Application.objects.get(pk=application.pk)
    served = ServedEnterprise.objects.filter(application=application).count()
    if outcomes[0] == "won":
        # The import came first; the submission then saw the imported content (or lost the version race).
        assert served == 120
    else:
        assert served == 0 and final.status == Status.SUBMITTED
