"""Two officers adding the same mobile at the same instant (PostgreSQL): exactly one expert is saved.

The duplicate check reads the blind index before inserting, so both requests pass it; only the
unique constraint on ``Expert.mobile_index`` decides, and the loser gets the Chinese message.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from shifan.audit.models import AuditEvent
from shifan.core.crypto import blind_index
from shifan.experts.domain import create_expert
from shifan.experts.models import Expert

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("race tests need PostgreSQL: set DATABASE_URL (CI runs them)")


def _values(name: str, mobile: str) -> dict:
    return {"name": name, "employer_name": "江西财经大学", "employer_uscc": "", "jurisdiction": None,
            "title": "教授", "title_level": "senior", "specialties": ["quality"], "mobile": mobile,
            "email": "", "available": True, "availability_note": ""}


@pytest.mark.parametrize("attempt", range(3))
def test_two_officers_saving_the_same_mobile_at_once_cannot_both_succeed(personas, attempt):
    officer = personas["bureau_officer"]
    # The same person typed two ways: the index normalises both to 13900139000.
    calls = [_values("王敏", "13900139000"), _values("王敏（重复）", "+86 139-0013-9000")]
    barrier = threading.Barrier(len(calls))
    outcomes: dict[int, object] = {}

    def run(index: int, values: dict) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = create_expert(actor=officer, **values)
        except ValidationError as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, values)) for i, values in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    saved = [o for o in outcomes.values() if isinstance(o, Expert)]
    refused = [o for o in outcomes.values() if isinstance(o, ValidationError)]
    assert (len(saved), len(refused)) == (1, 1)
    assert refused[0].message_dict == {
        "mobile": [f"手机号码 139****9000 已登记为专家「{saved[0].name}」，同一手机号码不能重复入库。"]
    }
    assert list(Expert.objects.values_list("mobile_index", flat=True)) == [blind_index("13900139000", "mobile")]
    assert AuditEvent.objects.filter(event="experts.created").count() == 1
