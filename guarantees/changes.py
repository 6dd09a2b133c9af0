"""What changed: the amending acts of a jurisdiction in time, and the cells whose law changed between two dates.

A cell changed between `since` and `as_of` when its status differs (not yet assessed counts as a status), or
when the words of what it cites differ: an article cited on one day and not the other, or an article whose
wording on the two days differs by more than spacing, quotes and punctuation (`history.same_wording`). A new
wording row with the same words is not a change of the law.

Each change names the acts behind it: the amending acts linked to the new period or to the new wordings, and,
where a wording belongs to an instrument that itself entered into force between the two dates (a new
constitution), that instrument. Nothing is inferred beyond those links.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import QueryDict
from django.utils.translation import gettext as _

from .choices import NOT_ASSESSED, PublicationStatus
from .compare import choose_jurisdictions
from .filters import parse_as_of
from .history import Difference, same_wording, word_diff
from .models import Amendment, Assessment, Guarantee, Jurisdiction, Provision
from .representations import iso, jurisdiction_summary, provision_reference

PUBLISHED = PublicationStatus.PUBLISHED


@dataclass
class Act:
    """What brought a change: an amending act, or an instrument that entered into force."""

    label: str
    title: str
    in_force_on: datetime.date | None
    link: str
    kind: str  # "amendment" or "instrument"
    key: str

    @classmethod
    def of_amendment(cls, amendment: Amendment) -> "Act":
        return cls(
            amendment.number or amendment.key,
            amendment.title,
            amendment.in_force_on,
            amendment.link,
            "amendment",
            amendment.key,
        )

    @classmethod
    def of_instrument(cls, instrument) -> "Act":
        return cls(
            instrument.name,
            instrument.title_original,
            instrument.in_force_from,
            instrument.official_url,
            "instrument",
            instrument.slug,
        )


@dataclass
class Rewording:
    """One article as the cell cites it on each day: `before` or `after` is None where it is not cited that day."""

    before: Provision | None
    after: Provision | None
    difference: Difference | None = None

    @property
    def article(self) -> Provision:
        return self.after or self.before


@dataclass
class CellChange:
    guarantee: Guarantee
    jurisdiction: Jurisdiction
    before: Assessment | None
    after: Assessment | None
    rewordings: list[Rewording] = field(default_factory=list)
    acts: list[Act] = field(default_factory=list)

    @property
    def status_before(self) -> str:
        return self.before.status if self.before else NOT_ASSESSED

    @property
    def status_after(self) -> str:
        return self.after.status if self.after else NOT_ASSESSED

    @property
    def status_changed(self) -> bool:
        return self.status_before != self.status_after

    @property
    def wording_changed(self) -> bool:
        return bool(self.rewordings)


def article_key(provision: Provision) -> tuple:
    return (provision.instrument_id, provision.number, provision.paragraph)


def cells_on(on_date: datetime.date, jurisdictions, guarantees=None) -> dict[tuple[int, int], Assessment]:
    """(guarantee id, jurisdiction id) -> the published cell in force on the date, with its wordings in force then
    (and their acts), its own acts and its guarantee: four queries."""
    provisions = Provision.objects.cited_on(on_date).prefetch_related("amendments")
    cells = (
        Assessment.objects.current_on(on_date)
        .filter(jurisdiction__in=jurisdictions)
        .select_related("guarantee", "jurisdiction")
        .prefetch_related(Prefetch("provisions", provisions, to_attr="provisions_in_force"), "amendments")
    )
    if guarantees is not None:
        cells = cells.filter(guarantee__in=guarantees)
    return {(cell.guarantee_id, cell.jurisdiction_id): cell for cell in cells}


def rewordings(before: Assessment | None, after: Assessment | None) -> list[Rewording]:
    old = {article_key(p): p for p in (before.provisions_in_force if before else [])}
    new = {article_key(p): p for p in (after.provisions_in_force if after else [])}
    changes = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (k[0], (old.get(k) or new.get(k)).sort_key, k[2])):
        was, now = old.get(key), new.get(key)
        if was and now and (was.pk == now.pk or same_wording(was.text_original, now.text_original)):
            continue
        difference = word_diff(was.text_original, now.text_original) if was and now else None
        changes.append(Rewording(was, now, difference))
    return changes


def acts_behind(change: CellChange, since: datetime.date, as_of: datetime.date) -> list[Act]:
    """The acts linked to the cell's new period or to its new wordings; an instrument that entered into force
    between the dates, for wordings of it. Each once, oldest first."""
    acts: dict[tuple[str, str], Act] = {}

    def in_window(day: datetime.date | None) -> bool:
        return day is not None and since < day <= as_of

    amendments = list(change.after.amendments.all()) if change.after else []
    if change.before and change.before.valid_to and change.before.valid_to < as_of:
        amendments += list(change.before.amendments.all())
    for rewording in change.rewordings:
        if rewording.after is not None:
            amendments += list(rewording.after.amendments.all())
    for amendment in amendments:
        if in_window(amendment.in_force_on):
            acts[("amendment", amendment.key)] = Act.of_amendment(amendment)
    for rewording in change.rewordings:
        instrument = (rewording.after or rewording.before).instrument
        if in_window(instrument.in_force_from) or in_window(instrument.in_force_to):
            acts[("instrument", instrument.slug)] = Act.of_instrument(instrument)
    return sorted(acts.values(), key=lambda act: (act.in_force_on or datetime.date.min, act.label))


def changed_cells(since: datetime.date, as_of: datetime.date, jurisdictions, guarantees=None) -> list[CellChange]:
    """The cells whose status or cited wording changed between the two dates, by jurisdiction then guarantee."""
    old, new = cells_on(since, jurisdictions, guarantees), cells_on(as_of, jurisdictions, guarantees)
    changes = []
    for key in old.keys() | new.keys():
        before, after = old.get(key), new.get(key)
        cell = after or before
        change = CellChange(cell.guarantee, cell.jurisdiction, before, after, rewordings(before, after))
        if not (change.status_changed or change.wording_changed):
            continue
        change.acts = acts_behind(change, since, as_of)
        changes.append(change)
    return sorted(changes, key=lambda c: (c.jurisdiction.order, c.jurisdiction.code, c.guarantee.name.casefold()))


def timeline(jurisdiction: Jurisdiction, guarantee: Guarantee | None = None) -> list[Amendment]:
    """The jurisdiction's amending acts, newest first, each with the published wordings it brought
    (`brought`) and the published cells whose period it opened or closed (`periods`): three queries."""
    periods = (
        Assessment.objects.published()
        .filter(guarantee__publication_status=PUBLISHED)
        .select_related("guarantee", "jurisdiction")
        .order_by("guarantee__name", "valid_from")
    )
    wordings = Provision.objects.published().select_related("instrument").order_by("instrument", "sort_key")
    amendments = Amendment.objects.filter(jurisdiction=jurisdiction)
    if guarantee is not None:
        amendments = amendments.filter(assessments__guarantee=guarantee).distinct()
        periods = periods.filter(guarantee=guarantee)
    return list(
        amendments.prefetch_related(
            Prefetch("provisions", wordings, to_attr="brought"), Prefetch("assessments", periods, to_attr="periods")
        ).order_by("-in_force_on", "-key")
    )


def period_changes(jurisdictions=None, guarantee: Guarantee | None = None, limit: int = 50):
    """The latest periods of published cells that opened on a known day, newest first: each a change of a cell
    in legal time (for the feed of changed cells)."""
    periods = (
        Assessment.objects.published()
        .filter(guarantee__publication_status=PUBLISHED, valid_from__isnull=False)
        .select_related("guarantee", "jurisdiction")
        .prefetch_related("amendments")
        .order_by("-valid_from", "guarantee__name")
    )
    if jurisdictions is not None:
        periods = periods.filter(jurisdiction__in=jurisdictions)
    if guarantee is not None:
        periods = periods.filter(guarantee=guarantee)
    return list(periods[:limit])


#: Without `since`, the change view looks back this far from `as_of`.
DEFAULT_LOOKBACK = datetime.timedelta(days=365)
CHANGE_FORMATS = {"html", "csv", "json"}


class ChangeRequestError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class ChangeRequest:
    since: datetime.date
    as_of: datetime.date
    jurisdictions: list[Jurisdiction]
    export_format: str

    @property
    def codes(self) -> list[str]:
        return [jurisdiction.code for jurisdiction in self.jurisdictions]


def parse_change_request(params: QueryDict) -> ChangeRequest:
    """`since` and `as_of` (YYYY-MM-DD, as everywhere; `as_of` defaults to today, `since` to a year before it),
    `j` (jurisdictions, all by default) and `format`; every problem reported at once."""
    problems: list[str] = []
    dates = {}
    for name in ("since", "as_of"):
        try:
            dates[name] = parse_as_of(params.get(name, ""))
        except ValidationError as error:
            problems += [
                message.replace("“as_of”", f"“{name}”").replace("«as_of»", f"«{name}»") for message in error.messages
            ]
    jurisdictions = choose_jurisdictions(params.getlist("j"), problems)
    export_format = params.get("format", "html")
    if export_format not in CHANGE_FORMATS:
        problems.append(_("Unknown format “%(format)s”: use csv or json.") % {"format": export_format[:20]})
    as_of = dates.get("as_of") or datetime.date.today()
    since = dates.get("since") or as_of - DEFAULT_LOOKBACK
    if not problems and since >= as_of:
        problems.append(_("“since” must be earlier than “as_of”."))
    if problems:
        raise ChangeRequestError(problems)
    return ChangeRequest(since, as_of, jurisdictions, export_format)


def changes_head(request: ChangeRequest, url: str) -> dict:
    return {
        "since": request.since.isoformat(),
        "as_of": request.as_of.isoformat(),
        "jurisdictions": [jurisdiction_summary(j) for j in request.jurisdictions],
        "url": url,
    }


# How a change leaves the system: one shape for the page's JSON, the CSV and the API.
def act_document(act: Act) -> dict:
    return {
        "kind": act.kind,
        "key": act.key,
        "label": act.label,
        "title": act.title,
        "in_force_on": iso(act.in_force_on),
        "link": act.link or None,
    }


def wording_document(provision: Provision | None) -> dict | None:
    if provision is None:
        return None
    return {
        "id": provision.pk,
        "reference": provision_reference(provision),
        "valid_from": iso(provision.valid_from),
        "valid_to": iso(provision.valid_to),
        "text": provision.text_original,
    }


def change_document(change: CellChange) -> dict:
    return {
        "guarantee": change.guarantee.slug,
        "guarantee_name": change.guarantee.name_en,
        "jurisdiction": change.jurisdiction.code,
        "status_before": change.status_before,
        "status_after": change.status_after,
        "status_changed": change.status_changed,
        "period_before": period_document(change.before),
        "period_after": period_document(change.after),
        "rewordings": [
            {
                "article": provision_reference(rewording.article),
                "before": wording_document(rewording.before),
                "after": wording_document(rewording.after),
            }
            for rewording in change.rewordings
        ],
        "acts": [act_document(act) for act in change.acts],
    }


def period_document(assessment: Assessment | None) -> dict | None:
    if assessment is None:
        return None
    return {"valid_from": iso(assessment.valid_from), "valid_to": iso(assessment.valid_to)}


def amendment_document(amendment: Amendment) -> dict:
    """An amending act as the API and the dataset export give it."""
    return {
        "key": amendment.key,
        "jurisdiction": amendment.jurisdiction.code,
        "number": amendment.number,
        "title": amendment.title,
        "adopted_on": iso(amendment.adopted_on),
        "in_force_on": iso(amendment.in_force_on),
        "in_force_note": amendment.in_force_note,
        "link": amendment.link or None,
        "articles_changed": amendment.articles_changed,
        "summary": amendment.summary,
        "where_read": amendment.where_read,
        "confidence": amendment.confidence,
    }


CSV_HEADER = [
    "jurisdiction",
    "guarantee",
    "status_before",
    "status_after",
    "articles_before",
    "articles_after",
    "articles_reworded",
    "acts",
]


def change_csv_row(change: CellChange) -> list[str]:
    def articles(assessment):
        return "; ".join(provision_reference(p) for p in assessment.provisions_in_force) if assessment else ""

    acts = "; ".join(f"{act.label} ({iso(act.in_force_on) or '?'})" for act in change.acts)
    return [
        change.jurisdiction.code,
        change.guarantee.slug,
        change.status_before,
        change.status_after,
        articles(change.before),
        articles(change.after),
        "; ".join(provision_reference(rewording.article) for rewording in change.rewordings),
        acts,
    ]


def changes_filter(since: datetime.date, as_of: datetime.date) -> Q:
    """Amending acts in force in (since, as_of]."""
    return Q(in_force_on__gt=since, in_force_on__lte=as_of)
