"""Glossary terms explained where a reader first meets them: once per page, in running text.

`Glossing.apply` wraps the first use of each term (or one of its aliases) on a page in
`<abbr title="definition">` and leaves every later use plain. A use is not a first use, and is
never explained, when it is in:

- a heading, code, a link address, an HTML tag or an `attr_list`;
- a quotation (“…”, "…", « », ‘…’), such as a source's own words;
- an element that is not the page's running text: a fact's tooltip (it quotes source titles), a
  citation, a date, a link written as HTML (fact values, source titles), a figure, a note from the site;
- a proper name: an organisation's name from `organisations.yml` ("Acme LLM"), or, for a term
  that starts with a capital, a name it is part of ("the Paris LLM Summit"): a capitalised word right before it (not the
  first word of a sentence, not a possessive) or right after it.

Matching is case-sensitive and by whole words, the longest spelling first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from explainer.language.locale import ORIGINAL, typography
from explainer.model import GlossaryTerm
from explainer.render.html import escape
from explainer.text.prose import Range, markup_ranges, mask, merge, quotation_ranges
from explainer.text.references import code_ranges


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


SKIPPED_TAGS = _set(
    "a abbr blockquote button cite code dfn figure h1 h2 h3 h4 h5 h6 kbd pre q samp script select style "
    "sub sup svg textarea time var"
)
"""Elements whose text is never the first use of a term."""

SKIPPED_CLASSES = _set(
    "fact__tip fact-flag section-edit translation-stale untranslated-note source-list source-url "
    "cite-this facts-as-of page-updated"
)
"""The site's own elements that hold no running text (tooltips, notes, citation blocks)."""

_VOID = _set("area base br col embed hr img input link meta source track wbr")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>")
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ESCAPED_QUOTE = re.compile(r"&quot;.*?&quot;", re.S)
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \u00a0\u202f]$")
_WORD_AFTER = re.compile(r"^[ \u00a0\u202f]([^\W\d_])")
_MID_SENTENCE = re.compile(r"[\w,’')\]]$")
"""What ends the text before a word that does not start a sentence."""


def skipped_ranges(text: str) -> list[Range]:
    """The text inside elements (written as HTML) that are not running text, tags included."""
    masked = mask(text, code_ranges(text))
    stack: list[tuple[str, int, bool]] = []  # (tag, start, skipped)
    out: list[Range] = []
    for m in _TAG.finditer(masked):
        closing, name = m.group(1) == "/", m.group(2).lower()
        if not closing:
            if name in _VOID or m.group(3).rstrip().endswith("/"):
                continue
            found = _CLASS.search(m.group(3))
            classes = set((found.group(1) or found.group(2) or "").split()) if found else set()
            skipped = name in SKIPPED_TAGS or not classes.isdisjoint(SKIPPED_CLASSES)
            stack.append((name, m.start(), skipped))
            continue
        opened = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == name), None)
        if opened is None:
            continue
        _, start, skipped = stack[opened]
        del stack[opened:]
        if skipped:
            out.append((start, m.end()))
    out += [(start, len(text)) for _, start, skipped in stack if skipped]  # never closed: to the end
    return merge(out)


@functools.lru_cache(maxsize=4096)
def running_prose(text: str) -> str:
    """`text` with markup, skipped elements and quotations blanked out (same offsets); kept per text,
    so a rebuild under `mkdocs serve` reads again only the parts of pages that changed."""
    masked = mask(text, markup_ranges(text) + skipped_ranges(text))
    quotes = quotation_ranges(masked) + [(m.start(), m.end()) for m in _ESCAPED_QUOTE.finditer(masked)]
    return mask(masked, quotes)


def term_forms(term: GlossaryTerm, lang: str) -> tuple[str, str, tuple[str, ...]]:
    """(term, definition, aliases) in `lang`."""
    if lang == ORIGINAL:
        return term.term, term.definition, term.aliases
    forms = term.translations[lang]
    return forms.term, forms.definition, forms.aliases


class Glossing:
    """Explains each glossary term once on one page, in `lang`; `apply` to the page's parts in reading order."""

    def __init__(self, glossary: Iterable[GlossaryTerm], lang: str, names: Iterable[str] = ()) -> None:
        self.titles: dict[str, str] = {}
        self.term_of: dict[str, str] = {}
        for term in glossary:
            spelled, definition, aliases = term_forms(term, lang)
            self.titles[term.id] = escape(typography(" ".join(definition.split()), lang))
            for spelling in (spelled, *aliases):
                for written in {spelling, escape(spelling)}:
                    self.term_of[written] = term.id
        self.terms = self._words(self.term_of)
        self.names = self._words(n for n in names if n)
        self.explained: set[str] = set()
        """Terms already explained on this page."""

    @staticmethod
    def _words(spellings: Iterable[str]) -> re.Pattern[str] | None:
        ordered = sorted(set(spellings), key=lambda s: (-len(s), s))
        if not ordered:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in ordered) + r")(?!\w)")

    def exempt(self, text: str) -> str:
        """`text` with everything that is not running prose, or is a name, blanked out (same offsets)."""
        masked = running_prose(text)
        if self.names is not None:
            masked = mask(masked, [(m.start(), m.end()) for m in self.names.finditer(masked)])
        return masked

    def apply(self, text: str) -> str:
        """`text` with the first use of each term not yet explained on the page wrapped in `<abbr>`."""
        if self.terms is None or len(self.explained) == len(self.titles):
            return text
        masked = self.exempt(text)
        out: list[str] = []
        pos = 0
        for m in self.terms.finditer(masked):
            term_id = self.term_of[m.group()]
            if term_id in self.explained or self._in_name(masked, m.start(), m.end()):
                continue
            self.explained.add(term_id)
            out += [text[pos : m.start()], f'<abbr title="{self.titles[term_id]}">{m.group()}</abbr>']
            pos = m.end()
        return "".join(out) + text[pos:] if out else text

    @staticmethod
    def _in_name(masked: str, start: int, end: int) -> bool:
        """A term that starts with a capital, joined to a capitalised word: part of a name ("Acme LLM")."""
        if not masked[start].isupper():
            return False
        after = _WORD_AFTER.match(masked[end:])
        if after and after.group(1).isupper():
            return True
        before = _WORD_BEFORE.search(masked, 0, start)
        if not before or not before.group(1)[0].isupper() or before.group(1).endswith(("'s", "’s")):
            return False
        preceding = masked[: before.start()].rstrip(" \u00a0\u202f\t")
        return bool(_MID_SENTENCE.search(preceding))  # a tag or an element before it (BLANK) starts the text
