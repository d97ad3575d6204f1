"""The interface words: one file per language, each complete and filling the same blanks as English."""

from __future__ import annotations

import string
from dataclasses import fields

import pytest

from explainer.language.catalog import LANGUAGES
from explainer.language.strings import language_name, plural, strings

ENGLISH = strings("en")


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_string_with_the_same_blanks(lang: str) -> None:
    words = strings(lang)
    for f in fields(words):
        mine, english = getattr(words, f.name), getattr(ENGLISH, f.name)
        templates = (
            list(zip(mine.values(), english.values(), strict=True))
            if isinstance(mine, dict)
            else list(zip(mine, english, strict=True))
            if isinstance(mine, tuple)
            else [(mine, english)]
        )
        for text, original in templates:
            assert text.strip(), (lang, f.name)
            assert _placeholders(text) == _placeholders(original), (lang, f.name, text)


def test_plurals_follow_each_languages_cldr_rule() -> None:
    forms = strings("fr").facts_count
    assert [plural("fr", n, forms) for n in (0, 1, 2)] == ["0 fait", "1 fait", "2 faits"]
    assert [plural("en", n, ENGLISH.facts_count) for n in (0, 1, 2)] == ["0 facts", "1 fact", "2 facts"]


def test_language_names_for_editors() -> None:
    assert language_name("fr") == "French"
    assert language_name("de") == "German"  # a language with no table yet still has a name in messages
