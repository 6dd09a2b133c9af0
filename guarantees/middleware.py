"""Requests no view should see, and the headers every response carries."""

import functools
import logging
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class RejectNulBytes:
    """A NUL character in the path, the query string or a posted form is answered 400 here, once for every view.

    PostgreSQL cannot store or compare text containing NUL, so such a value would otherwise fail deep in
    a query with a server error. Uploaded files are not looked at: the CSV import reads and judges its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if contains_nul([request.path, *all_values(request.GET)]):
            return self.refuse(request, _("The address contains a NUL character, which no page accepts."))
        if request.method == "POST" and contains_nul(all_values(request.POST)):
            return self.refuse(request, _("The form contains a NUL character, which no field accepts."))
        return self.get_response(request)

    def refuse(self, request, message: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return render(request, "400.html", {"problems": [message], "back_url": "/"}, status=400)


def all_values(query) -> list[str]:
    """Every key and value of a QueryDict."""
    return [text for key, values in query.lists() for text in (key, *values)]


def contains_nul(values: list[str]) -> bool:
    return any("\x00" in value for value in values)


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


class RejectBadAdminIds:
    """An admin request naming an entry by an id that cannot be one is answered 400 before the admin sees it.

    The admin filters by the ids it is given while it builds a bulk action's selection (`_selected_action`)
    or redraws a change form's relation widgets, and a value such as `abc` fails there as a server error.
    Every id posted to a model's admin pages, and every relation prefilled on an add form, is checked
    against the field it names, on the model and on its inlines.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        model_admin = getattr(view_func, "model_admin", None)
        if model_admin is None:
            return None
        data = request.POST if request.method == "POST" else None
        if data is None and (request.resolver_match.url_name or "").endswith("_add"):
            data = request.GET
        if not data:
            return None
        problems = bad_ids(data, model_admin)
        if problems:
            message = _("Not an id of an entry: %(problems)s.") % {"problems": "; ".join(problems)}
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return None


def bad_ids(data, model_admin) -> list[str]:
    """`name “value”` for each value in `data` that the field it names (the primary key for a selection) refuses.

    A plain name is a field of the admin's model; `<prefix>-<n>-<name>` one of an inline's (or of a row of the
    changelist's editable list).
    """
    own = relation_targets([model_admin.model])
    own["_selected_action"] = [(model_admin.model._meta.pk, False)]
    rows = relation_targets([model_admin.model, *(inline.model for inline in model_admin.inlines)])
    problems = []
    for key, values in data.lists():
        prefix, _dash, name = key.rpartition("-")
        targets = (rows if prefix else own).get(name, [])
        for value in values:
            if targets and not any(accepts(field, value, many) for field, many in targets):
                problems.append(f"{key} “{value[:40]}”")
    return problems


def relation_targets(models: list) -> dict[str, list[tuple]]:
    """Relation field name -> (the field its ids must fit, whether it holds several) for each model that has it."""
    targets: dict[str, list[tuple]] = {}
    for model in models:
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete:
                targets.setdefault(field.name, []).append((field.target_field, field.many_to_many))
    return targets


def accepts(field, value: str, many: bool) -> bool:
    """Whether each id in `value` fits `field`; several are posted comma-separated by a raw-id widget."""
    parts = value.split(",") if many else [value]
    try:
        for part in filter(None, (part.strip() for part in parts)):
            field.run_validators(field.to_python(part))
    except ValidationError:
        return False
    return True


class ResponsePolicies:
    """Every response says which browser features the site may use and who may embed its resources.

    The API is read from any origin (see CORS_URLS_REGEX), so its answers may be loaded cross-origin too.
    An answer to HEAD leaves here without its body, whatever server runs the site (gunicorn and runserver
    drop it too, but a WSGI server need not); its headers, Content-Length included, are the GET's.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED)
        self.cross_origin_paths = re.compile(settings.CORS_URLS_REGEX)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        shared = self.cross_origin_paths.match(request.path_info)
        response.setdefault("Cross-Origin-Resource-Policy", "cross-origin" if shared else "same-origin")
        if request.method == "HEAD":
            if response.streaming:
                response.streaming_content = []
            else:
                response.content = b""
        return response


@functools.cache
def page_parameters() -> dict[str, set[str]]:
    """The query parameters each public page reads; its URL name -> their names."""
    from .filters import GuaranteeFilterSet

    filters = set(GuaranteeFilterSet.base_filters)
    none: set[str] = set()
    return {
        "guarantees:home": none,
        "guarantees:taxonomy": none,
        "guarantees:guarantee-list": filters | {"page", "format"},
        "guarantees:guarantee": {"preview", "format", "suggested"},
        "guarantees:cell": {"as_of", "format", "suggested"},
        "guarantees:jurisdiction": none,
        "guarantees:instrument": none,
        "guarantees:article": {"para", "a", "b", "as_of"},
        "guarantees:compare": filters | {"j", "diff", "format", "page"},
        "guarantees:compare-texts": filters | {"j"},
        "guarantees:compare-changes": {"since", "as_of", "j", "format"},
        "guarantees:jurisdiction-changes": none,
        "guarantees:feed-amendments": none,
        "guarantees:feed-guarantee-amendments": none,
        "guarantees:feed-cells": none,
        "guarantees:feed-guarantee-cells": none,
        "guarantees:sources": none,
        "guarantees:methodology": none,
        "guarantees:about": none,
        "guarantees:downloads": none,
        "guarantees:search": {"q"},
    }


class CanonicalQueryString:
    """A public page answers only the parameters it reads: a URL with any other is redirected to the same URL
    without them, so that anonymous traffic cannot make unbounded variants of a page to render and cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or request.resolver_match is None:
            return None
        allowed = page_parameters().get(request.resolver_match.view_name)
        if allowed is None or set(request.GET) <= allowed:
            return None
        kept = QueryDict(mutable=True)
        for name in request.GET:
            if name in allowed:
                kept.setlist(name, request.GET.getlist(name))
        query = kept.urlencode()
        return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
