"""Article references as people type them: `KG art. 9`, `67-FZ 30`, `67-ФЗ ст. 30`, `20-1`, `статья 75`."""

import re
from dataclasses import dataclass

from django.db.models import Q

from .models.law import ARTICLE_NUMBER

#: Words that announce an article number, alone (`ст.`) or glued to it (`ст.75`).
ARTICLE_WORD = re.compile(r"^(?:art(?:icle)?|ст(?:атья|атьи|атье)?)\.?", re.IGNORECASE)
#: An instrument number: digits and letters, `67-FZ`, `67-ФЗ`, `5-ФКЗ`, `305-VIII`.
INSTRUMENT_NUMBER = re.compile(r"^\d+-?[A-Za-zА-Яа-яЁё]+$")
#: The Latin spellings of the Russian number suffixes, as the instruments store them.
CYRILLIC_SUFFIX = {"FKZ": "ФКЗ", "FZ": "ФЗ", "ZRK": "ЗРК"}


@dataclass(frozen=True)
class ArticleReference:
    number: str
    jurisdiction: str | None = None
    instrument: str | None = None

    def query(self, prefix: str = "") -> Q:
        """Provisions (or, with a prefix such as `provisions__`, what cites them) that the reference names."""
        query = Q(**{f"{prefix}number": self.number})
        if self.jurisdiction:
            query &= Q(**{f"{prefix}instrument__jurisdiction__code": self.jurisdiction})
        if self.instrument:
            query &= Q(**{f"{prefix}instrument__number__iexact": self.instrument}) | Q(
                **{f"{prefix}instrument__short_title__icontains": self.instrument}
            )
        return query


def parse_article_reference(text: str, jurisdiction_codes: set[str]) -> ArticleReference | None:
    """The reference a search term spells, or None when the term is not (only) an article reference."""
    jurisdiction = instrument = None
    numbers = []
    for token in re.split(r"[\s,;№]+", text.strip()):
        token = ARTICLE_WORD.sub("", token) if ARTICLE_WORD.match(token) and not token[:1].isdigit() else token
        if not token:
            continue
        if token.upper() in jurisdiction_codes and jurisdiction is None:
            jurisdiction = token.upper()
        elif ARTICLE_NUMBER.match(token.lower()):
            numbers.append(token.lower())
        elif INSTRUMENT_NUMBER.match(token) and instrument is None:
            digits, suffix = re.match(r"^(\d+)-?(.+)$", token).groups()
            instrument = f"{digits}-{CYRILLIC_SUFFIX.get(suffix.upper(), suffix.upper())}"
        else:
            return None
    if len(numbers) == 2 and instrument is None:
        instrument = numbers.pop(0)
    if len(numbers) != 1:
        return None
    return ArticleReference(numbers[0], jurisdiction, instrument)
