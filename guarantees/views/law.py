"""Jurisdiction and instrument pages."""

import datetime

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe

from ..choices import AssessmentStatus, PublicationStatus
from ..legal_metadata import instrument_document, json_ld
from ..models import Assessment, Category, Guarantee, Instrument, Jurisdiction
from ..querysets import current_assessment_filter


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
    page_url = request.build_absolute_uri(instrument.get_absolute_url())
    context = {
        "instrument": instrument,
        "provisions": provisions,
        "replaces": replaces,
        "json_ld": mark_safe(json_ld(instrument_document(instrument, provisions, page_url))),  # noqa: S308
    }
    return render(request, "guarantees/instrument_detail.html", context)
