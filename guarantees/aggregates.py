"""Counts over the whole content (home coverage, facets, the status grid, compare coverage), kept until it changes.

Their cost grows with the data, not with the page, so they are computed once per content version, date and
language for each set of filters, and kept in the default cache: a publication or midnight makes them new
(the key is the page cache's, see `page_cache.py`). They count published content only, so they are the same
for every reader; they are kept with the page cache off as well, for pages rendered afresh (a first visit, a
new page of a list, a new sort). `AGGREGATE_CACHE_SECONDS = 0` computes them on every request.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from .page_cache import content_key_prefix, current_key_prefix

T = TypeVar("T")


def kept_until_content_changes(name: str, parameters: str, compute: Callable[[], T]) -> T:
    """`compute()`, or what it gave for the same name and parameters since the content last changed."""
    if not settings.AGGREGATE_CACHE_SECONDS:
        return compute()
    prefix = current_key_prefix() or content_key_prefix()
    if prefix is None:
        return compute()
    digest = hashlib.sha256(parameters.encode()).hexdigest()[:32]
    key = f"aggregate:{prefix}:{translation.get_language()}:{name}:{digest}"
    cache = caches["default"]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.AGGREGATE_CACHE_SECONDS)
    return value
