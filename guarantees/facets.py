"""Facet counts for the guarantee list: each facet counts under every active filter but its own.

Every option carries its count, whether it is selected, and the URL that toggles it
(the way laws-africa/peachjam and datasette do it).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .choices import AssessmentStatus, Kind
from .filters import STATUS_FILTERS, GuaranteeFilterSet
from .models import Assessment, Jurisdiction
from .templatetags.language import in_english

#: facet parameter -> (path to the option's value, path to its label or None for Kind, heading)
FACETS = {
    "kind": ("category__kind", None, _("Kind")),
    "category": ("category__slug", "category__name", _("Category")),
    "stage": ("stages__slug", "stages__name", _("Stage of the electoral process")),
    "right": ("rights__slug", "rights__name", _("Right protected")),
    "principle": ("principles__slug", "principles__name", _("Principle")),
}
ORDER = {"stage": "stages__order", "right": "rights__order", "principle": "principles__order"}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)


def toggle_url(params: QueryDict, name: str, value: str) -> str:
    """The query string with `value` of `name` switched on or off, back on the first page."""
    toggled = params.copy()
    toggled.pop("page", None)
    values = toggled.getlist(name)
    toggled.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
    return "?" + toggled.urlencode()


def narrowed_without(filterset: GuaranteeFilterSet, names: list[str]) -> QuerySet:
    """The queryset under every active filter except the named ones, from already-validated values."""
    queryset = filterset.queryset
    for name, value in filterset.form.cleaned_data.items():
        if name not in names:
            queryset = filterset.filters[name].filter(queryset, value)
    return queryset


def build_facets(filterset: GuaranteeFilterSet) -> list[Facet]:
    params = filterset.data
    facets = []
    kind_labels = dict(Kind.choices)
    language = get_language()
    for name, (value_path, label_path, heading) in FACETS.items():
        # modeltranslation reads a relation's `name` in the default language: each language's column is named
        labels = [f"{label_path}_{language}", f"{label_path}_{settings.LANGUAGE_CODE}"] if label_path else []
        labels = list(dict.fromkeys(labels))
        rows = (
            narrowed_without(filterset, [name])
            .exclude(**{f"{value_path}__isnull": True})
            .order_by()
            .values(value_path, *labels, *([ORDER[name]] if name in ORDER else []))
            .annotate(count=Count("pk", distinct=True))
        )
        selected = set(params.getlist(name))
        options = [
            FacetOption(
                value=row[value_path],
                label=option_label(row, labels) if label_path else kind_labels.get(row[value_path], row[value_path]),
                count=row["count"],
                selected=row[value_path] in selected,
                url=toggle_url(params, name, row[value_path]),
            )
            for row in sorted(rows, key=lambda row, name=name, labels=labels: facet_order(row, name, labels))
        ]
        facets.append(Facet(name=name, label=str(heading), options=options))
    return facets


def option_label(row: dict, labels: list[str]) -> str:
    """The option's name in the page's language; the English one, marked, where it is not translated yet."""
    local, english = row[labels[0]], row[labels[-1]]
    return local or (in_english(english) if english else "")


def facet_order(row: dict, name: str, labels: list[str]) -> tuple:
    """Stages, rights and principles in their own order; the rest, and ties, by the name shown."""
    return row.get(ORDER.get(name), 0), next((row[label] for label in labels if row[label]), "")


@dataclass
class StatusCell:
    parameter: str
    count: int
    selected: bool
    url: str


def build_status_grid(filterset: GuaranteeFilterSet) -> list[tuple[Jurisdiction, list[StatusCell]]]:
    """Per jurisdiction, how many guarantees are provided, partial, absent or not yet assessed there."""
    params = filterset.data
    narrowed = narrowed_without(filterset, list(STATUS_FILTERS))
    counts = {
        (jurisdiction, status): count
        for jurisdiction, status, count in Assessment.objects.status_counts_on(
            filterset.on_date, narrowed.order_by().values("pk")
        )
    }
    total = narrowed.count()
    grid = []
    for jurisdiction in Jurisdiction.objects.all():
        assessed = sum(counts.get((jurisdiction.pk, status), 0) for status in AssessmentStatus.values)
        cells = []
        for parameter, status in STATUS_FILTERS.items():
            count = counts.get((jurisdiction.pk, status), 0) if status else total - assessed
            cells.append(
                StatusCell(
                    parameter=parameter,
                    count=count,
                    selected=jurisdiction.code in params.getlist(parameter),
                    url=toggle_url(params, parameter, jurisdiction.code),
                )
            )
        grid.append((jurisdiction, cells))
    return grid
