"""The locale layer, as examples: each tests/locale/*.yml holds inputs and the
text readers must see in English and in French, side by side.

A case is a `fact:` (written as in content/facts, with its `fr:` block; `label`
defaults to `x`), an `as_of:` date, or a `text:` for the typography. `en:` and
`fr:` are the expected outputs, or `{error: message}` when there is no right
output. Typography cases give only `fr:`: English is always unchanged.
Non-breaking spaces are written as YAML escapes (`\\u202F`, `\\u00A0`) so they
can be seen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer import kinds
from explainer.language import locale
from explainer.language.catalog import LANGUAGES
from explainer.language.locale import typography
from explainer.load.schema import QUALIFIERS
from explainer.model import Fact, FactForms, Origin, PartialDate
from helpers import load_case

CASES = Path(__file__).parent / "locale"
FILES = sorted(CASES.glob("*.yml"))
SPACES = "\u00a0\u202f\u2009 \t"


def _date(value: object) -> PartialDate:
    return PartialDate.parse(value.isoformat() if isinstance(value, dt.date) else str(value))


def _fact(spec: dict[str, Any]) -> Fact:
    kind = spec["kind"]
    value = spec["value"]
    translations = {}
    if "fr" in spec:
        translations["fr"] = FactForms(label="x", **spec["fr"])
    return Fact(
        id="x",
        label="x",
        kind=kind,
        value=_date(value) if kind == "date" else value,
        as_of=PartialDate(2026),
        sources=("s",),
        origin=Origin("content/facts/x.yml"),
        unit=spec.get("unit"),
        qualifier=spec.get("qualifier"),
        translations=translations,
    )


def _cases() -> list[Any]:
    out = []
    for path in FILES:
        for n, case in enumerate(load_case(path)["cases"], 1):
            out += [pytest.param(case, lang, id=f"{path.stem}-{n}-{lang}") for lang in ("en", "fr") if lang in case]
    return out


def _output(case: dict[str, Any], lang: str) -> str:
    if "fact" in case:
        return kinds.format_value(_fact(case["fact"]), lang)
    if "as_of" in case:
        return locale.format_as_of(_date(case["as_of"]), lang)
    return typography(case["text"], lang)


@pytest.mark.parametrize(("case", "lang"), _cases())
def test_golden(case: dict[str, Any], lang: str) -> None:
    wanted = case[lang]
    if isinstance(wanted, dict):
        with pytest.raises(locale.MissingTranslation) as raised:
            _output(case, lang)
        assert str(raised.value) == wanted["error"]
        return
    got = _output(case, lang)
    assert got == wanted, f"got {got.encode('unicode_escape').decode()}"


TYPOGRAPHY = [c["text"] for c in load_case(CASES / "typography.yml")["cases"]]


@pytest.mark.parametrize("text", TYPOGRAPHY)
def test_typography_is_idempotent_and_leaves_english_alone(text: str) -> None:
    once = typography(text, "fr")
    assert typography(once, "fr") == once
    assert typography(text, "en") == text


TOKENS = [*"ab1 :;!?«»`<>\"'=/[]()*\n&#{}-|", "\u00a0", "\u202f", "    ", "http://x.fr/", "&#58;", "```"]
TOKENS += ["[[fact:a]]", "](", "<code>", "</code>"]


@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_typography_only_changes_spaces_and_is_idempotent(text: str) -> None:
    once = typography(text, "fr")
    assert typography(once, "fr") == once
    assert [c for c in once if c not in SPACES] == [c for c in text if c not in SPACES]


def test_every_qualifier_has_a_form_in_every_language() -> None:
    fact = _fact({"kind": "count", "value": 40, "unit": "models", "fr": {"unit": "modèles"}})
    for qualifier in QUALIFIERS:
        for lang in LANGUAGES:
            shown = kinds.format_value(replace(fact, qualifier=qualifier), lang)
            assert shown.endswith("40 models" if lang == "en" else "40 modèles"), shown
            assert shown != "40 modèles"


def test_editor_messages_write_dates_as_english_pages_do() -> None:
    """`PartialDate.human()` (diagnostics, fact diff) and the English site agree."""
    dates = [PartialDate(2026), *(PartialDate(2026, m) for m in range(1, 13))]
    dates += [PartialDate(2024, 2, d) for d in (1, 2, 10, 21, 29)]
    for date in dates:
        assert date.human() == locale.format_date(date, "en")


def test_babel_compact_format_still_has_the_plural_trap() -> None:
    """Why `locale._scaled` chooses the scale word itself. When this fails, Babel
    picks the plural from the number it shows, and the workaround can go."""
    from babel.numbers import format_compact_decimal

    assert format_compact_decimal(1_000_000, format_type="long", locale="fr_FR") == "1 millions"
    assert locale.format_large(1_000_000, "fr") == "1 million"


def test_required_forms_follow_the_displayed_value() -> None:
    def fact(**spec: Any) -> Fact:
        return _fact({"kind": "count", "unit": "servers", "fr": {}} | spec)

    assert kinds.required_forms(fact(value=1), "en") == ()
    assert kinds.required_forms(fact(value=1), "fr") == ("label", "unit", "unit_one")
    assert kinds.required_forms(fact(value=2), "fr") == ("label", "unit")
    assert kinds.required_forms(fact(value=1_000_000), "fr") == ("label", "unit")
    assert kinds.missing_forms(fact(value=2, fr={"unit": "serveurs"}), "fr") == ()
    text = _fact({"kind": "text", "value": "Paris"})
    assert kinds.missing_forms(text, "fr") == ("label", "value")
    money = _fact({"kind": "money", "value": 5, "unit": "EUR", "fr": {}})
    assert kinds.required_forms(money, "fr") == ("label",)


def test_labels_and_notes_per_language() -> None:
    fact = replace(_fact({"kind": "percent", "value": 4}), note="English note")
    fact = replace(fact, translations={"fr": FactForms(label="Part", note="Note française")})
    assert (locale.label(fact, "en"), locale.note(fact, "en")) == ("x", "English note")
    assert (locale.label(fact, "fr"), locale.note(fact, "fr")) == ("Part", "Note française")
    no_note = replace(fact, translations={"fr": FactForms(label="Part")})
    with pytest.raises(locale.MissingTranslation, match="no 'note'"):
        locale.note(no_note, "fr")


def test_an_unknown_language_is_named() -> None:
    fact = _fact({"kind": "percent", "value": 4})
    with pytest.raises(locale.UnsupportedLanguage, match="unsupported language 'de' \\(supported: en, fr\\)"):
        kinds.format_value(fact, "de")
