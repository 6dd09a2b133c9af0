"""The search page."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from ..search import MAX_QUERY_LENGTH, search_all
from .errors import bad_request


def search(request):
    query = request.GET.get("q", "")
    if len(query) > MAX_QUERY_LENGTH:
        return bad_request(request, [_("A search may be at most %(n)s characters long.") % {"n": MAX_QUERY_LENGTH}])
    results = search_all(query) if query.strip() else None
    return render(request, "guarantees/search.html", {"query": query, "results": results})
