"""The one FilterSet of the guarantee list, shared by its page, its facets and its exports.

The view supplies the queryset (published guarantees); the FilterSet only narrows it.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Min, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .choices import AssessmentStatus, Kind
from .models import Category, ElectoralRight, Instrument, Jurisdiction, Principle, Stage

TEXT_FIELDS = ["name", "summary", "description"]

#: The status filters: `?provided_in=KG&absent_in=KZ` reads "provided in KG and absent in KZ".
STATUS_FILTERS = {
    "provided_in": AssessmentStatus.PROVIDED,
    "partial_in": AssessmentStatus.PARTIAL,
    "absent_in": AssessmentStatus.ABSENT,
    "unassessed_in": None,
}


@extend_schema_field(OpenApiTypes.STR)
class SlugMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Several values of a facet, matched by slug; a guarantee matches if it has any of them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("distinct", True)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class JurisdictionStatusFilter(django_filters.ModelMultipleChoiceFilter):
    """Guarantees with the given status in every chosen jurisdiction, on the FilterSet's date."""

    def __init__(self, *args, status: str | None, **kwargs):
        self.status = status
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("queryset", Jurisdiction.objects.all())
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value) -> QuerySet:
        for jurisdiction in value or []:
            qs = qs.with_status_on(self.parent.on_date, jurisdiction, self.status)
        return qs


def parse_as_of(value: str | None) -> datetime.date | None:
    """The one reading of an “as of” date, for every page, export and the API: YYYY-MM-DD, not before the
    earliest law in the knowledge base. Empty means today's law (None)."""
    if not value:
        return None
    try:
        if len(value) != len("2026-01-01"):
            raise ValueError(value)
        as_of = datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(_("“as_of” must be a date written YYYY-MM-DD, such as 2026-01-01."), "format") from None
    earliest = Instrument.objects.aggregate(earliest=Min("date_adopted"))["earliest"]
    if earliest and as_of < earliest:
        raise ValidationError(
            _("No law in the knowledge base was adopted before %(earliest)s; choose a later date.")
            % {"earliest": earliest.isoformat()},
            "too_early",
        )
    return as_of


class AsOfField(forms.Field):
    def to_python(self, value):
        return parse_as_of(value)


@extend_schema_field(OpenApiTypes.DATE)
class AsOfFilter(django_filters.Filter):
    """The date as of which the status filters, and the statuses shown, read the law (today by default).

    It narrows nothing itself: the FilterSet's `on_date` hands it to the status filters and to the page.
    """

    field_class = AsOfField

    def filter(self, qs: QuerySet, value) -> QuerySet:
        return qs


class GuaranteeFilterSet(django_filters.FilterSet):
    as_of = AsOfFilter(label=_("As of"))
    q = django_filters.CharFilter(method="filter_text", label=_("Text"), max_length=200)
    kind = django_filters.ChoiceFilter(field_name="category__kind", choices=Kind.choices, label=_("Kind"))
    category = django_filters.ModelMultipleChoiceFilter(
        queryset=Category.objects.all(), to_field_name="slug", method="filter_category", label=_("Category")
    )
    stage = SlugMultipleChoiceFilter(field_name="stages__slug", queryset=Stage.objects.all(), label=_("Stage"))
    right = SlugMultipleChoiceFilter(field_name="rights__slug", queryset=ElectoralRight.objects.all(), label=_("Right"))
    principle = SlugMultipleChoiceFilter(
        field_name="principles__slug", queryset=Principle.objects.all(), label=_("Principle")
    )
    provided_in = JurisdictionStatusFilter(status=AssessmentStatus.PROVIDED, label=_("Provided in"))
    partial_in = JurisdictionStatusFilter(status=AssessmentStatus.PARTIAL, label=_("Partial in"))
    absent_in = JurisdictionStatusFilter(status=AssessmentStatus.ABSENT, label=_("Absent in"))
    unassessed_in = JurisdictionStatusFilter(status=None, label=_("Not yet assessed in"))
    sort = django_filters.OrderingFilter(
        fields=[("name", "name"), ("category__order", "category"), ("updated_at", "updated")],
        field_labels={"name": _("Name"), "category__order": _("Category"), "updated_at": _("Last updated")},
        label=_("Sort by"),
    )

    def __init__(self, data=None, *args, **kwargs):
        """Empty values (`?stage=` from a form's "All" option) mean no filter, not an invalid choice."""
        super().__init__(without_empty_values(data), *args, **kwargs)

    @property
    def on_date(self) -> datetime.date:
        """The day as of which statuses are read: `as_of`, or today."""
        if self.is_bound and self.is_valid():
            return self.form.cleaned_data.get("as_of") or datetime.date.today()
        return datetime.date.today()

    def error_messages(self) -> list[str]:
        """Each problem with the query string, prefixed with the label of the filter it concerns."""
        fields = self.form.fields
        return [
            f"{fields[name].label}: {' '.join(messages)}" if name in fields else " ".join(messages)
            for name, messages in self.errors.items()
        ]

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            matches = Q()
            for field in TEXT_FIELDS:
                matches |= Q(**{f"{field}__fcontains": word})
            queryset = queryset.filter(matches)
        return queryset

    def filter_category(self, queryset: QuerySet, name: str, value) -> QuerySet:
        """A category stands for itself and everything below it."""
        if not value:
            return queryset
        chosen = {category.pk for category in value}
        parents = dict(Category.objects.values_list("pk", "parent_id"))
        return queryset.filter(category__in=[pk for pk in parents if chosen & set(ancestry(pk, parents))])


def without_empty_values(data: QueryDict | None) -> QueryDict | None:
    if data is None:
        return None
    cleaned = data.copy()
    for name, values in data.lists():
        kept = [value for value in values if value.strip()]
        if kept:
            cleaned.setlist(name, kept)
        else:
            del cleaned[name]
    return cleaned


def ancestry(pk: int, parents: dict[int, int | None]) -> list[int]:
    """The category and its ancestors, nearest first."""
    chain = []
    while pk is not None and pk not in chain:
        chain.append(pk)
        pk = parents.get(pk)
    return chain
