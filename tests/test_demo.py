import pytest

from shifan.accounts.models import Organization, User
from shifan.applications.guards import application_complete
from shifan.applications.models import Application, Attachment, StatusChange
from shifan.audit.models import AuditEvent
from shifan.audit.verify import verify_chain
from shifan.batches.models import Batch
from shifan.demo.data import load_demo
from shifan.recognition.models import Recognition

pytestmark = pytest.mark.django_db


MODELS = (User, Organization, Batch, Application, StatusChange, AuditEvent, Attachment)


def _counts() -> tuple:
    return tuple(m.objects.count() for m in MODELS)


def test_load_demo_builds_a_living_system_and_running_it_twice_changes_nothing():
    load_demo()
    first = _counts()
    load_demo()
    assert _counts() == first
    assert sorted(set(Application.objects.values_list("status", flat=True))) == [
        "draft", "recognised", "recommended", "returned", "submitted",
    ]
    # Every application past draft went through the submission guard, with its files in private storage.
    for application in Application.objects.exclude(status="draft"):
        assert application_complete(application) == []
        assert all(a.file.storage.exists(a.file.name) for a in application.attachments.all())
    assert application_complete(Application.objects.get(status="draft")) != []
    assert set(User.objects.values_list("role", flat=True)) == {
        "applicant", "district_officer", "bureau_officer", "bureau_head", "bureau_admin", "expert", "agency", "auditor",
    }
    applicants = Organization.objects.filter(users__role="applicant").distinct()
    assert set(applicants.values_list("jurisdiction__name", flat=True)) == {"东湖区", "红谷滩区"}
    # The two platforms past the city review got there through it: three experts' sheets each.
    reviewed = Application.objects.filter(status="recognised")
    assert [a.review_scores.filter(state="submitted").count() for a in reviewed] == [3, 3]
    assert sorted(Recognition.objects.values_list("application__status", "decision__state")) == [
        ("recognised", "approved"), ("recognised", "approved")]
    assert verify_chain().ok
