"""A short-lived cache of the public portal's query results (Django's cache framework).

Whole pages are not cached: every page carries the visitor's CSRF token (base.html) and, for a
logged-in visitor, their name. What is cached is the public data a page is built from — counts and
cards of recognitions, rows of a publicity list — which is the same for every visitor and names no
person. Entries live ``PUBLIC_CACHE_SECONDS``: a new recognition, a revocation or an entry taken off a
publicity list shows on the portal at most that long after it is made.
"""

import hashlib
import json
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.utils import timezone

PUBLIC_CACHE_SECONDS = 60
T = TypeVar("T")


def cache_key(name: str, *parts) -> str:
    """A key for ``name`` and the given JSON-able parts (and today's date: validity depends on it)."""
    text = json.dumps([timezone.localdate().isoformat(), *parts], ensure_ascii=False, sort_keys=True, default=str)
    return f"portal:{name}:{hashlib.sha256(text.encode()).hexdigest()}"


def remembered(key: str, compute: Callable[[], T]) -> T:
    """The cached value of ``key``, or ``compute()`` stored for ``PUBLIC_CACHE_SECONDS``.

    Side effects: reads and writes the default cache."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, PUBLIC_CACHE_SECONDS)
    return value


def paged(query, per_page: int, number, rows: Callable[[list], list]) -> dict:
    """One page of ``query`` as plain data: the total, the page number and ``rows(objects)``."""
    paginator = Paginator(query, per_page)
    page = paginator.get_page(number)
    return {"total": paginator.count, "number": page.number, "rows": rows(list(page.object_list))}


def page_of(data: dict, per_page: int) -> Page:
    """A Page for the pager template from ``paged()`` data (no query): its object_list is the rows."""
    page = Paginator(range(data["total"]), per_page).get_page(data["number"])
    page.object_list = data["rows"]
    return page
