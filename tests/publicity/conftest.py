import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from shifan.applications.enums import Status
from shifan.applications.models import ApplicationProfile
from shifan.city_review.models import ProposedEntry, ProposedList
from shifan.workdays.models import CalendarYear
from tests.factories import ApplicationFactory


@pytest.fixture(autouse=True)
def known_years(db):
    """The current and next year counted by the plain weekend rule where no arrangement is seeded, so
    tests that publish "today" keep running after the seeded years (2004–2026) run out."""
    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试：按周末规则", "complete": True})


@pytest.fixture
def officer(personas):
    return personas["bureau_officer"]


@pytest.fixture
def head(personas):
    return personas["bureau_head"]


@pytest.fixture
def approved_list(batch, officer, head, org_a, org_b):
    """An approved list selecting two proposed platforms (A's and B's)."""
    plist = ProposedList.objects.create(batch=batch, state=ProposedList.State.APPROVED, prepared_by=officer,
                                        decided_by=head, decided_at=timezone.now())
    for rank, (org, name) in enumerate(((org_a, "甲示范平台"), (org_b, "乙示范平台")), start=1):
        application = ApplicationFactory(organization=org, batch=batch, status=Status.PROPOSED, platform_name=name)
        ApplicationProfile.objects.create(application=application, service_functions=["technology"],
                                          contact_name="张联系", contact_phone="13912345678")
        ProposedEntry.objects.create(proposed_list=plist, application=application, rank=rank,
                                     score=Decimal(90 - rank), selected=True)
    return plist


SEPT_24 = dt.date(2026, 9, 24)
