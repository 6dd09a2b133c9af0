"""Small factory functions: each makes one valid object, with every field overridable."""

import datetime
import itertools

from guarantees.choices import AssessmentStatus, Kind, PublicationStatus, Verification
from guarantees.models import (
    Assessment,
    Category,
    Guarantee,
    Instrument,
    Jurisdiction,
    Provision,
    Source,
)

_sequence = itertools.count(1)


def make_jurisdiction(**kwargs) -> Jurisdiction:
    kwargs.setdefault("code", "KZ")
    kwargs.setdefault("name", f"Jurisdiction {kwargs['code']}")
    jurisdiction, _ = Jurisdiction.objects.get_or_create(code=kwargs.pop("code"), defaults=kwargs)
    return jurisdiction


def make_source(**kwargs) -> Source:
    number = next(_sequence)
    kwargs.setdefault("key", f"source-{number}")
    kwargs.setdefault("authors", "Voevodin, L. D.")
    kwargs.setdefault("year", 1997)
    kwargs.setdefault("title", f"Source {number}")
    return Source.objects.create(**kwargs)


def make_category(**kwargs) -> Category:
    number = next(_sequence)
    kwargs.setdefault("slug", f"category-{number}")
    kwargs.setdefault("kind", Kind.TOOL)
    kwargs.setdefault("name", f"Category {number}")
    return Category.objects.create(**kwargs)


def make_instrument(**kwargs) -> Instrument:
    number = next(_sequence)
    if "jurisdiction" not in kwargs:
        kwargs["jurisdiction"] = make_jurisdiction()
    kwargs.setdefault("slug", f"instrument-{number}")
    kwargs.setdefault("kind", "constitutional_law")
    kwargs.setdefault("short_title", f"Law {number}")
    kwargs.setdefault("title_original", f"Закон {number}")
    kwargs.setdefault("title_en", f"Law {number}")
    kwargs.setdefault("official_url", "https://example.org/law")
    return Instrument.objects.create(**kwargs)


def make_provision(**kwargs) -> Provision:
    if "instrument" not in kwargs:
        kwargs["instrument"] = make_instrument()
    kwargs.setdefault("number", str(next(_sequence)))
    kwargs.setdefault("heading_original", "Наблюдатели")
    kwargs.setdefault("verification", Verification.OFFICIAL)
    kwargs.setdefault("where_read", "test fixture")
    kwargs.setdefault("publication_status", PublicationStatus.PUBLISHED)
    return Provision.objects.create(**kwargs)


def make_guarantee(**kwargs) -> Guarantee:
    number = next(_sequence)
    if "category" not in kwargs:
        kwargs["category"] = make_category()
    kwargs.setdefault("slug", f"guarantee-{number}")
    kwargs.setdefault("name", f"Guarantee {number}")
    kwargs.setdefault("summary", "A summary.")
    kwargs.setdefault("publication_status", PublicationStatus.PUBLISHED)
    return Guarantee.objects.create(**kwargs)


def make_assessment(**kwargs) -> Assessment:
    provisions = kwargs.pop("provisions", [])
    if "guarantee" not in kwargs:
        kwargs["guarantee"] = make_guarantee()
    if "jurisdiction" not in kwargs:
        kwargs["jurisdiction"] = make_jurisdiction()
    kwargs.setdefault("status", AssessmentStatus.PROVIDED)
    kwargs.setdefault("assessed_on", datetime.date(2026, 11, 25))
    kwargs.setdefault("publication_status", PublicationStatus.PUBLISHED)
    assessment = Assessment.objects.create(**kwargs)
    assessment.provisions.set(provisions)
    return assessment
