"""Public, read-only pages."""

import datetime

from django.db.models import Count, Q
from django.shortcuts import render

from .choices import AssessmentStatus, Kind, PublicationStatus
from .models import Category, Guarantee, Jurisdiction
from .querysets import in_force_on_filter


def home(request):
    categories = list(
        Category.objects.annotate(
            published_count=Count("guarantees", filter=Q(guarantees__status=PublicationStatus.PUBLISHED))
        ).order_by("kind", "order")
    )
    kinds = [
        {
            "label": label,
            "count": sum(category.published_count for category in categories if category.kind == value),
            "categories": [category for category in categories if category.kind == value and category.published_count],
        }
        for value, label in Kind.choices
    ]
    current = in_force_on_filter(datetime.date.today(), prefix="assessments__") & Q(
        assessments__guarantee__status=PublicationStatus.PUBLISHED
    )
    jurisdictions = Jurisdiction.objects.annotate(
        assessed=Count("assessments", filter=current),
        **{
            status: Count("assessments", filter=current & Q(assessments__status=status))
            for status in AssessmentStatus.values
        },
    )
    context = {
        "guarantee_count": Guarantee.objects.published().count(),
        "kinds": kinds,
        "jurisdictions": jurisdictions,
    }
    return render(request, "guarantees/home.html", context)
