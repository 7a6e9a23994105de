"""Values as the review's documents show them: points, moments, names safe in a file name."""

import re

from django.utils import timezone

from shifan.applications.documents.formats import chinese_date, plain_number

_UNSAFE_IN_FILENAME = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|]+')


def points(value) -> str:
    """Points as typed, without trailing zeros: 5.0 → 5, 4.5 → 4.5; empty for None."""
    return plain_number(value)


def moment(value) -> str:
    """A timestamp in Beijing time: 2026年5月1日 10:20:30; empty for None."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{chinese_date(local.date())} {local:%H:%M:%S}"


def day(value) -> str:
    """The day of a timestamp in Beijing time: 2026年5月1日; empty for None."""
    return chinese_date(timezone.localtime(value).date()) if value else ""


def safe_name(text: str) -> str:
    """Text without characters that are unsafe in a file name."""
    return _UNSAFE_IN_FILENAME.sub("_", text).strip(" .") or "_"
