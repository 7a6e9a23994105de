"""Paging helpers shared by list pages."""

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    """A Paginator told how many rows there are, when the page has counted them already (e.g. in a
    grouped count it shows anyway): Django's own would count them again in a query of its own."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached_property: this is its value
