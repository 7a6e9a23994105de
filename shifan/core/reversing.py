"""One reverse() for a list of links that differ only in their last URL argument."""

from collections.abc import Callable

from django.urls import reverse

# A value no real id or code takes, which every converter the URLs use (int, slug, str) accepts.
_MARK = "2147483647"


def url_filler(name: str, *args) -> Callable[[object], str]:
    """last argument → the URL ``name`` with ``args`` before it, reversed once: a list page links each of
    its rows, and a reverse() cost about as much as rendering the row around it. The filled value is put
    in as it is, so it must be URL-safe (an id or a slug)."""
    before, after = reverse(name, args=[*args, _MARK]).split(_MARK)
    return lambda last: f"{before}{last}{after}"
