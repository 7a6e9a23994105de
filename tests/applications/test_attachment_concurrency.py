"""Races of attachments on PostgreSQL: uploads, removals and submission lock the application row."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from shifan.applications.domain.attachments import add_attachment, remove_attachment
from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.applications.errors import TransitionBlocked
from shifan.applications.models import Application, Attachment
from tests.factories import MINIMAL_PDF, ApplicationFactory, make_submittable

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("race tests need PostgreSQL: set DATABASE_URL (CI runs them)")


def _race(jobs) -> list[object]:
    barrier = threading.Barrier(len(jobs))
    outcomes: list[object] = [None] * len(jobs)

    def run(index: int, job) -> None:
        try:
            barrier.wait(timeout=10)
            job()
            outcomes[index] = "won"
        except (ValidationError, TransitionBlocked) as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.parametrize("attempt", range(5))
def test_a_submission_never_goes_through_without_a_file_removed_at_the_same_moment(attempt, personas, org_a, batch):
    application = make_submittable(ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT))
    licence = Attachment.objects.get(application=application, slot="licence")
    user, colleague = personas["applicant_a"], personas["applicant_a2"]
    outcomes = _race([
        lambda: transition(Application.objects.get(pk=application.pk), Action.SUBMIT, actor=user),
        lambda: remove_attachment(Application.objects.get(pk=application.pk), licence, actor=colleague),
    ])  # fmt: skip
    submitted = Application.objects.get(pk=application.pk).status == Status.SUBMITTED
    still_there = Attachment.objects.filter(pk=licence.pk).exists()
    assert sorted("won" if o == "won" else "lost" for o in outcomes) == ["lost", "won"]
    assert submitted == still_there  # submitted with its licence, or a draft without it: never submitted without


@pytest.mark.parametrize("attempt", range(5))
def test_two_uploads_into_an_almost_full_slot_never_exceed_its_limit(attempt, personas, org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT)
    add_attachment(application, "declaration_scan", MINIMAL_PDF, "一.pdf", actor=personas["applicant_a"])
    outcomes = _race([
        lambda: add_attachment(Application.objects.get(pk=application.pk), "declaration_scan", MINIMAL_PDF, "二.pdf",
                               actor=personas["applicant_a"]),
        lambda: add_attachment(Application.objects.get(pk=application.pk), "declaration_scan", MINIMAL_PDF, "三.pdf",
                               actor=personas["applicant_a2"]),
    ])  # fmt: skip
    assert sorted("won" if o == "won" else "lost" for o in outcomes) == ["lost", "won"]
    assert Attachment.objects.filter(application=application, slot="declaration_scan").count() == 2
