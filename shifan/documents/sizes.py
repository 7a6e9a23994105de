"""File sizes for people, shared by every upload check of the documents engine."""

import math

KB = 1024
MB = 1024 * 1024


def format_size(count: int) -> str:
    """Rounded up, so a file just over a limit never reads as equal to it."""
    if count < MB:
        return f"{math.ceil(count / KB)} KB"
    tenths = math.ceil(count * 10 / MB)
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MB"
