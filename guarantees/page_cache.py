"""Public pages served again from Django's cache framework until the content changes.

Django's `CacheMiddleware` does the work (keys from the full URL, the language and the response's `Vary`
headers; only 200s; nothing marked private or setting a cookie). Two things are added here. The content
version and today's date open every key, so a publication, or midnight, makes every page new in every
process and on every host sharing the cache (Redis in production, see `CACHES`), within the second a
process trusts the version it read (`content_version.py`). And only anonymous GETs
are served or stored: a request with any cookie but the CSRF cookie, or with credentials, is rendered as
usual, and no page that used a CSRF token is stored (forms live on pages of their own, never cached).

Browsers are told to revalidate every time (`no-cache` and the ETag), so they too see a publication at once.
"""

import contextvars

from django.conf import settings
from django.db import DatabaseError, connection
from django.middleware.cache import CacheMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag

from .content_version import current_version

CACHE_ALIAS = "pages"

_key_prefix = contextvars.ContextVar("page_cache_key_prefix")


def current_key_prefix() -> str | None:
    """The content version and date keying this request's page, or None when the page cache stands aside."""
    return _key_prefix.get(None)


def content_key_prefix() -> str | None:
    """The content version and today's date ("in force today" changes at midnight); None if it cannot be read."""
    try:
        version = current_version()
    except DatabaseError:  # the cache stands aside; the view reconnects, or answers that the database is down
        connection.close()
        return None
    return None if version is None else f"{version}.{timezone.localdate().isoformat()}"


class PageCache(CacheMiddleware):
    """Serves repeated anonymous GETs of public pages and the API from the `pages` cache."""

    def __init__(self, get_response):
        super().__init__(get_response, cache_timeout=settings.PAGE_CACHE_SECONDS, cache_alias=CACHE_ALIAS)
        # The language is part of every key. This runs before LocaleMiddleware, so it chooses it the same way
        # first (from the path, else the Accept-Language header): a page is looked up under the key it was
        # stored under, and not under the language of the thread's previous request.
        self.choose_language = LocaleMiddleware(get_response).process_request

    # Django's middleware reads one prefix per instance; here it is per request (see __call__).
    key_prefix = property(lambda self: _key_prefix.get(), lambda self, value: None)

    def __call__(self, request):
        prefix = self.prefix(request)
        if prefix is None:
            return self.get_response(request)
        self.choose_language(request)
        token = _key_prefix.set(prefix)
        try:
            response = super().__call__(request)
        finally:
            _key_prefix.reset(token)
        return response

    def process_request(self, request):
        hit = super().process_request(request)
        return None if hit is None else for_browsers(hit)

    def process_response(self, request, response):
        stored_before = "Expires" in response
        # DRF keeps what it rendered on the response as `data`, with the serializer and its model instances:
        # stored with the page, every hit would unpickle them (29 ms for the API's list). Only the bytes are kept.
        data = response.__dict__.pop("data", None) if getattr(response, "is_rendered", True) else None
        try:
            response = super().process_response(request, response)
        finally:
            if data is not None:
                response.data = data
        return response if stored_before or "Expires" not in response else for_browsers(response)

    def prefix(self, request) -> str | None:
        if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
            return None
        if request.path.startswith("/admin/") or set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}:
            return None
        if "HTTP_AUTHORIZATION" in request.META:
            return None
        return content_key_prefix()

    def _should_update_cache(self, request, response) -> bool:
        if not super()._should_update_cache(request, response) or response.streaming:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies:
            return False  # a visitor's CSRF token or cookie in a page served to others
        if len(response.content) > settings.PAGE_CACHE_MAX_BYTES:
            return False
        if response.status_code == 200:
            set_response_etag(response)  # stored with the page, rather than computed on every hit
        return True


def for_browsers(response):
    """Django's middleware gives stored pages a max-age; browsers and proxies are told to revalidate instead."""
    response.headers.pop("Expires", None)
    response.headers.pop("Cache-Control", None)
    patch_cache_control(response, no_cache=True)
    return response
