"""Cached names of reference tables: one query, then none, until a row is saved or deleted."""

import pytest
from django.core.cache import cache

from shifan.accounts.models import Jurisdiction, Organization
from shifan.batches.models import Batch
from shifan.core.reference import names_of
from tests.factories import BatchFactory

pytestmark = pytest.mark.django_db


def test_names_are_read_once_and_forgotten_when_a_row_changes(batch, django_assert_num_queries,
                                                              django_capture_on_commit_callbacks):
    with django_assert_num_queries(1):
        assert names_of(Batch) == [(batch.pk, batch.name)]
    with django_assert_num_queries(0):
        assert names_of(Batch) == [(batch.pk, batch.name)]
    batch.name = "2026年度示范平台认定（更正）"
    with django_capture_on_commit_callbacks(execute=True):
        batch.save()
    assert names_of(Batch) == [(batch.pk, "2026年度示范平台认定（更正）")]
    older = BatchFactory(year=batch.year - 1)
    assert names_of(Batch) == [(batch.pk, batch.name), (older.pk, older.name)]  # newest year first
    older.delete()
    assert names_of(Batch) == [(batch.pk, batch.name)]


def test_names_cached_before_the_commit_are_forgotten_at_the_commit(district_x,
                                                                  django_capture_on_commit_callbacks):
    """Another request could cache the old names between the save and the commit (it does not see the
    change yet); the commit forgets them again. Here the old names are put back by hand."""
    before = names_of(Jurisdiction)
    with django_capture_on_commit_callbacks(execute=True):
        district_x.name = "东湖区（更名）"
        district_x.save()
        cache.set("reference-names:accounts.jurisdiction", before)  # what the other request would store
        assert names_of(Jurisdiction) == before
    assert (district_x.pk, "东湖区（更名）") in names_of(Jurisdiction)


def test_an_unwatched_table_is_refused():
    with pytest.raises(LookupError, match="not watched"):
        names_of(Organization)
