"""Admin support for reviewed entries: workflow buttons and actions, proposals, and stale-edit refusal."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from .. import workflow

WORKFLOW_FIELDS = ["publication_status", "version", "pending_summary", "reviewed_at", "reviewed_by"]


def describe_changes(obj: models.Model, seen_version: int) -> str:
    """Who changed the entry since `seen_version`, and which fields, from its history."""
    records = list(obj.history.filter(version__gt=seen_version).order_by("history_date"))
    if not records:
        return ""
    fields = set()
    for newer in records:
        older = newer.prev_record
        if older is not None:
            fields |= {change.field for change in newer.diff_against(older).changes}
    editors = sorted({str(record.history_user) for record in records if record.history_user})
    labels = sorted(str(obj._meta.get_field(name).verbose_name) for name in fields - {"version", "updated_at"})
    return _("Changed by %(editors)s: %(fields)s.") % {
        "editors": ", ".join(editors) or _("someone"),
        "fields": ", ".join(labels) or _("its status"),
    }


class VersionedForm(forms.ModelForm):
    """Carries the version the editor started from; a save on a stale copy is refused with what changed."""

    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)
    check_version = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_seen"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("version_seen")
        if self.check_version and self.instance.pk and seen is not None:
            current = type(self.instance).objects.select_for_update().get(pk=self.instance.pk)
            if current.version != seen:
                raise ValidationError(
                    _(
                        "Someone else saved this entry while you were editing it (version %(seen)s, now %(now)s). "
                        "%(what)s Nothing of yours was saved: reload the page, then make your change again."
                    )
                    % {"seen": seen, "now": current.version, "what": describe_changes(current, seen)}
                )
        return cleaned


class ReviewableAdmin(SimpleHistoryAdmin):
    form = VersionedForm
    change_form_template = "admin/guarantees/reviewable_change_form.html"
    actions = ["submit_for_review", "publish", "withdraw"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *WORKFLOW_FIELDS]

    @admin.display(description=gettext_lazy("changes awaiting review"))
    def pending_summary(self, obj):
        if not obj or not obj.pending:
            return "—"
        return "; ".join(f"{obj._meta.get_field(name).verbose_name}: {value}" for name, value in obj.pending.items())

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        url_name = getattr(request.resolver_match, "url_name", "") or ""
        # Reverting to a version from history is deliberate: it starts from an old version on purpose.
        form.check_version = not url_name.endswith("simple_history")
        return form

    # Saving: a change to a published entry becomes a proposal; anything else is saved as usual.
    def save_model(self, request, obj, form, change):
        stored = type(obj).objects.filter(pk=obj.pk).first() if change else None
        if stored is not None and stored.is_published:
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in concrete_names(obj)}
            if changes:
                workflow.propose(stored, changes, request.user)
            obj._proposed_on = stored
            return
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        stored = getattr(form.instance, "_proposed_on", None)
        if stored is None:
            super().save_related(request, form, formsets, change)
            return
        many = {name: form.cleaned_data[name] for name in form.changed_data if name in many_names(stored)}
        if many:
            workflow.propose(stored, many, request.user)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        messages.info(request, _("Your changes await review; readers still see the published version."))

    def save_formset(self, request, form, formset, change):
        """Inline entries that are themselves reviewed get the same treatment as the page's own entry."""
        if not hasattr(formset.model, "pending"):
            super().save_formset(request, form, formset, change)
            return
        formset.save(commit=False)  # sets new_objects, changed_objects and deleted_objects for the change log
        for inline_form in formset.forms:
            child = inline_form.instance
            if inline_form in formset.deleted_forms or not inline_form.has_changed():
                continue
            stored = type(child).objects.filter(pk=child.pk).first() if child.pk else None
            if stored is not None and stored.is_published:
                changes = {name: inline_form.cleaned_data[name] for name in inline_form.changed_data}
                workflow.propose(stored, changes, request.user)
            else:
                child.save()
                inline_form.save_m2m()
        for obj in formset.deleted_objects:
            if self.has_delete_permission(request, obj):
                obj.delete()

    # Workflow buttons on the change form.
    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["transitions"] = workflow.available_transitions(obj, request.user) if obj else []
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A workflow button posts only its transition: run it, without touching the entry's fields."""
        if request.method == "POST" and "_transition" in request.POST and object_id:
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            self.run_transition(request, obj, request.POST["_transition"])
            return HttpResponseRedirect(request.path)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def run_transition(self, request, obj, name: str) -> bool:
        transition = workflow.TRANSITIONS.get(name)
        if transition is None:
            messages.error(request, _("Unknown action."))
            return False
        try:
            with transaction.atomic():
                transition(obj, request.user)
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You may not do this."))
            return False
        except workflow.TransitionError as error:
            messages.error(request, f"{obj}: {error}")
            return False
        messages.success(
            request, _("%(entry)s is now %(status)s.") % {"entry": obj, "status": obj.get_publication_status_display()}
        )
        return True

    # The same transitions as bulk actions.
    def run_bulk(self, request, queryset, name: str) -> None:
        for obj in queryset:
            self.run_transition(request, obj, name)

    @admin.action(description=gettext_lazy("Submit the selected entries for review"))
    def submit_for_review(self, request, queryset):
        self.run_bulk(request, queryset, "submit")

    @admin.action(description=gettext_lazy("Publish the selected entries"))
    def publish(self, request, queryset):
        self.run_bulk(request, queryset, "publish")

    @admin.action(description=gettext_lazy("Withdraw the selected entries"))
    def withdraw(self, request, queryset):
        self.run_bulk(request, queryset, "withdraw")


def concrete_names(obj: models.Model) -> set[str]:
    return {field.name for field in obj._meta.concrete_fields}


def many_names(obj: models.Model) -> set[str]:
    return {field.name for field in obj._meta.many_to_many}
