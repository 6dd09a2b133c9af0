from django.contrib import admin
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import workflow
from ..choices import Verification
from ..models import Instrument, Jurisdiction, Provision
from ..references import parse_article_reference
from .review import ReviewableAdmin, ReviewedInlines, ShowsVersion, VersionedForm


class ProvisionForm(VersionedForm):
    """Only a reviewer sets the official level: for anyone else it is not offered, and an official entry's
    level cannot be changed (`may_verify` is set per request by the admin)."""

    may_verify = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("verification")
        if field is None or self.may_verify:
            return
        if self.instance.verification == Verification.OFFICIAL:
            field.disabled = True
        else:
            field.choices = [(value, label) for value, label in field.choices if value != Verification.OFFICIAL]


class VerificationByRole:
    """Hands the provision form the request's right to verify."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.may_verify = workflow.can_verify(request.user)
        return form

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.may_verify = workflow.can_verify(request.user)
        return formset


class ProvisionInline(ShowsVersion, VerificationByRole, admin.TabularInline):
    model = Provision
    form = ProvisionForm
    fields = [
        "number",
        "paragraph",
        "heading_original",
        "verification",
        "edition_date",  # a consolidated text needs it: a constraint the form checks only on the fields it has
        "publication_status",
        "valid_from",
        "valid_to",
    ]
    readonly_fields = ["publication_status"]
    extra = 0
    show_change_link = True


@admin.register(Instrument)
class InstrumentAdmin(ReviewedInlines, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["short_title", "jurisdiction", "kind", "number", "date_adopted", "status"]
    list_filter = ["jurisdiction", "kind", "status"]
    search_fields = ["short_title", "title_original", "title_en", "number", "slug"]
    autocomplete_fields = ["jurisdiction", "replaced_by"]
    prepopulated_fields = {"slug": ["short_title"]}
    inlines = [ProvisionInline]


@admin.register(Provision)
class ProvisionAdmin(VerificationByRole, ReviewableAdmin):
    form = ProvisionForm
    actions = [*ReviewableAdmin.actions, "mark_verified"]
    list_display = ["__str__", "heading_original", "verification", "publication_status", "valid_from", "valid_to"]
    list_filter = ["publication_status", "instrument__jurisdiction", "verification", "text_kind", "instrument"]
    list_select_related = ["instrument__jurisdiction"]
    search_fields = [
        "=instrument__jurisdiction__code",
        "instrument__short_title",
        "number",
        "heading_original",
        "heading_en",
        "heading_local",
        "text_original",
        "text_en",
    ]
    autocomplete_fields = ["instrument"]
    fieldsets = [
        (None, {"fields": ["instrument", "number", "paragraph", "valid_from", "valid_to"]}),
        (gettext_lazy("Heading"), {"fields": ["heading_original", "heading_local", "heading_en"]}),
        (gettext_lazy("Text"), {"fields": ["text_original", "text_kind", "text_en", "text_en_kind"]}),
        (
            gettext_lazy("Verification"),
            {"fields": ["verification", "where_read", "edition", "edition_date", "checked_on"]},
        ),
        (gettext_lazy("For curators only"), {"fields": ["curator_note"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """Articles as curators type them: `KG art. 9`, `67-FZ 30`, `20-1`, `ст. 75`; anything else as usual."""
        codes = set(Jurisdiction.objects.values_list("code", flat=True))
        reference = parse_article_reference(search_term, codes)
        if reference is not None:
            found = queryset.filter(reference.query())
            if found.exists():
                return found, False
        return super().get_search_results(request, queryset, search_term)

    @admin.action(description=gettext_lazy("Mark the selected provisions verified against an official text"))
    def mark_verified(self, request, queryset):
        try:
            workflow.require_verifier(request.user)
        except workflow.PermissionDenied as error:
            self.message_user(request, str(error), level="error")
            return
        for provision in queryset:
            workflow.mark_verified(provision, request.user)
        self.message_user(request, _("Marked verified: %(n)s.") % {"n": queryset.count()})
