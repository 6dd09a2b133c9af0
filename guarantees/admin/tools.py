"""The curators' dashboard and the CSV import, as admin pages."""

import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ..agreement import disagreements
from ..choices import PublicationStatus
from ..freshness import cells_needing_recheck
from ..importers import FORMATS, MAX_BYTES, Importer, template_csv
from ..models import Assessment, Guarantee, Jurisdiction, Provision, Suggestion, SuggestionStatus


def awaiting_review(model):
    entries = model.objects.filter(publication_status=PublicationStatus.IN_REVIEW) | model.objects.exclude(pending={})
    return entries.distinct().order_by("-updated_at")


def unassessed_pairs(on_date: datetime.date) -> list[tuple[Guarantee, Jurisdiction]]:
    """Published guarantees with no assessment in force on the date, per jurisdiction."""
    assessed = set(Assessment.objects.in_force_on(on_date).values_list("guarantee_id", "jurisdiction_id"))
    jurisdictions = list(Jurisdiction.objects.all())
    return [
        (guarantee, jurisdiction)
        for guarantee in Guarantee.objects.published().order_by("name")
        for jurisdiction in jurisdictions
        if (guarantee.pk, jurisdiction.pk) not in assessed
    ]


def cells_to_reconcile(on_date: datetime.date) -> list[Assessment]:
    keys = disagreements(on_date)
    cells = Assessment.objects.published().in_force_on(on_date).select_related("guarantee", "jurisdiction")
    return [cell for cell in cells if (cell.guarantee_id, cell.jurisdiction_id) in keys]


def cells_to_recheck(on_date: datetime.date) -> list[Assessment]:
    cells = list(Assessment.objects.in_force_on(on_date).select_related("guarantee", "jurisdiction"))
    flagged = cells_needing_recheck(cells)
    return [cell for cell in cells if cell.pk in flagged]


def dashboard(request):
    if not request.user.has_perm("guarantees.view_guarantee"):
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "title": _("Curator dashboard"),
        "review_queues": [
            (_("Guarantees"), "guarantee", awaiting_review(Guarantee).select_related("category")),
            (_("Assessments"), "assessment", awaiting_review(Assessment).select_related("guarantee", "jurisdiction")),
            (_("Provisions"), "provision", awaiting_review(Provision).select_related("instrument__jurisdiction")),
        ],
        "drafts": Guarantee.objects.filter(publication_status=PublicationStatus.DRAFT).order_by("-updated_at"),
        "unassessed": unassessed_pairs(datetime.date.today()),
        "disagreements": cells_to_reconcile(datetime.date.today()),
        "rechecks": cells_to_recheck(datetime.date.today()),
        "new_suggestions": Suggestion.objects.filter(status=SuggestionStatus.NEW).select_related("guarantee")[:50],
    }
    return render(request, "admin/guarantees/dashboard.html", context)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=[(name, name) for name in FORMATS])
    file = forms.FileField(label=_("CSV file (UTF-8)"))
    dry_run = forms.BooleanField(label=_("Dry run: only show what would change"), required=False, initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(kb)s KB.") % {"kb": MAX_BYTES // 1024})
        return upload


def import_csv(request):
    if not (request.user.has_perm("guarantees.add_provision") and request.user.has_perm("guarantees.add_assessment")):
        raise PermissionDenied
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        importer = Importer(form.cleaned_data["kind"], request.user)
        report = importer.run(form.cleaned_data["file"].read(), dry_run=form.cleaned_data["dry_run"])
    context = {
        **admin.site.each_context(request),
        "title": _("Import provisions or assessments from CSV"),
        "form": form,
        "report": report,
        "formats": FORMATS,
    }
    status = 400 if report is not None and not report.ok else 200
    return render(request, "admin/guarantees/import.html", context, status=status)


def import_template(request, kind):
    if kind not in FORMATS:
        raise PermissionDenied
    response = HttpResponse(template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
    return response
