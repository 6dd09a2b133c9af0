from django.contrib import admin

from ..models import Assessment, AssessmentCitation, Guarantee, GuaranteeCitation


class GuaranteeCitationInline(admin.TabularInline):
    model = GuaranteeCitation
    autocomplete_fields = ["source"]
    extra = 0


class AssessmentInline(admin.StackedInline):
    model = Assessment
    fields = [("jurisdiction", "status"), "provisions", "commentary", ("assessed_on", "valid_from", "valid_to")]
    autocomplete_fields = ["jurisdiction", "provisions"]
    extra = 0
    show_change_link = True


@admin.register(Guarantee)
class GuaranteeAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "kind", "status", "updated_at"]
    list_filter = ["status", "category__kind", "category", "stages"]
    list_select_related = ["category"]
    search_fields = ["name", "slug", "summary", "description"]
    autocomplete_fields = ["category", "rights", "stages", "principles"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [GuaranteeCitationInline, AssessmentInline]

    @admin.display(description="kind", ordering="category__kind")
    def kind(self, guarantee):
        return guarantee.category.get_kind_display() if guarantee.category else "—"


class AssessmentCitationInline(admin.TabularInline):
    model = AssessmentCitation
    autocomplete_fields = ["source"]
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["guarantee", "jurisdiction", "status", "assessed_on", "valid_from", "valid_to"]
    list_filter = ["jurisdiction", "status", "guarantee__category__kind"]
    list_select_related = ["guarantee", "jurisdiction"]
    search_fields = ["guarantee__name", "commentary"]
    autocomplete_fields = ["guarantee", "jurisdiction", "provisions"]
    inlines = [AssessmentCitationInline]
