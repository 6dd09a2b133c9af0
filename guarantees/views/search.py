"""The search page."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from ..search import MAX_QUERY_LENGTH, search_all
from .errors import bad_request


def search(request):
    query = request.GET.get("q", "")
    if len(query) > MAX_QUERY_LENGTH:
        return bad_request(request, [_("A search may be at most %(n)s characters long.") % {"n": MAX_QUERY_LENGTH}])
    if "\x00" in query:
        return bad_request(request, [_("The search contains a character that cannot be searched for.")])
    results = search_all(query) if query.strip() else None
    return render(request, "guarantees/search.html", {"query": query, "results": results})
