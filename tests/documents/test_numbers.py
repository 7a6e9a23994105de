"""发文字号: per prefix and year, no leading zeros, never reused."""

import pytest

from shifan.documents.numbers import NUMBER, issue_number

pytestmark = pytest.mark.django_db


def test_numbers_count_per_prefix_and_year_without_leading_zeros():
    issued = [issue_number("洪企服字", 2026) for _ in range(11)]
    assert issued[0] == "洪企服字〔2026〕1号" and issued[-1] == "洪企服字〔2026〕11号"
    assert issue_number("洪企服字", 2027) == "洪企服字〔2027〕1号"
    assert issue_number("洪企服函", 2026) == "洪企服函〔2026〕1号"
    assert all(NUMBER.match(n) for n in issued)


def test_a_rolled_back_document_gives_its_number_back():
    from django.db import transaction

    issue_number("洪企服字", 2026)
    with pytest.raises(RuntimeError), transaction.atomic():
        issue_number("洪企服字", 2026)
        raise RuntimeError("the document failed to save")
    assert issue_number("洪企服字", 2026) == "洪企服字〔2026〕2号"
