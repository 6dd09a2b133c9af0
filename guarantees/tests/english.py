"""English interface strings on a page in another language: the check behind the walk of /ru/ and /kk/.

The interface's English is the msgids of the .po files that have a translation different from the msgid (so a
word spelt alike in both, like "API" or "CSV", is not one); a text node, attribute or option that is exactly one
of them, or a citation written in English ("art. 51", "No. 67-FZ"), is English on a page that is not.
Content that has no translation yet is not interface and is not looked for: it is whole sentences in a text node,
never exactly an interface string.
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

#: citation patterns the interface writes around instrument and article numbers
ENGLISH_CITATION = re.compile(r"\b(?:art\.|arts\.|No\.)\s*\d|\bFederal Law No\b|\bConstitutional Law No\b")
#: a citation the interface writes is short; a longer text node with "art. 5" in it is content (a note on where
#: a text was read, a translated title), not interface
CITATION_LENGTH = 100
#: each language's own name in the language switcher
LANGUAGE_NAMES = {"English"}
#: attributes a reader sees or hears
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
#: shorter msgids are not looked for
WHOLE_WORDS_ONLY = 3


def parse_po(path: Path) -> dict[str, str]:
    entries, msgid, msgstr, current = {}, None, None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgid "):
            if msgid is not None:
                entries[msgid] = msgstr
            msgid, msgstr, current = eval_po(line[6:]), "", "msgid"
        elif line.startswith("msgstr "):
            msgstr, current = eval_po(line[7:]), "msgstr"
        elif line.startswith('"') and current == "msgid":
            msgid += eval_po(line)
        elif line.startswith('"') and current == "msgstr":
            msgstr += eval_po(line)
        elif line.startswith("msgid_plural") or line.startswith("msgstr["):
            current = None
    if msgid is not None:
        entries[msgid] = msgstr
    return entries


def eval_po(quoted: str) -> str:
    return quoted.strip()[1:-1].replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


@cache
def english_interface_strings() -> frozenset[str]:
    strings = set()
    for language in ("ru", "kk"):
        path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
        for msgid, msgstr in parse_po(path).items():
            if msgid and msgstr and msgstr != msgid and "%(" not in msgid and "{" not in msgid:
                text = normalise(msgid)
                if len(text) >= WHOLE_WORDS_ONLY and re.search(r"[A-Za-z]{3}", text):
                    strings.add(text)
    return frozenset(strings)


def normalise(text: str) -> str:
    return " ".join(text.split()).strip(" :·—–-")


class _Texts(HTMLParser):
    SKIPPED = {"script", "style", "code", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data)


def texts_of(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return parser.texts


def english_on(html: str) -> list[str]:
    """The English interface strings and English citations found on the page, each once."""
    english = english_interface_strings()
    found = []
    for text in texts_of(html):
        text = normalise(text)
        if text in LANGUAGE_NAMES:
            continue
        if text in english or (len(text) <= CITATION_LENGTH and ENGLISH_CITATION.search(text)):
            found.append(text)
    return sorted(set(found))
