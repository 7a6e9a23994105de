import pytest

from shifan.accounts.models import Organization, User
from shifan.applications.models import Application, StatusChange
from shifan.audit.models import AuditEvent
from shifan.audit.verify import verify_chain
from shifan.batches.models import Batch
from shifan.demo.data import load_demo

pytestmark = pytest.mark.django_db


def _counts() -> tuple:
    return tuple(m.objects.count() for m in (User, Organization, Batch, Application, StatusChange, AuditEvent))


def test_load_demo_builds_a_living_system_and_running_it_twice_changes_nothing():
    load_demo()
    first = _counts()
    load_demo()
    assert _counts() == first
    assert sorted(set(Application.objects.values_list("status", flat=True))) == [
        "draft", "in_publicity", "recognised", "recommended", "returned", "submitted",
    ]
    assert set(User.objects.values_list("role", flat=True)) == {
        "applicant", "district_officer", "bureau_officer", "bureau_head", "bureau_admin", "expert", "agency", "auditor",
    }
    assert set(Organization.objects.values_list("jurisdiction__name", flat=True)) == {"东湖区", "红谷滩区"}
    assert verify_chain().ok
