"""Words onto a page: HTML escapes, the language's typography, quotations and dates as `<time>`.

Every word a renderer writes goes through `escape` (content) or `say` (content or interface words
in a language): nothing in it is markup, and French gets its spaces.
"""

from __future__ import annotations

import re

from explainer.language.locale import format_date, typography
from explainer.language.strings import strings
from explainer.model import PartialDate

# HTML's special characters, and those Markdown (or one of Material's
# extensions) could act on inside inline HTML, as character references.
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"} | {
    c: f"&#{ord(c)};" for c in "\\`*_{}[]#+!|~^=:"
}
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def _reference(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def escape(text: str) -> str:
    """Text for HTML (content or attribute) inside Markdown: nothing in it is markup.

    A regular expression finds the few characters to replace; `str.translate`
    with a table looks every character up, and cost a third of the rendering.
    """
    return _SPECIAL.sub(_reference, text)


def say(text: str, lang: str) -> str:
    """Interface or content text for a page in `lang`, escaped: the language's typography, then HTML escapes."""
    return escape(typography(text, lang))


def fill(template: str, lang: str, **values: str | int) -> str:
    """An interface template with the language's typography, its placeholders filled with escaped values.

    The template's own words are trusted text and stay as written (`:` and `;` included)."""
    return typography(template, lang).format(**{k: escape(str(v)) for k, v in values.items()})


def quoted(text: str, lang: str) -> str:
    """An excerpt as the page shows it: in the language's quotation marks."""
    return strings(lang).quote.format(text=text)


def time_tag(date: PartialDate, lang: str, *, opens: bool = False) -> str:
    """The date as `<time>`; `opens`: it begins an entry or a sentence, so it starts with a capital
    (`Avril 2025` in French; English dates already do)."""
    text = format_date(date, lang)
    return f'<time datetime="{date.iso()}">{text[:1].upper() + text[1:] if opens else text}</time>'
