from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from .. import workflow
from ..choices import CitationPurpose, PublicationStatus
from ..models import Assessment, AssessmentCitation, Guarantee, GuaranteeCitation
from . import tools
from .review import ReviewableAdmin, ShowsVersion, VersionedForm


class GuaranteeForm(VersionedForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.is_published and not cleaned.get("category"):
            self.add_error("category", _("A published guarantee needs a category."))
        return cleaned


class ClassificationFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if not (self.instance.pk and self.instance.is_published):
            return
        kept = [
            form.cleaned_data for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if not any(data.get("purpose") == CitationPurpose.CLASSIFICATION for data in kept):
            raise ValidationError(_("A published guarantee needs a source for its classification."))


class ReviewerOnlyWhenPublished:
    """Citations of a published entry are not proposals: they change only through a reviewer."""

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published and not workflow.can_publish(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and super().has_delete_permission(request, obj)


class GuaranteeCitationInline(ReviewerOnlyWhenPublished, admin.TabularInline):
    model = GuaranteeCitation
    formset = ClassificationFormSet
    autocomplete_fields = ["source"]
    extra = 0


class AssessmentForm(VersionedForm):
    def clean(self):
        cleaned = super().clean()
        provisions, jurisdiction = cleaned.get("provisions"), cleaned.get("jurisdiction")
        if provisions is None or jurisdiction is None:
            return cleaned
        candidate = Assessment(jurisdiction=jurisdiction, status=cleaned.get("status"))
        for problem in candidate.provision_problems(list(provisions.select_related("instrument"))):
            self.add_error("provisions", problem)
        return cleaned


class AssessmentInline(ShowsVersion, TranslationStackedInline):
    model = Assessment
    form = AssessmentForm
    fields = [
        ("jurisdiction", "status", "publication_status"),
        "provisions",
        "commentary_en",
        "commentary_ru",
        "commentary_kk",
        ("assessed_on", "valid_from", "valid_to"),
    ]
    readonly_fields = ["publication_status"]
    autocomplete_fields = ["jurisdiction", "provisions"]
    extra = 0
    show_change_link = True


@admin.register(Guarantee)
class GuaranteeAdmin(ReviewableAdmin, TranslationAdmin):
    form = GuaranteeForm
    list_display = ["name", "category", "kind", "publication_status", "has_pending_changes", "updated_at"]
    list_filter = ["publication_status", "category__kind", "category", "stages"]
    list_select_related = ["category"]
    search_fields = ["name", "slug", "summary", "description"]
    autocomplete_fields = ["category", "rights", "stages", "principles"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [GuaranteeCitationInline, AssessmentInline]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("dashboard/", view(tools.dashboard), name="guarantees_dashboard"),
            path("import/", view(tools.import_csv), name="guarantees_import"),
            path("import/<str:kind>-template.csv", view(tools.import_template), name="guarantees_import_template"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """The preview (the guarantee page only has one) is offered while the entry or a cell awaits review."""
        context["preview_offered"] = obj is not None and (
            not obj.is_published
            or obj.has_pending_changes
            or obj.assessments.exclude(pending={}).exists()
            or obj.assessments.exclude(publication_status=PublicationStatus.PUBLISHED).exists()
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_("kind"), ordering="category__kind")
    def kind(self, guarantee):
        return guarantee.category.get_kind_display() if guarantee.category else "—"

    @admin.display(description=_("changes await review"), boolean=True)
    def has_pending_changes(self, guarantee):
        return guarantee.has_pending_changes


class AssessmentCitationInline(ReviewerOnlyWhenPublished, admin.TabularInline):
    model = AssessmentCitation
    autocomplete_fields = ["source"]
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(ReviewableAdmin, TranslationAdmin):
    form = AssessmentForm
    list_display = [
        "guarantee",
        "jurisdiction",
        "status",
        "publication_status",
        "assessed_on",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["publication_status", "jurisdiction", "status", "guarantee__category__kind"]
    list_select_related = ["guarantee", "jurisdiction"]
    search_fields = ["guarantee__name", "commentary"]
    autocomplete_fields = ["guarantee", "jurisdiction", "provisions"]
    inlines = [AssessmentCitationInline]
