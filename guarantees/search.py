"""Search across guarantees, categories, provisions and sources.

PostgreSQL: full-text search in the russian, english and simple (Kazakh has no stemmer) configurations,
websearch syntax, ranked; plus containment, so that article numbers such as "20-1" are found. Provisions,
the large table, are searched through a stored document and indexes (migration 0012).
SQLite: containment of every word's Snowball stem (Russian for Cyrillic words, English for Latin; Kazakh,
which has no stemmer, by prefix), Cyrillic case folded (see lookups.py), ranked by where it matched; so the
forms of a word find what they find on PostgreSQL.
Both: a query that is an article reference as people type it (`ст. 20-1`, `67-ФЗ 30`, `статья 75`, `art. 9`)
finds that article first.
"""

import re
from dataclasses import dataclass, field

import snowballstemmer
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from .models import Amendment, Category, Guarantee, Instrument, Jurisdiction, Provision, Source
from .references import parse_article_reference

MAX_QUERY_LENGTH = 200
RESULTS_PER_GROUP = 25
CONFIGS = ["russian", "english", "simple"]

#: model -> (fields searched, most telling first; the field whose match ranks highest)
SEARCHED = {
    Guarantee: ["name", "summary", "description"],
    Category: ["name", "description"],
    Provision: ["number", "heading_original", "heading_en", "heading_local", "text_original", "text_en"],
    Source: ["title", "title_en", "authors", "container", "note"],
}


@dataclass(frozen=True)
class StoredDocument:
    """On PostgreSQL, a document a trigger keeps in a column (migration 0012) rather than one computed row by row.

    Containment covers the short fields only: upper-casing every long text on every query costs more than
    everything else, and the texts' words are matched by the document, word starts included.
    """

    column: str
    contained: list[str]


STORED_DOCUMENTS = {
    Provision: StoredDocument(
        '"guarantees_provision"."search_document"', ["number", "heading_original", "heading_en", "heading_local"]
    )
}


@dataclass
class Hit:
    obj: object
    title: SafeString
    snippet: SafeString


@dataclass
class SearchGroup:
    key: str  # the model's name, the same in every language
    label: str
    hits: list[Hit]


@dataclass
class SearchResults:
    query: str
    groups: list[SearchGroup] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(group.hits) for group in self.groups)

    def hits(self, key: str) -> list[Hit]:
        return next((group.hits for group in self.groups if group.key == key), [])


def searchable_fields(model) -> list[str]:
    """The model's searched fields, each translated one in every language."""
    translated = (
        translator.get_options_for_model(model).all_fields if model in translator.get_registered_models() else {}
    )
    fields = []
    for name in SEARCHED[model]:
        if name in translated:
            fields += [build_localized_fieldname(name, code) for code, _ in settings.LANGUAGES]
        else:
            fields.append(name)
    return fields


def words_of(query: str) -> list[str]:
    return [word for word in re.split(r"[\s\"']+", query) if word and word not in {"OR", "or", "-"}][:10]


STEMMERS = {"russian": snowballstemmer.stemmer("russian"), "english": snowballstemmer.stemmer("english")}
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
SHORTEST_STEM = 3


def stem_of(word: str) -> str:
    """What every form of the word starts with: its Snowball stem (Russian or English), the word itself for
    Kazakh (no stemmer: matched by prefix), for numbers, and where the stem would be too short to mean much."""
    if not word.isalpha() or KAZAKH_LETTERS.search(word):
        return word
    stemmer = STEMMERS["russian" if CYRILLIC.search(word) else "english"]
    stem = stemmer.stemWord(word.casefold())
    return stem if len(stem) >= SHORTEST_STEM else word


def base_querysets() -> dict[type, QuerySet]:
    return {
        Guarantee: Guarantee.objects.published().select_related("category"),
        Category: Category.objects.all(),
        Provision: Provision.objects.published().select_related("instrument__jurisdiction"),
        Source: Source.objects.all(),
    }


def containment(fields: list[str], words: list[str]) -> Q:
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__fcontains": word})
        condition &= any_field
    return condition


def full_text_query(query: str) -> SearchQuery:
    search_query = SearchQuery(query, config=CONFIGS[0], search_type="websearch")
    for config in CONFIGS[1:]:
        search_query |= SearchQuery(query, config=config, search_type="websearch")
    return search_query


def word_starts(words: list[str]) -> SearchQuery | None:
    """Every word of the query, by its stem, as the start of a word ("наблюдатель" finds "наблюдатели");
    excluded words left out."""
    tokens = [stem_of(token) for word in words if not word.startswith("-") for token in re.findall(r"\w+", word)]
    return (
        SearchQuery(" & ".join(f"{token}:*" for token in tokens), config="simple", search_type="raw")
        if tokens
        else None
    )


def computed_document(fields: list[str]) -> SearchVector:
    return sum(
        (SearchVector(*fields, config=config) for config in CONFIGS[1:]), SearchVector(*fields, config=CONFIGS[0])
    )


def full_text_search(queryset: QuerySet, fields: list[str], query: str, words: list[str]) -> QuerySet:
    """PostgreSQL: ranked full-text matches, and containment for what words miss (article numbers like "20-1").

    Containment and word starts take each word's stem, as SQLite does: containment of the word as typed would
    find "наблюдателей" in more entries than "наблюдатель", and the forms of a word must find the same entries.
    Exact matches in the english and simple configurations are contained in those of the stem.
    """
    search_query = full_text_query(query)
    # ranked by what every form of a word shares (its russian lexeme, its stem as a word start), so that the
    # first RESULTS_PER_GROUP are the same whichever form was typed
    rank_query = SearchQuery(query, config=CONFIGS[0], search_type="websearch")
    starts = word_starts(words)
    if starts:
        rank_query |= starts
    words = [stem_of(word) for word in words]
    stored = STORED_DOCUMENTS.get(queryset.model)
    if stored:
        document = RawSQL(stored.column, [], output_field=SearchVectorField())
        contains = containment(stored.contained, words)
        if starts:
            search_query |= starts
    else:
        document = computed_document(fields)
        contains = containment(fields, words)
    return (
        queryset.alias(document=document)
        .annotate(rank=SearchRank(F("document"), rank_query))
        .filter(Q(document=search_query) | contains)
        .order_by(F("rank").desc(nulls_last=True), "pk")
    )


def search_model(queryset: QuerySet, fields: list[str], query: str) -> QuerySet:
    words = words_of(query)
    if connection.vendor == "postgresql":
        return full_text_search(queryset, fields, query, words)
    stemmed = [stem_of(word) for word in words]
    contains = containment(fields, stemmed)
    headline_match = containment(fields[:1], stemmed)
    return (
        queryset.filter(contains)
        .annotate(rank=Case(When(headline_match, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("-rank", "pk")
    )


def search_all(query: str) -> SearchResults:
    query = query.strip()[:MAX_QUERY_LENGTH]
    results = SearchResults(query=query)
    if not words_of(query):
        return results
    reference = article_reference(query)
    for model, queryset in base_querysets().items():
        fields = searchable_fields(model)
        if model is Provision and reference:
            found = queryset.filter(reference.query()).order_by("instrument__jurisdiction__order", "instrument", "pk")
        else:
            found = search_model(queryset, fields, query)
        found = found[:RESULTS_PER_GROUP]
        hits = [
            Hit(obj=obj, title=highlight(title_of(obj), query), snippet=snippet(obj, fields, query)) for obj in found
        ]
        results.groups.append(SearchGroup(model._meta.model_name, str(model._meta.verbose_name_plural), hits))
    results.groups[:0] = law_groups(query)
    return results


def article_reference(query: str):
    """The article a query names, if the whole query is an article reference (`ст. 20-1`, `67-ФЗ 30`)."""
    if not re.search(r"\d", query):
        return None
    codes = set(Jurisdiction.objects.values_list("code", flat=True))
    return parse_article_reference(query, codes)


def title_of(obj) -> str:
    """The object's name in the page's language (modeltranslation falls back to English)."""
    if isinstance(obj, Provision):
        code = obj.instrument.jurisdiction.code if obj.instrument.jurisdiction_id else "INT"
        return f"{code} {obj.label} {obj.heading_original or obj.heading_en}".strip()
    if isinstance(obj, Source):
        return f"{obj.authors} ({obj.year or 'n.d.'}) {obj.title}"
    return obj.name


def stems(query: str) -> list[str]:
    """Word starts to mark: enough of each word to catch its inflected forms ("избирательных" -> "избират")."""
    return sorted({word[: max(4, len(word) - 3)] if len(word) > 5 else word for word in words_of(query)}, key=len)[::-1]


def highlight(text: str, query: str) -> SafeString:
    """The text, escaped, with every word that starts like a query word marked. Never trusts the text."""
    parts = stems(query)
    if not parts or not text:
        return escape(text or "")
    pattern = re.compile("(?:" + "|".join(re.escape(part) for part in parts) + r")\w*", re.IGNORECASE)
    marked, position = [], 0
    for match in pattern.finditer(text):
        marked.append(escape(text[position : match.start()]))
        marked.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    marked.append(escape(text[position:]))
    return mark_safe("".join(marked))  # noqa: S308  (every piece is escaped above)


def word_start(text: str, position: int) -> int:
    """The start of the word at the position, so that a snippet never opens mid-word."""
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def snippet(obj, fields: list[str], query: str, width: int = 240) -> SafeString:
    """A window of the first field after the title that mentions the query, highlighted."""
    parts = [part.casefold() for part in stems(query)]
    for name in fields[1:] or fields:
        text = getattr(obj, name) or ""
        folded = text.casefold()
        hits = [folded.find(part) for part in parts if part in folded]
        if hits:
            start = word_start(text, max(0, min(hits) - width // 3))
            window = ("…" if start else "") + text[start : start + width] + ("…" if start + width < len(text) else "")
            return highlight(window, query)
    first = getattr(obj, fields[1] if len(fields) > 1 else fields[0]) or ""
    return highlight(first[:width] + ("…" if len(first) > width else ""), query)


# Instruments and amending acts by their names, numbers and years ("Constitution of 2026", "2464", "67-ФЗ 2020").
# Both tables are small (tens of rows): read whole, two queries, and matched here.
YEAR = re.compile(r"^(1[89]|20|21)\d\d$")
NUMBER_LIKE = re.compile(r"\d")
FILLER_WORDS = {"of", "the", "no", "n", "№", "от", "года", "год", "г", "law", "закон"}
#: Spellings of the same act number: Latin and Cyrillic letters of Russian law types and Roman numerals.
NUMBER_SPELLINGS = [("фкз", "fkz"), ("фз", "fz"), ("зрк", ""), ("і", "i"), ("v", "v")]


def act_number(text: str) -> str:
    """An act number in one spelling: 67-ФЗ = 67-fz, 296-VІ (Cyrillic І) = 296-vi, "№ 545" = 545."""
    text = text.casefold().replace("№", "").strip(" .,;:()\"'«»")
    for spelling, same in NUMBER_SPELLINGS:
        text = text.replace(spelling, same)
    return text.strip("-")


def law_terms(query: str) -> tuple[list[str], list[int], list[str]]:
    """(act numbers, years, name stems) of a query about an act."""
    numbers, years, names = [], [], []
    for word in words_of(query):
        bare = word.strip(" .,;:()\"'«»")
        if YEAR.match(bare):
            years.append(int(bare))
        elif NUMBER_LIKE.search(bare):
            numbers.append(act_number(bare))
        elif bare.casefold() not in FILLER_WORDS and len(bare) > 1:
            names.append(stem_of(bare).casefold())
    return numbers, years, names


def mentions_number(text: str, number: str) -> bool:
    """The act number stands in the text as a number of its own (not part of a longer one)."""
    folded = act_number(text) if len(text) < 40 else " ".join(act_number(word) for word in text.split())
    return re.search(rf"(?<![\w-]){re.escape(number)}(?![\w-])", folded) is not None


def instrument_matches(instrument: Instrument, numbers, years, names) -> bool:
    titles = " ".join([instrument.short_title, instrument.title_en, instrument.title_original]).casefold()
    own_number = act_number(instrument.number) if instrument.number else ""
    if not all(number == own_number or mentions_number(titles, number) for number in numbers):
        return False
    if not all(name in titles for name in names):
        return False
    if own_number and own_number in numbers:
        return True  # "67-ФЗ 2020": the act itself, whatever the year asked (its acts of that year are listed too)
    dates = [instrument.date_adopted, instrument.in_force_from]  # "of 2026": adopted or in force from then
    known_years = {day.year for day in dates if day}
    return all(year in known_years or str(year) in titles for year in years)


def amendment_matches(amendment: Amendment, numbers, years, names) -> bool:
    text = " ".join([amendment.number, amendment.title, amendment.articles_changed, amendment.summary]).casefold()
    own_number = act_number(amendment.number) if amendment.number else ""
    if not all(number == own_number or mentions_number(text, number) for number in numbers):
        return False
    if not all(name in text for name in names):
        return False
    known_years = {day.year for day in (amendment.adopted_on, amendment.in_force_on) if day}
    return all(year in known_years or str(year) in amendment.title for year in years)


def law_groups(query: str) -> list[SearchGroup]:
    """Instruments and amending acts named by the query: its act numbers, years and words must all match."""
    numbers, years, names = law_terms(query)
    if not (numbers or years or names):
        return []
    instruments = [
        instrument
        for instrument in Instrument.objects.select_related("jurisdiction").order_by("jurisdiction__order", "slug")
        if instrument_matches(instrument, numbers, years, names)
    ]
    # Those whose short title has the query's words as whole words first: "Constitution" before "Constitutional".
    whole_words = [word.casefold() for word in words_of(query)]
    instruments.sort(
        key=lambda i: -sum(bool(re.search(rf"\b{re.escape(w)}\b", i.short_title.casefold())) for w in whole_words)
    )
    amendments = [
        amendment
        for amendment in Amendment.objects.select_related("jurisdiction").order_by("jurisdiction__order", "in_force_on")
        if (numbers or years) and amendment_matches(amendment, numbers, years, names)
    ]
    return [
        SearchGroup(
            "instrument",
            str(Instrument._meta.verbose_name_plural),
            [Hit(i, highlight(instrument_title(i), query), highlight(i.title_en, query)) for i in instruments],
        ),
        SearchGroup(
            "amendment",
            str(Amendment._meta.verbose_name_plural),
            [Hit(a, highlight(amendment_title(a), query), highlight(a.title[:240], query)) for a in amendments],
        ),
    ]


def instrument_title(instrument: Instrument) -> str:
    code = instrument.jurisdiction.code if instrument.jurisdiction_id else "INT"
    year = f", {instrument.date_adopted.year}" if instrument.date_adopted else ""
    return f"{code} {instrument.short_title}{year}"


def amendment_title(amendment: Amendment) -> str:
    day = amendment.in_force_on or amendment.adopted_on
    return f"{amendment.jurisdiction.code} {amendment.number or amendment.key}" + (
        f" ({day.isoformat()})" if day else ""
    )
