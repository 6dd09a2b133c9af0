from django.contrib import admin
from django.db import models

from ..models import Instrument, Provision


class ProvisionInline(admin.TabularInline):
    model = Provision
    fields = ["number", "paragraph", "heading_original", "verification", "valid_from", "valid_to"]
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
class ProvisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "heading_original", "verification", "text_kind", "valid_from", "valid_to"]
    list_filter = ["instrument__jurisdiction", "verification", "text_kind", "instrument"]
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
