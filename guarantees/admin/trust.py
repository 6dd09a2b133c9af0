"""The review queue of readers' corrections, and second codings."""

import datetime

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import SecondCoding, Suggestion, SuggestionStatus, UnassessedCell


@admin.register(Suggestion)
class SuggestionAdmin(SimpleHistoryAdmin):
    list_display = ["guarantee", "jurisdiction", "status", "submitted_at", "short_problem"]
    list_filter = ["status", "jurisdiction"]
    list_select_related = ["guarantee", "jurisdiction"]
    search_fields = ["problem", "proposed_fix", "source", "guarantee__name"]
    readonly_fields = [
        "guarantee",
        "jurisdiction",
        "problem",
        "proposed_fix",
        "source",
        "email",
        "submitted_at",
        "reviewed_by",
    ]
    fields = [*readonly_fields[:-1], "status", "reviewer_note", "led_to", "reviewed_by"]
    actions = ["accept", "reject"]

    def has_add_permission(self, request):
        return False  # suggestions come from readers, through the public form

    @admin.display(description=_("what is wrong"))
    def short_problem(self, suggestion):
        return suggestion.problem[:80]

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.reviewed_by = request.user
        super().save_model(request, obj, form, change)

    def mark(self, request, queryset, status):
        updated = queryset.update(status=status, reviewed_by=request.user)
        self.message_user(request, _("%(n)s suggestions marked %(status)s.") % {"n": updated, "status": status})

    @admin.action(description=_("Accept the selected suggestions"))
    def accept(self, request, queryset):
        self.mark(request, queryset, SuggestionStatus.ACCEPTED)

    @admin.action(description=_("Reject the selected suggestions"))
    def reject(self, request, queryset):
        self.mark(request, queryset, SuggestionStatus.REJECTED)


@admin.register(SecondCoding)
class SecondCodingAdmin(SimpleHistoryAdmin):
    """The form shows the cell and nothing of its first coding, so the second stays independent."""

    list_display = ["guarantee", "jurisdiction", "status", "coder_name", "coded_on"]
    list_filter = ["jurisdiction", "status"]
    list_select_related = ["guarantee", "jurisdiction"]
    search_fields = ["guarantee__name", "note"]
    autocomplete_fields = ["guarantee", "jurisdiction"]
    fields = ["guarantee", "jurisdiction", "status", "note", "coded_on"]

    def get_changeform_initial_data(self, request):
        return {**super().get_changeform_initial_data(request), "coded_on": datetime.date.today()}

    def save_model(self, request, obj, form, change):
        if not change:
            obj.coder = request.user
            obj.coder_name = request.user.get_full_name() or request.user.get_username()
        super().save_model(request, obj, form, change)


@admin.register(UnassessedCell)
class UnassessedCellAdmin(SimpleHistoryAdmin):
    """Why a cell is not yet assessed; readers of the cell see it, so only reviewers write it."""

    list_display = ["guarantee", "jurisdiction", "noted_on"]
    list_filter = ["jurisdiction"]
    list_select_related = ["guarantee", "jurisdiction"]
    search_fields = ["guarantee__name", "reason"]
    autocomplete_fields = ["guarantee", "jurisdiction"]
