"""status_tally: the counts a list page shows, by status, overall and in one batch, from one query."""

import pytest

from shifan.applications.enums import Status
from shifan.applications.queries import applications_for_user, status_tally
from shifan.batches.models import Batch
from tests.factories import ApplicationFactory, BatchFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_counts_by_status_overall_and_in_the_batch(batch, district_x, org_b, personas, django_assert_num_queries):
    older = BatchFactory(year=batch.year - 1, state=Batch.State.CLOSED)
    for status, in_current, in_older in ((Status.SUBMITTED, 2, 1), (Status.RECOMMENDED, 1, 0),
                                         (Status.RETURNED, 0, 2), (Status.DRAFT, 1, 1)):
        for year_batch, n in ((batch, in_current), (older, in_older)):
            for _ in range(n):
                ApplicationFactory(batch=year_batch, organization=OrganizationFactory(jurisdiction=district_x),
                                   status=status)
    ApplicationFactory(batch=batch, organization=org_b, status=Status.SUBMITTED)  # another district's
    visible = applications_for_user(personas["officer_x"])
    with django_assert_num_queries(1):
        overall, in_batch = status_tally(visible, batch_id=batch.pk)
    assert overall == {"submitted": 3, "recommended": 1, "returned": 2}  # drafts are never the district's
    assert in_batch == {"submitted": 2, "recommended": 1}
    assert status_tally(visible, batch_id=None) == (overall, {})
    assert status_tally(visible.none(), batch_id=batch.pk) == ({}, {})
