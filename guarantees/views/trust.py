"""A cell's own page, readers' suggested corrections, and the methodology page."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..agreement import agreement_by_jurisdiction
from ..citations import cell_citations, pinned_url, provision_citations
from ..clients import client_hash
from ..filters import parse_as_of
from ..freshness import cells_needing_recheck
from ..models import Assessment, CategoryCitation, Guarantee, Jurisdiction, Provision, Suggestion, UnassessedCell
from ..representations import cell_summary, iso, provision_summary
from .errors import bad_request
from .pages import categories_with_counts, kind_summaries

SUGGESTIONS_PER_HOUR = 5
#: C0 control characters and DEL, except tab, line feed and carriage return: no reader types them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def reject_control_characters(value: str) -> None:
    match = CONTROL_CHARACTERS.search(value)
    if match:
        raise ValidationError(
            _("The text contains an invisible control character (U+%(code)04X); remove it and send again.")
            % {"code": ord(match.group())},
            code="control_character",
        )


class SuggestionForm(forms.ModelForm):
    website = forms.CharField(required=False, label=gettext_lazy("Leave this empty"))  # a honeypot for robots

    class Meta:
        model = Suggestion
        fields = ["problem", "proposed_fix", "source", "email"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
            "proposed_fix": forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
            "source": forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators.append(reject_control_characters)


def current_cell(guarantee: Guarantee, jurisdiction: Jurisdiction, on_date: datetime.date) -> Assessment | None:
    return (
        Assessment.objects.cells_on(on_date, [jurisdiction])
        .filter(guarantee=guarantee)
        .select_related("guarantee")
        .first()
    )


def legal_periods(guarantee: Guarantee, jurisdiction: Jurisdiction) -> list:
    """The periods of the cell's published assessments in legal time, oldest first, each with its articles and acts."""
    return list(
        Assessment.objects.published()
        .filter(guarantee=guarantee, jurisdiction=jurisdiction)
        .prefetch_related(
            Prefetch("provisions", queryset=Provision.objects.select_related("instrument__jurisdiction")), "amendments"
        )
        .order_by(F("valid_from").asc(nulls_first=True))
    )


def cell_detail(request, slug, code):
    if code != code.upper():
        return redirect("guarantees:cell", slug=slug, code=code.upper(), permanent=True)
    guarantee = get_object_or_404(Guarantee.objects.published().select_related("category"), slug=slug)
    jurisdiction = get_object_or_404(Jurisdiction, code=code)
    try:
        pinned = parse_as_of(request.GET.get("as_of", ""))
    except ValidationError as error:
        return bad_request(request, error.messages)
    today = datetime.date.today()
    as_of = pinned or today
    assessment = current_cell(guarantee, jurisdiction, as_of)
    url = pinned_url(request.build_absolute_uri(request.path), pinned)
    provisions = assessment.provisions_in_force if assessment else []
    context = {
        "guarantee": guarantee,
        "jurisdiction": jurisdiction,
        "assessment": assessment,
        "as_of": as_of,
        "provisions": [(provision, provision_citations(provision)) for provision in provisions],
        "citations": cell_citations(assessment, url, today, pinned) if assessment else None,
        "pinned": pinned,
        "needs_recheck": bool(assessment and cells_needing_recheck([assessment])),
        "periods": legal_periods(guarantee, jurisdiction),
        "unassessed": None
        if assessment
        else UnassessedCell.objects.filter(guarantee=guarantee, jurisdiction=jurisdiction).first(),
    }
    if request.GET.get("format") == "json":
        return JsonResponse(cell_document(context, url), json_dumps_params={"ensure_ascii": False})
    if request.GET.get("format") == "fragment":  # what a matrix cell shows when its details are opened
        return render(request, "guarantees/compare/_cell_fragment.html", context)
    return render(request, "guarantees/cell_detail.html", context)


def cell_document(context: dict, url: str) -> dict:
    assessment = context["assessment"]
    return {
        "guarantee": context["guarantee"].slug,
        "as_of": context["as_of"].isoformat(),
        "url": url,
        **cell_summary(context["jurisdiction"], assessment),
        "why_not_assessed": context["unassessed"].reason if context["unassessed"] else None,
        "needs_recheck": context["needs_recheck"],
        "citation": context["citations"],
        "provisions": [
            {
                **provision_summary(provision),
                "heading": provision.heading_original,
                "text": provision.text_original,
                "text_kind": provision.text_kind,
                "verification": provision.verification,
                "where_read": provision.where_read,
                "checked_on": iso(provision.checked_on),
                "official_url": provision.instrument.official_url,
                "citation": citations,
            }
            for provision, citations in context["provisions"]
        ],
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request, slug):
    """A reader's correction lands in the review queue; it never changes content by itself.

    The form is on this page of its own, so that its CSRF token is never in a page served from the cache.
    """
    guarantee = get_object_or_404(Guarantee.objects.published(), slug=slug)
    data = request.POST if request.method == "POST" else request.GET
    code = data.get("jurisdiction", "")
    jurisdiction = Jurisdiction.objects.filter(code=code).first() if code else None
    if code and jurisdiction is None:
        return bad_request(request, [_("Unknown jurisdiction.")])
    back = f"{guarantee.get_absolute_url()}{jurisdiction.code + '/' if jurisdiction else ''}"
    form = SuggestionForm(request.POST) if request.method == "POST" else SuggestionForm()
    if request.method != "POST" or not form.is_valid():
        return render(
            request,
            "guarantees/suggest.html",
            {"form": form, "guarantee": guarantee, "jurisdiction": jurisdiction, "back": back},
            status=400 if form.is_bound else 200,
        )
    if form.cleaned_data["website"]:
        return redirect(f"{back}?suggested=1")  # a robot: thanked, and discarded
    sender = client_hash(request)
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    if Suggestion.objects.filter(client_hash=sender, submitted_at__gte=hour_ago).count() >= SUGGESTIONS_PER_HOUR:
        message = _("You have sent %(n)s suggestions in the last hour; please try again later.")
        return HttpResponse(message % {"n": SUGGESTIONS_PER_HOUR}, status=429, content_type="text/plain; charset=utf-8")
    suggestion = form.save(commit=False)
    suggestion.guarantee, suggestion.jurisdiction, suggestion.client_hash = guarantee, jurisdiction, sender
    suggestion.save()
    return redirect(f"{back}?suggested=1")


def methodology(request):
    today = datetime.date.today()
    categories = categories_with_counts()
    cited = {}
    for citation in CategoryCitation.objects.select_related("source__known_through").order_by("pk"):
        cited.setdefault(citation.category_id, []).append(citation)
    for category in categories:
        category.cited = cited.get(category.pk, [])
    context = {
        "agreements": agreement_by_jurisdiction(today),
        "today": today,
        "kinds": kind_summaries(categories),
        "categories": categories,
    }
    return render(request, "guarantees/methodology.html", context)
