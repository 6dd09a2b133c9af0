"""Requests no view should see."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .clients import client_hash

logger = logging.getLogger(__name__)


class RejectNulBytes:
    """A NUL character in the path or the query string is answered 400 here, once for every view.

    PostgreSQL cannot store or compare text containing NUL, so such a value would otherwise fail deep in
    a query with a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *(value for _, values in request.GET.lists() for value in values)]
        if any("\x00" in value for value in values):
            message = _("The address contains a NUL character, which no page accepts.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return render(request, "400.html", {"problems": [message], "back_url": "/"}, status=400)
        return self.get_response(request)


class DatabaseUnavailable:
    """The database going away mid-request gives a 503 page, not a traceback.

    The broken connection is closed, so that a later request reconnects once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("database unavailable: %s", exception)
        connections.close_all()  # the next request opens a fresh connection, whenever the database is back
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": "The database is unavailable; try again shortly."}, status=503)
        else:
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response


class AdminLoginThrottle:
    """After too many failed sign-ins from one address, the admin login answers 429 for a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or request.path != reverse("admin:login"):
            return self.get_response(request)
        key = "admin-login-failures:" + client_hash(request)
        if cache.get(key, 0) >= settings.ADMIN_LOGIN_ATTEMPTS:
            message = _("Too many failed sign-ins from this address; try again in %(minutes)s minutes.")
            minutes = settings.ADMIN_LOGIN_LOCKOUT_SECONDS // 60
            return HttpResponse(message % {"minutes": minutes}, status=429, content_type="text/plain; charset=utf-8")
        response = self.get_response(request)
        if response.status_code == 200:  # the form came back: the sign-in failed
            cache.add(key, 0, settings.ADMIN_LOGIN_LOCKOUT_SECONDS)
            cache.incr(key)
        return response
