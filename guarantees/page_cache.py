"""Public pages rendered once and served again from a cache until the content changes.

Every save or delete of content draws a new token in the `ContentVersion` row, in the same transaction as
the change, and the token is part of every cache key. So a publication is visible on the next request in
every worker process, and no process has to be told: each reads the token (one primary-key query) before
it looks in its cache. Entries of earlier tokens are never read again and age out.

Only anonymous requests are served from the cache: a request carrying any cookie but the CSRF cookie
(a session, a pending message) is rendered as usual. The one per-visitor value on public pages, the CSRF
token of the correction form, is cut out of the stored page and put back fresh for every visitor.
"""

import hashlib
import re
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, connections
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import set_response_etag

from .models import ContentVersion, LoadedRecord, Suggestion

CACHE_ALIAS = "pages"
VERSION_ROW = 1
# Models whose changes no public page shows.
NOT_CONTENT = {ContentVersion, LoadedRecord, Suggestion}

VERSION_QUERY = f"SELECT token FROM {ContentVersion._meta.db_table} WHERE id = %s"

CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# NUL never appears in a rendered page: RejectNulBytes refuses it in every request.
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"


def current_version() -> int | None:
    # Plain SQL: read on every request, where the ORM's compiling would cost more than the query.
    with connection.cursor() as cursor:
        cursor.execute(VERSION_QUERY, [VERSION_ROW])
        row = cursor.fetchone()
    return row[0] if row else None


def bump_version() -> None:
    """Draw a new token. Bulk changes (`QuerySet.update`, `bulk_create`) send no signals: call this after them."""
    token = secrets.randbits(62)
    if not ContentVersion.objects.filter(pk=VERSION_ROW).update(token=token):
        ContentVersion.objects.update_or_create(pk=VERSION_ROW, defaults={"token": token})


def is_content(model) -> bool:
    """The app's models whose rows pages show; simple_history's copies are saved along with their instance."""
    return model._meta.app_label == "guarantees" and model not in NOT_CONTENT and not hasattr(model, "instance_type")


def bump_on_change(sender, **kwargs) -> None:
    if is_content(sender):
        bump_version()


def ensure_version(using: str, **kwargs) -> None:
    """After every migrate and every flush (which empties the row's table), the row exists."""
    if ContentVersion._meta.db_table in connections[using].introspection.table_names():
        ContentVersion.objects.using(using).get_or_create(pk=VERSION_ROW, defaults={"token": secrets.randbits(62)})


def watch_content(app_config) -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_on_change, dispatch_uid=f"page-cache-{signal}")
    post_migrate.connect(ensure_version, sender=app_config, dispatch_uid="page-cache-version-row")


class PageCache:
    """Serves repeated anonymous GETs of public pages and the API from the `pages` cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.key(request)
        if key is None:
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        stored = cache.get(key)
        if stored is not None:
            return self.replay(request, stored)
        response = self.get_response(request)
        if request.method == "GET" and self.storable(response):
            entry = self.record(request, response)
            if entry is not None:
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return response

    def key(self, request) -> str | None:
        if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
            return None
        if request.path.startswith("/admin/") or set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}:
            return None
        if "HTTP_AUTHORIZATION" in request.META:
            return None
        try:
            version = current_version()
        except DatabaseError:  # the cache stands aside; the view reconnects, or answers that the database is down
            connection.close()
            return None
        if version is None:
            return None
        parts = [
            str(version),
            timezone.localdate().isoformat(),  # "in force today" changes at midnight
            translation.get_language() or "",
            request.scheme,
            request.META.get("HTTP_HOST", ""),
            request.get_full_path(),
            request.META.get("HTTP_ACCEPT", ""),
        ]
        return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def storable(self, response) -> bool:
        if response.status_code != 200 or response.streaming:
            return False
        if len(response.content) > settings.PAGE_CACHE_MAX_BYTES:
            return False
        if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control

    def record(self, request, response) -> tuple[bytes, list[tuple[str, str]]] | None:
        """The page as stored, or None where it used the CSRF token somewhere a fresh one cannot be put back."""
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False):
            content, found = CSRF_FIELD.subn(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            if not found:
                return None
        else:
            set_response_etag(response)  # once here, rather than on every replay
            content = response.content
        return content, list(response.headers.items())

    def replay(self, request, stored: tuple[bytes, list[tuple[str, str]]]) -> HttpResponse:
        content, headers = stored
        if CSRF_PLACEHOLDER in content:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response
