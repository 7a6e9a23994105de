import pytest

from tests.workdays.helpers import seeded_calendar


@pytest.fixture(autouse=True)
def _calendar(db):
    seeded_calendar()
