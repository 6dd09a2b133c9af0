"""schema.org legal metadata of an instrument and its articles, as JSON-LD for the instrument's page.

An instrument is a `Legislation`; each article (each wording of it, with the day it took effect) is a
`Legislation` that `isPartOf` it, and the text we hold of it is a `LegislationObject` (its `workExample`) whose
`legislationLegalValue` says whether that text is official (read in the official publication) or not. The legal
force is `InForce` / `NotInForce` (schema.org's LegalForceStatus), from the instrument's status and each
wording's end date. This follows the ELI model that schema.org's legislation terms come from.

In a <script type="application/ld+json">: a data block, which browsers never run, so the Content-Security-Policy
(script-src 'self', config/settings/base.py) neither blocks it nor needs an exception for it.
"""

import json

from .choices import InstrumentStatus, Verification
from .models import Instrument, Provision

SCHEMA = "https://schema.org/"
IN_FORCE, NOT_IN_FORCE = SCHEMA + "InForce", SCHEMA + "NotInForce"
OFFICIAL, UNOFFICIAL = SCHEMA + "OfficialLegalValue", SCHEMA + "UnofficialLegalValue"
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def day(value) -> str | None:
    return value.isoformat() if value else None


def without_empty(document: dict) -> dict:
    return {key: value for key, value in document.items() if value not in (None, "", [])}


def article(provision: Provision, page_url: str) -> dict:
    in_force = provision.valid_to is None and provision.instrument.status == InstrumentStatus.IN_FORCE
    text = without_empty(
        {
            "@type": "LegislationObject",
            "inLanguage": provision.instrument.language,
            "name": provision.heading_original,
            "legislationLegalValue": OFFICIAL if provision.verification == Verification.OFFICIAL else UNOFFICIAL,
            "legislationDateVersion": day(provision.edition_date),
        }
    )
    return without_empty(
        {
            "@type": "Legislation",
            "@id": f"{page_url}#{provision.anchor}",
            "url": f"{page_url}#{provision.anchor}",
            "name": provision.label,
            "legislationIdentifier": provision.reference,
            "legislationDateVersion": day(provision.valid_from or provision.edition_date),
            "expires": day(provision.valid_to),
            "legislationLegalForce": IN_FORCE if in_force else NOT_IN_FORCE,
            "workExample": text,
        }
    )


def instrument_document(instrument: Instrument, provisions, page_url: str) -> dict:
    editions = [provision.edition_date for provision in provisions if provision.edition_date]
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "@id": page_url,
            "url": page_url,
            "name": instrument.title_original,
            "alternateName": [name for name in (instrument.short_title_original, instrument.short_title) if name],
            "inLanguage": instrument.language,
            "legislationIdentifier": instrument.number or instrument.slug,
            "legislationJurisdiction": instrument.jurisdiction.code if instrument.jurisdiction_id else None,
            "legislationType": instrument.get_kind_display(),
            "legislationDate": day(instrument.date_adopted),
            "legislationDateVersion": day(max(editions)) if editions else None,
            "legislationLegalForce": IN_FORCE if instrument.status == InstrumentStatus.IN_FORCE else NOT_IN_FORCE,
            "sameAs": instrument.official_url,
            "hasPart": [article(provision, page_url) for provision in provisions],
        }
    )


def json_ld(document: dict) -> str:
    """The document as the body of a <script> element: `<`, `>` and `&` escaped, so no text can close it."""
    return json.dumps(document, ensure_ascii=False, indent=1).translate(JSON_SCRIPT_ESCAPES)
