from django.contrib import admin
from django.db import models

from ..models import Amendment


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    """A reference table: only reviewers edit it (see ARCHITECTURE.md, "Reference tables")."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["key", "jurisdiction", "number", "in_force_on", "confidence"]
    list_filter = ["jurisdiction"]
    search_fields = ["key", "number", "title"]
    autocomplete_fields = ["provisions", "assessments"]
