"""Admin support for reviewed entries: workflow buttons and actions, proposals, and stale-edit refusal."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from .. import workflow
from ..models.review import WORKFLOW_FIELDS

#: What the change form shows of the workflow, read-only.
READONLY_WORKFLOW_FIELDS = ["publication_status", "version", "pending_summary", "reviewed_at", "reviewed_by"]


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


class VersionField(forms.IntegerField):
    """The version an editor started from: bookkeeping, never a change of the entry itself."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data) -> bool:
        return False


class VersionedForm(forms.ModelForm):
    """Carries the version the editor started from; a save on a stale copy is refused with what changed."""

    version_seen = VersionField(required=False)
    check_version = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_seen"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not (self.check_version and self.instance.pk):
            return cleaned
        seen = cleaned.get("version_seen")
        if seen is None:
            raise ValidationError(_("The form does not say which version of the entry it was opened on: reload it."))
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


class ShowsVersion:
    """Puts the hidden version field into every layout of a reviewed entry, declared fieldsets included."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if "version_seen" in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "version_seen"]}), *rest]


def edited_values(form: forms.ModelForm, stored: models.Model) -> dict:
    """The form's fields whose submitted value differs from the stored entry: field name -> new value.

    Compared with the stored row, not with the form's initial values, so that a revert to an old
    version from the history counts every field it restores.
    """
    edited = form.instance
    names = field_names(edited)
    changes = {}
    for name in form.fields:
        if name in WORKFLOW_FIELDS or name not in form.cleaned_data:
            continue
        field = edited._meta.get_field(name) if name in names else None
        if field is None or not field.editable:
            continue
        if field.many_to_many:
            new = sorted(item.pk for item in form.cleaned_data[name])
            if new != sorted(getattr(stored, name).values_list("pk", flat=True)):
                changes[name] = form.cleaned_data[name]
        elif same_text(getattr(edited, field.attname)) != same_text(getattr(stored, field.attname)):
            changes[name] = getattr(edited, name)
    return changes


def same_text(value):
    """The text as an edit is judged: a browser posts line breaks as CRLF and an empty text for a missing
    translation, and the form strips the ends that the curated files keep."""
    if value is None:
        return ""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


def keep_workflow_state(obj: models.Model, stored: models.Model) -> None:
    """An edit, or a revert from history, never sets the publication status, the proposal or the version."""
    for name in WORKFLOW_FIELDS:
        field = obj._meta.get_field(name)
        setattr(obj, field.attname, getattr(stored, field.attname))


def save_reviewed(request, form: forms.ModelForm, stored: models.Model | None) -> bool:
    """Save an edit of a reviewed entry; a change to a published one becomes a proposal. True if proposed.

    When proposed, the entry's relations are proposed too, so the form's own `save_m2m` is disarmed.
    """
    obj = form.instance
    if stored is not None and stored.is_published:
        changes = edited_values(form, stored)
        if changes:
            workflow.propose(stored, changes, request.user)
        form.save_m2m = lambda: None
        return bool(changes)
    if stored is not None:
        keep_workflow_state(obj, stored)
    obj.save()
    return False


class ReviewedInlines:
    """Inline entries that are themselves reviewed are saved as the page's own entry is: published ones propose."""

    def save_formset(self, request, form, formset, change):
        if not hasattr(formset.model, "pending"):
            super().save_formset(request, form, formset, change)
            return
        formset.save(commit=False)  # sets new_objects, changed_objects and deleted_objects for the change log
        proposed = False
        for inline_form in formset.forms:
            child = inline_form.instance
            if inline_form in formset.deleted_forms or not inline_form.has_changed():
                continue
            stored = type(child).objects.filter(pk=child.pk).first() if child.pk else None
            proposed |= save_reviewed(request, inline_form, stored)
            inline_form.save_m2m()
        for obj in formset.deleted_objects:
            if self.has_delete_permission(request, obj):
                obj.delete()
        if proposed:
            tell_awaiting_review(request)


def tell_awaiting_review(request) -> None:
    """Once a request, however many of its entries became proposals."""
    if not getattr(request, "_told_awaiting_review", False):
        request._told_awaiting_review = True
        messages.info(request, _("Your changes await review; readers still see the published version."))


class ReviewableAdmin(ShowsVersion, ReviewedInlines, SimpleHistoryAdmin):
    form = VersionedForm
    change_form_template = "admin/guarantees/reviewable_change_form.html"
    actions = ["submit_for_review", "publish", "withdraw"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *READONLY_WORKFLOW_FIELDS]

    @admin.display(description=gettext_lazy("changes awaiting review"))
    def pending_summary(self, obj):
        if not obj or not obj.pending:
            return "—"
        return "; ".join(f"{obj._meta.get_field(name).verbose_name}: {value}" for name, value in obj.pending.items())

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        url_name = getattr(request.resolver_match, "url_name", "") or ""
        # Reverting to a version from history starts from an old version on purpose; what it restores is
        # compared with the stored entry, and proposed if the entry is published.
        form.check_version = not url_name.endswith("simple_history")
        return form

    def save_model(self, request, obj, form, change):
        stored = type(obj).objects.filter(pk=obj.pk).first() if change else None
        if save_reviewed(request, form, stored):
            tell_awaiting_review(request)

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
                problems = transition(obj, request.user)
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You may not do this."))
            return False
        except workflow.TransitionError as error:
            messages.error(request, f"{obj}: {error}")
            return False
        messages.success(
            request, _("%(entry)s is now %(status)s.") % {"entry": obj, "status": obj.get_publication_status_display()}
        )
        if problems:
            messages.warning(
                request,
                _("Before it can be published: %(problems)s") % {"problems": " ".join(problems)},
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


def field_names(obj: models.Model) -> set[str]:
    return {field.name for field in obj._meta.concrete_fields} | {field.name for field in obj._meta.many_to_many}
