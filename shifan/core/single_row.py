"""The one row a filter selects, for lookups by a key that match at most one row."""

from django.db.models import QuerySet


def single_row(queryset: QuerySet):
    """The row (model, dict or value, as the queryset gives) or None, when the filter can match at most one
    row: a primary key, or a pair the data model keeps unique. ``first()`` would add an ORDER BY to make
    "first" well defined; on the scoring page's three such lookups compiling and running that ordering cost
    a fifth of their time, for nothing. Pure read."""
    return next(iter(queryset.order_by()[:1]), None)
