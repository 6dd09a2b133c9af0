"""Home, taxonomy and sources."""

import datetime
import re

from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from ..aggregates import kept_until_content_changes
from ..choices import AssessmentStatus, Kind, PublicationStatus
from ..dataset import LICENCE, dataset_version, published_csv_zip, published_json
from ..models import (
    AssessmentCitation,
    Category,
    CategoryCitation,
    Guarantee,
    GuaranteeCitation,
    Jurisdiction,
    Provision,
    Source,
)
from ..querysets import current_assessment_filter
from ..releases import content_releases

CYRILLIC = re.compile(r"[«\"]?[\u0400-\u04ff]")
PUBLISHED = Q(guarantees__publication_status=PublicationStatus.PUBLISHED)


def categories_with_counts() -> list[Category]:
    """Every category with its published guarantees counted, roots first, each kind's in order."""
    return list(
        Category.objects.select_related("parent")
        .annotate(published_count=Count("guarantees", filter=PUBLISHED))
        .order_by("kind", "order", "name")
    )


def kind_summaries(categories: list[Category]) -> list[dict]:
    """Per kind: its root category, its total, and its categories with guarantees."""
    summaries = []
    for kind in Kind.values:
        of_kind = [category for category in categories if category.kind == kind]
        root = next((category for category in of_kind if category.parent_id is None), None)
        summaries.append(
            {
                "kind": kind,
                "root": root,
                "count": sum(category.published_count for category in of_kind),
                "categories": [category for category in of_kind if category.published_count],
            }
        )
    return summaries


def jurisdictions_with_coverage(on_date: datetime.date):
    current = current_assessment_filter(on_date) & Q(
        assessments__guarantee__publication_status=PublicationStatus.PUBLISHED
    )
    return Jurisdiction.objects.annotate(
        assessed=Count("assessments", filter=current),
        **{
            status: Count("assessments", filter=current & Q(assessments__status=status))
            for status in AssessmentStatus.values
        },
    ).order_by("order", "code")


def home(request):
    context = kept_until_content_changes("home", "", home_counts)
    return render(request, "guarantees/home.html", context)


def home_counts() -> dict:
    return {
        "guarantee_count": Guarantee.objects.published().count(),
        "kinds": kind_summaries(categories_with_counts()),
        "jurisdictions": list(jurisdictions_with_coverage(datetime.date.today())),
    }


def taxonomy(request):
    categories = kept_until_content_changes("categories", "", categories_with_counts)
    citations = CategoryCitation.objects.select_related("source")
    cited = {}
    for citation in citations:
        cited.setdefault(citation.category_id, []).append(citation)
    for category in categories:
        category.cited = cited.get(category.pk, [])
    children = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)

    def attach(category: Category) -> int:
        category.child_list = children.get(category.pk, [])
        category.total_count = category.published_count + sum(attach(child) for child in category.child_list)
        return category.total_count

    roots = children.get(None, [])
    for root in roots:
        attach(root)
    return render(request, "guarantees/taxonomy.html", {"roots": roots})


def sources(request):
    published_citations = GuaranteeCitation.objects.filter(guarantee__publication_status=PublicationStatus.PUBLISHED)
    source_list = Source.objects.select_related("known_through").prefetch_related(
        Prefetch("categorycitations", CategoryCitation.objects.select_related("category"), to_attr="category_uses"),
        Prefetch(
            "guaranteecitations",
            published_citations.select_related("guarantee").order_by("guarantee__name"),
            to_attr="guarantee_uses",
        ),
        Prefetch(
            "assessmentcitations",
            AssessmentCitation.objects.filter(
                assessment__publication_status=PublicationStatus.PUBLISHED,
                assessment__guarantee__publication_status=PublicationStatus.PUBLISHED,
            ).select_related("assessment__guarantee", "assessment__jurisdiction"),
            to_attr="assessment_uses",
        ),
    )
    # As a bibliography lists them: by the reference, works in Cyrillic first, then those in the Latin script.
    source_list = sorted(
        source_list, key=lambda s: (not CYRILLIC.match(s.reference or s.title), (s.reference or s.title).casefold())
    )
    reported = {}
    for source in source_list:
        if source.known_through_id:
            reported.setdefault(source.known_through_id, []).append(source)
    for source in source_list:
        count_citing_entries(source)
        source.reported_list = reported.get(source.pk, [])
    return render(request, "guarantees/sources.html", {"sources": source_list})


def count_citing_entries(source: Source) -> None:
    """What cites the source, each entry once: a guarantee citing it for its class and its content is one
    guarantee, and a comparison cell cited in two periods (an assessment before and after a change in the
    law) is one cell."""
    source.category_count = len({use.category_id for use in source.category_uses})
    source.guarantee_count = len({use.guarantee_id for use in source.guarantee_uses})
    source.cell_count = len(
        {(use.assessment.guarantee_id, use.assessment.jurisdiction_id) for use in source.assessment_uses}
    )
    source.citing_count = source.category_count + source.guarantee_count + source.cell_count


def downloads(request):
    version, date = dataset_version()
    context = {
        "version": version,
        "date": datetime.date.fromisoformat(date) if date else "",
        "licence": gettext(LICENCE),
        "today": datetime.date.today(),
        "dataset_url": request.build_absolute_uri(reverse("guarantees:downloads")),
    }
    return render(request, "guarantees/downloads.html", context)


def download_json(request):
    response = HttpResponse(published_json(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="electoral-guarantees.json"'
    return response


def download_csv_zip(request):
    response = HttpResponse(published_csv_zip(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="electoral-guarantees-csv.zip"'
    return response


def about(request):
    counts = {
        "guarantees": Guarantee.objects.published().count(),
        "jurisdictions": Jurisdiction.objects.count(),
        "provisions": Provision.objects.published().count(),
    }
    return render(request, "guarantees/about.html", {"counts": counts, "releases": content_releases()})
