from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from ..models import Category, CategoryCitation


class CategoryCitationInline(admin.TabularInline):
    model = CategoryCitation
    autocomplete_fields = ["source"]
    extra = 0


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ["name", "kind", "parent", "order"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "description"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CategoryCitationInline]
