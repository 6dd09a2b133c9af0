from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin

from ..models import ElectoralRight, Jurisdiction, Principle, Source, Stage


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_local", "order"]
    search_fields = ["code", "name", "name_local"]
    ordering = ["order", "code"]


@admin.register(ElectoralRight, Stage, Principle)
class ReferenceEntryAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["key", "authors", "year", "title", "kind"]
    list_filter = ["kind"]
    search_fields = [
        "key",
        "authors",
        "authors_transliterated",
        "title",
        "title_transliterated",
        "title_en",
        "container",
    ]
    autocomplete_fields = ["known_through"]
    fieldsets = [
        (None, {"fields": ["key", "kind", "known_through"]}),
        (
            gettext_lazy("Description"),
            {
                "fields": [
                    "authors",
                    "authors_transliterated",
                    "year",
                    "title",
                    "title_transliterated",
                    "title_en",
                    "container",
                    "pages",
                    "url",
                ]
            },
        ),
        (gettext_lazy("Reference and notes"), {"fields": ["reference", "note"]}),
        (gettext_lazy("For curators only"), {"fields": ["curator_note"]}),
    ]
