"""The guarantee list (faceted) and a guarantee's page (the jurisdictions side by side)."""

import datetime

from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..aggregates import kept_until_content_changes
from ..cell_strips import status_strips
from ..choices import CitationPurpose
from ..citations import guarantee_citations
from ..compare import build_rows
from ..facets import build_facets, build_status_grid
from ..filters import GuaranteeFilterSet
from ..models import Guarantee, GuaranteeCitation, Jurisdiction
from ..representations import cell_summary, guarantee_summary, row_document, translations
from ..workflow import show_pending
from .errors import BadPage, bad_request, page_of

PAGE_SIZE = 20
RELATED_SHOWN = 12  # of the guarantee's category; the rest are a link to the list filtered by it


class GuaranteeListView(TemplateView):
    template_name = "guarantees/guarantee_list.html"
    filterset_class = GuaranteeFilterSet
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Guarantee.objects.published().order_by("name")

    def get(self, request, *args, **kwargs):
        base = self.get_queryset()
        filterset = self.filterset_class(request.GET, queryset=base)
        if not filterset.is_valid():
            return bad_request(request, filterset.error_messages())
        output = request.GET.get("format", "html")
        if output not in {"html", "json"}:
            return bad_request(request, [_("Unknown format “%(format)s”: use json.") % {"format": output[:20]}])
        as_json = output == "json"
        rows = filterset.qs.with_cells_on(filterset.on_date, texts=False) if as_json else filterset.qs.as_list_items()
        try:
            page = page_of(request, rows, self.paginate_by)
        except BadPage as error:
            return bad_request(request, [str(error)])
        if as_json:
            return JsonResponse(list_document(filterset, page), json_dumps_params={"ensure_ascii": False})
        strips = status_strips(filterset.on_date, [guarantee.pk for guarantee in page.object_list])
        filters = request.GET.copy()
        filters.pop("page", None)  # the facets' links lead back to the first page
        filters = filters.urlencode()  # canonical: the middleware redirected any other spelling
        context = self.get_context_data(
            filterset=filterset,
            page=page,
            items=[(guarantee, strips[guarantee.pk]) for guarantee in page.object_list],
            # Rendered once per set of filters, language and content version: the grid's cells, the facets' options.
            filter_counts=kept_until_content_changes("filter-counts", filters, lambda: filter_counts(filterset)),
            has_filters=any(name != "page" for name in request.GET),
        )
        return self.render_to_response(context)


def filter_counts(filterset: GuaranteeFilterSet) -> str:
    """The sidebar's counts: the status grid and the facets, each option a link that toggles it."""
    context = {"status_grid": build_status_grid(filterset), "facets": build_facets(filterset)}
    return render_to_string("guarantees/partials/_filter_counts.html", context)


def list_document(filterset: GuaranteeFilterSet, page) -> dict:
    """The list page's rows as data: each guarantee with its cell in every jurisdiction on the page's date."""
    rows = build_rows(page, list(Jurisdiction.objects.all()))
    return {
        "as_of": filterset.on_date.isoformat(),
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "guarantees": [row_document(row) for row in rows],
    }


def guarantee_detail(request, slug):
    """A guarantee with the jurisdictions side by side; `?preview=1` shows staff what is not yet published."""
    today = datetime.date.today()
    preview = "preview" in request.GET and request.user.has_perm("guarantees.view_guarantee")
    guarantees = Guarantee.objects.all() if preview else Guarantee.objects.published()
    guarantee = get_object_or_404(
        guarantees.with_cells_on(today, preview=preview).prefetch_related(
            "rights",
            "stages",
            "principles",
            Prefetch("citations", GuaranteeCitation.objects.select_related("source").order_by("purpose", "source")),
        ),
        slug=slug,
    )
    preview_facts = {}
    if preview:
        preview_facts = preview_of(guarantee)
    by_jurisdiction = {assessment.jurisdiction_id: assessment for assessment in guarantee.cells_in_force}
    columns = [(jurisdiction, by_jurisdiction.get(jurisdiction.pk)) for jurisdiction in Jurisdiction.objects.all()]
    related = (
        Guarantee.objects.published().filter(category=guarantee.category_id).exclude(pk=guarantee.pk).order_by("name")
        if guarantee.category_id
        else Guarantee.objects.none()
    )
    related = list(related[: RELATED_SHOWN + 1])  # one more than shown: is there a rest to link to?
    citations = list(guarantee.citations.all())
    context = {
        "guarantee": guarantee,
        "columns": columns,
        "related": related[:RELATED_SHOWN],
        "more_related": len(related) > RELATED_SHOWN,
        "classification_citations": [c for c in citations if c.purpose == CitationPurpose.CLASSIFICATION],
        "content_citations": [c for c in citations if c.purpose == CitationPurpose.CONTENT],
        "today": today,
        "citations": guarantee_citations(guarantee, request.build_absolute_uri(guarantee.get_absolute_url()), today),
        "preview": preview,
        "preview_facts": preview_facts,
        "jurisdiction": None,
    }
    if request.GET.get("format") == "json" and not preview:
        return JsonResponse(guarantee_document(context), json_dumps_params={"ensure_ascii": False})
    response = render(request, "guarantees/guarantee_detail.html", context)
    if preview:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


def preview_of(guarantee) -> dict:
    """Show the guarantee and its assessments as they will read once published; say what that covers."""
    show_pending(guarantee)
    relations = {field.name for field in guarantee._meta.many_to_many}
    for assessment in guarantee.cells_in_force:
        show_pending(assessment)
    return {
        "fields_proposed": any(name not in relations for name in guarantee.pending),
        "relations_proposed": any(name in relations for name in guarantee.pending),
        "unpublished_assessments": sum(not a.is_published for a in guarantee.cells_in_force),
        "proposed_assessments": sum(bool(a.pending) for a in guarantee.cells_in_force),
    }


def guarantee_document(context: dict) -> dict:
    guarantee = context["guarantee"]
    return {
        **guarantee_summary(guarantee),
        "summary": guarantee.summary_en,
        "translations": translations(guarantee, ["name", "summary"]),
        "citation": context["citations"],
        "cells": {
            jurisdiction.code: {
                **cell_summary(jurisdiction, assessment),
                "url": reverse("guarantees:cell", args=[guarantee.slug, jurisdiction.code]),
            }
            for jurisdiction, assessment in context["columns"]
        },
    }
