"""Document numbers under concurrent decisions on PostgreSQL: each number once, none skipped."""

import threading

import pytest
from django.db import connection, transaction

from shifan.documents.numbers import issue_number

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("race tests need PostgreSQL: set DATABASE_URL (CI runs them)")


@pytest.mark.parametrize("attempt", range(3))
def test_eight_concurrent_issuers_get_eight_different_consecutive_numbers(attempt):
    barrier = threading.Barrier(8)
    issued: list[str] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                number = issue_number("洪企服字", 2026)
            with lock:
                issued.append(number)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(issued, key=lambda n: int(n[10:-1])) == [f"洪企服字〔2026〕{n}号" for n in range(1, 9)]
