"""Jurisdiction and instrument pages."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..choices import AssessmentStatus, PublicationStatus
from ..citations import article_citations
from ..filters import parse_as_of
from ..history import article_wordings, articles_with_history, word_diff, wording_on
from ..legal_metadata import instrument_document, json_ld
from ..models import Assessment, Category, Guarantee, Instrument, Jurisdiction
from ..querysets import current_assessment_filter
from .errors import bad_request


def jurisdiction_detail(request, code):
    if code != code.upper():
        return redirect("guarantees:jurisdiction", code=code.upper(), permanent=True)
    jurisdiction = get_object_or_404(Jurisdiction, code=code)
    today = datetime.date.today()
    here = Q(guarantees__assessments__jurisdiction=jurisdiction) & current_assessment_filter(
        today, prefix="guarantees__assessments__"
    )
    published = Q(guarantees__publication_status=PublicationStatus.PUBLISHED)
    coverage = (
        Category.objects.filter(guarantees__publication_status=PublicationStatus.PUBLISHED)
        .annotate(
            total=Count("guarantees", filter=published, distinct=True),
            **{
                status: Count("guarantees", filter=published & here & Q(guarantees__assessments__status=status))
                for status in AssessmentStatus.values
            },
        )
        .order_by("kind", "order")
    )
    shortfalls = (
        Assessment.objects.current_on(today)
        .filter(jurisdiction=jurisdiction, status__in=[AssessmentStatus.ABSENT, AssessmentStatus.PARTIAL])
        .select_related("guarantee__category")
        .order_by("status", "guarantee__name")
    )
    unassessed = Guarantee.objects.published().with_status_on(today, jurisdiction, None).order_by("name")
    instruments = jurisdiction.instruments.annotate(provision_count=Count("provisions")).order_by(
        "status", "kind", "date_adopted"
    )
    context = {
        "jurisdiction": jurisdiction,
        "instruments": instruments,
        "coverage": coverage,
        "shortfalls": shortfalls,
        "unassessed": unassessed,
    }
    return render(request, "guarantees/jurisdiction_detail.html", context)


def instrument_detail(request, slug):
    instrument = get_object_or_404(Instrument.objects.select_related("jurisdiction", "replaced_by"), slug=slug)
    published_assessments = (
        Assessment.objects.published()
        .filter(guarantee__publication_status=PublicationStatus.PUBLISHED)
        .select_related("guarantee", "jurisdiction")
    )
    provisions = instrument.provisions.published().prefetch_related(
        Prefetch("assessments", published_assessments.order_by("guarantee__name"), to_attr="published_assessments")
    )
    replaces = instrument.replaces.all()
    with_history = articles_with_history(instrument)
    provisions = list(provisions)
    for provision in provisions:
        provision.has_history = (provision.number, provision.paragraph) in with_history
    page_url = request.build_absolute_uri(instrument.get_absolute_url())
    context = {
        "instrument": instrument,
        "provisions": provisions,
        "replaces": replaces,
        "json_ld": mark_safe(json_ld(instrument_document(instrument, provisions, page_url))),  # noqa: S308
    }
    return render(request, "guarantees/instrument_detail.html", context)


def article_history(request, slug, number):
    """Every wording of one article with the act that brought it, and the difference between any two (`a`, `b`)."""
    instrument = get_object_or_404(Instrument.objects.select_related("jurisdiction"), slug=slug)
    paragraph = request.GET.get("para", "")
    try:
        as_of = parse_as_of(request.GET.get("as_of", ""))
    except ValidationError as error:
        return bad_request(request, error.messages)
    wordings = article_wordings(instrument, number, paragraph)
    if not wordings:
        raise Http404("No published wording of this article.")
    by_key = {wording.key: wording for wording in wordings}
    older_key = request.GET.get("a") or wordings[0].key
    newer_key = request.GET.get("b") or wordings[-1].key
    unknown = [key for key in (older_key, newer_key) if key not in by_key]
    if unknown:
        choices = ", ".join(by_key)
        return bad_request(
            request,
            [
                _("No wording of this article starts on %(key)s; choose one of: %(choices)s.")
                % {"key": unknown[0][:20], "choices": choices}
            ],
        )
    older, newer = by_key[older_key], by_key[newer_key]
    current = wording_on(wordings, as_of or datetime.date.today())
    first = wordings[0].provision
    context = {
        "instrument": instrument,
        "article": first,
        "wordings": wordings,
        "older": older,
        "newer": newer,
        "compared": word_diff(older.provision.text_original, newer.provision.text_original)
        if older is not newer
        else None,
        "as_of": as_of,
        "current": current,
        "citations": article_citations(first, request.build_absolute_uri(request.get_full_path()), as_of),
    }
    return render(request, "guarantees/article_history.html", context)
