"""Every reader-facing phrase of charts, derived facts and share images, per language.

They are in each language's file, `language/<code>.toml` (its `[charts]` table); `{name}`
fields are filled with values already formatted by `explainer.language.locale`; `{x_mid}` and
`{y_mid}` are the axis labels as they read inside a sentence (`chiffre d’affaires`).
"""

from __future__ import annotations

from collections.abc import Mapping

from explainer.language.catalog import language


def words(lang: str) -> Mapping[str, str]:
    """The `[charts]` table of `lang`'s file; UnsupportedLanguage for a language with no file (never English)."""
    return language(lang).charts


def mid_sentence(text: str) -> str:
    """A label as it reads inside a sentence: its first letter lowered unless it starts an acronym or a name
    written in capitals (`RGPD`, `eBay`)."""
    first = text.split(" ", 1)[0]
    if (len(first) > 1 and first[0].isupper() and first[1:].islower()) or (len(first) == 1 and first.isupper()):
        return text[0].lower() + text[1:]
    return text
