from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import workflow
from ..models import Instrument, Provision
from ..models.law import ARTICLE_NUMBER
from .review import ReviewableAdmin, VersionedForm


class ProvisionForm(VersionedForm):
    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if number.lower().startswith(("art", "ст")):
            raise forms.ValidationError(_("Write the number only, without “art.” or “ст.”: 20-1, 141.1."))
        if not ARTICLE_NUMBER.match(number):
            raise forms.ValidationError(
                _("An article number is digits, parts joined by “-” or “.”: 20, 20-1, 141.1, 5.16.")
            )
        return number


class ProvisionInline(admin.TabularInline):
    model = Provision
    form = ProvisionForm
    fields = ["number", "paragraph", "heading_original", "verification", "publication_status", "valid_from", "valid_to"]
    readonly_fields = ["publication_status"]
    extra = 0
    show_change_link = True


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["short_title", "jurisdiction", "kind", "number", "date_adopted", "status"]
    list_filter = ["jurisdiction", "kind", "status"]
    search_fields = ["short_title", "title_original", "title_en", "number", "slug"]
    autocomplete_fields = ["jurisdiction", "replaced_by"]
    prepopulated_fields = {"slug": ["short_title"]}
    inlines = [ProvisionInline]


@admin.register(Provision)
class ProvisionAdmin(ReviewableAdmin):
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
        ("Heading", {"fields": ["heading_original", "heading_local", "heading_en"]}),
        ("Text", {"fields": ["text_original", "text_kind", "text_en", "text_en_kind"]}),
        ("Verification", {"fields": ["verification", "where_read", "edition", "checked_on"]}),
    ]

    @admin.action(description=gettext_lazy("Mark the selected provisions verified against an official text"))
    def mark_verified(self, request, queryset):
        for provision in queryset:
            try:
                workflow.mark_verified(provision, request.user)
            except PermissionDenied as error:
                self.message_user(request, str(error), level="error")
                return
        self.message_user(request, _("Marked verified: %(n)s.") % {"n": queryset.count()})
