import pytest

from shifan.applications.enums import Status
from shifan.applications.models import Investor, Partner
from shifan.experts.models import Expert
from tests.factories import ApplicationFactory
from tests.review_factories import make_expert, make_group, put_in_group


@pytest.fixture
def officer(personas):
    return personas["bureau_officer"]


@pytest.fixture
def head(personas):
    return personas["bureau_head"]


@pytest.fixture
def app_a(org_a, batch):
    """Org A's application in review, listing a partner and an investor."""
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.IN_REVIEW)
    Partner.objects.create(application=application, name="南昌大学科技园", seq=1)
    Investor.objects.create(application=application, name="江西某投资集团有限公司", seq=1)
    return application


@pytest.fixture
def group(batch, officer, app_a):
    group = make_group(batch, actor=officer, panel_size=1, backup_count=5)
    put_in_group(app_a, group, officer)
    return group


@pytest.fixture
def expert_of(personas):
    """The Expert profile of a persona (expert_1, expert_2)."""

    def make(name: str, **fields) -> Expert:
        return make_expert(user=personas[name], name=personas[name].display_name, **fields)

    return make
