"""Issuing document numbers (发文字号, GB/T 9704-2012 §7.2.4): 洪企服字〔2026〕12号.

No leading zeros, the year in hexagonal brackets 〔〕, never reused, safe under concurrency:
the counter row is created once (a racing creator loses on the unique constraint and retries)
and then locked for the increment inside the caller's transaction.
"""

import re

from django.db import IntegrityError, transaction

from shifan.documents.models import NumberSequence

NUMBER = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]{2,8})〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号$")


def format_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}〔{year}〕{seq}号"


def issue_number(prefix: str, year: int) -> str:
    """The next number under this prefix and year.

    Call it inside the transaction that stores the document: the counter row stays locked until
    that commits (a concurrent caller waits and gets the next number), and a rolled-back document
    rolls its number back with it, so numbers neither repeat nor leave gaps.

    Side effects: creates or advances the NumberSequence row.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                NumberSequence.objects.get_or_create(prefix=prefix, year=year)
        except IntegrityError:
            pass  # created by a concurrent caller: lock it below
        sequence = NumberSequence.objects.select_for_update().get(prefix=prefix, year=year)
        sequence.last += 1
        sequence.save(update_fields=["last"])
        return format_number(prefix, year, sequence.last)
