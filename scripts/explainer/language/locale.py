"""Values as readers see them, in each language of the site: one locale layer over Babel (CLDR).

Prose, tooltips, cards, tables and downloads all call `kinds.format_value(fact, lang)`,
so a figure is written the same way everywhere in a language:

    en  over 500,000 servers   €1.2 billion            4%     25 March 2026   1 March 2026
    fr  plus de 500 000 serveurs  1,2 milliard d’euros  4 %   25 mars 2026    1er mars 2026

Numbers, percentages, currency patterns and symbols, month names, date
patterns, scale words (million, milliard) and plural rules come from CLDR
through Babel; nothing here spells a digit separator or a month. What CLDR
does not hold is in each language's file (`language/<code>.toml`, read by
`catalog`): its CLDR locale (the site's English is British, `en_GB`:
`25 March 2026`), the qualifier vocabulary, whether large sums are written in
words (`20 millions d’euros`) or with a symbol (`€20 million`), French `1er`
for the first of the month, `de`/`d’` after million and milliard, the "as of"
phrasing and the typography rules.
The separators CLDR gives French, and so the site: U+202F (narrow no-break
space) between groups of digits, U+00A0 (no-break space) before `%` and before
`€`. Plain text out; escaping for HTML is the renderer's job.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import NumberPattern, get_currency_name, get_currency_precision, get_currency_symbol

from explainer.language.catalog import ORIGINAL as ORIGINAL
from explainer.language.catalog import Language, language
from explainer.language.catalog import UnsupportedLanguage as UnsupportedLanguage
from explainer.model import Fact, FactForms, PartialDate, Source
from explainer.text.typography import RULES as _TYPOGRAPHY

_SMALLEST_SCALE = 1_000_000
"""Numbers from a million up are written with a scale word when that is exact: `1.2 billion`."""
_DECIMALS = 6
"""At most this many decimals are shown (more are rounded)."""
_FORMATTED = 1 << 16

# The format_* functions are cached (up to `_FORMATTED` values, more than a
# large site holds): a page shows the same values many times, and the typed-value
# scan, the copy check and the pages each need them; applying a Babel pattern
# costs tens of microseconds. `typed=True` keeps 1 and 1.0 apart (their decimals
# may differ in a future rule).


class MissingTranslation(LookupError):
    """A fact has no form in a language for something the displayed value needs.

    The loader reports what `missing_forms` lists as located content errors
    before anything is rendered; this is the renderer's guard against ever
    printing an English word on a French page.
    """

    def __init__(self, fact: Fact | Source, lang: str, name: str) -> None:
        what = "fact" if isinstance(fact, Fact) else "source"
        super().__init__(f"{what} '{fact.id}' has no '{name}' in its '{lang}:' block")
        self.fact_id = fact.id
        self.lang = lang
        self.name = name


def _de(noun: str) -> str:
    """French `de` before a noun, elided before a vowel or a mute h: `de dollars`, `d’euros`."""
    letters = unicodedata.normalize("NFD", noun[:2].lower())
    first, second = letters[:1], "".join(c for c in letters[1:] if c.isalpha())[:1]
    vowels = "aeiouyæœ"
    elided = (
        (first in vowels and not (first == "y" and second in vowels))  # `d’ypérites`, but `de yachts`
        or (first == "h" and not noun.lower().startswith(_ASPIRATED_H))
    )
    return f"d’{noun}" if elided else f"de {noun}"


_ASPIRATED_H = (
    *("hache", "haie", "hall", "hameau", "hangar", "hasard", "hauss", "haut"),
    *("héros", "hibou", "hockey", "homard", "honte", "hors", "houille"),
)
"""Nouns starting with an aspirated h take `de` unelided (`de hangars`); the others take `d’` (`d’habitants`)."""


def _identity(noun: str) -> str:
    return noun


_AFTER_SCALE: Mapping[str, Callable[[str], str]] = {"plain": _identity, "french_de": _de}
"""The rules a language file may name for a noun after a scale word (`catalog.AFTER_SCALE_RULES`)."""


def _language(lang: str) -> Language:
    return language(lang)


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(_language(lang).locale)


# --- the whole value -------------------------------------------------------


def check_language(lang: str) -> None:
    """Raise UnsupportedLanguage unless the site has tables for `lang`."""
    _language(lang)


def qualified(fact: Fact, text: str, lang: str) -> str:
    """A value as shown (`text`, from its kind: `explainer.kinds.format_value`) with the fact's qualifier in `lang`."""
    rules = _language(lang)
    if not fact.qualifier:
        return text
    try:
        qualifier = rules.qualifiers[fact.qualifier]
    except KeyError:
        raise ValueError(f"fact '{fact.id}': no '{lang}' form of the qualifier '{fact.qualifier}'") from None
    return f"{qualifier} {text}"


def forms(fact: Fact, lang: str) -> FactForms | None:
    """The fact's words in `lang` (None for the original language)."""
    _language(lang)
    if lang == ORIGINAL:
        return None
    found = fact.translations.get(lang)
    if found is None:
        raise MissingTranslation(fact, lang, "label")
    return found


def label(fact: Fact, lang: str) -> str:
    """What the fact measures, for cards, tables and downloads."""
    found = forms(fact, lang)
    return fact.label if found is None else found.label


def note(fact: Fact, lang: str) -> str | None:
    """The fact's note in `lang`, or None when it has none."""
    found = forms(fact, lang)
    if found is None or fact.note is None:
        return fact.note
    if found.note is None:
        raise MissingTranslation(fact, lang, "note")
    return found.note


def source_note(source: Source, lang: str) -> str | None:
    """The source's note in `lang` (its `fr:` block), or None when it has none; never the original's words."""
    _language(lang)
    if lang == ORIGINAL or source.note is None:
        return source.note
    found = source.translations.get(lang)
    if found is None or found.note is None:
        raise MissingTranslation(source, lang, "note")
    return found.note


def publisher(source: Source, lang: str) -> str:
    """Who published the source, as `lang` writes it: its `fr: publisher` when given, else the name as it is."""
    _language(lang)
    found = source.translations.get(lang) if lang != ORIGINAL else None
    return found.publisher if found is not None and found.publisher is not None else source.publisher


def same_language(tag: str | None, lang: str) -> bool:
    """Whether text tagged `tag` (BCP 47: `en`, `en-GB`, `pt-BR`) is in `lang`; an untagged text is taken to be."""
    return tag is None or tag.split("-")[0].lower() == lang


def format_counted(fact: Fact, value: int | float, lang: str) -> str:
    """`3.6 billion parameters`, `46 centres de données`, `1 serveur`."""
    assert fact.unit is not None
    found = forms(fact, lang)
    if found is not None and found.unit is None:
        raise MissingTranslation(fact, lang, "unit")
    plural = fact.unit if found is None else found.unit
    singular = None if found is None else found.unit_one
    assert plural is not None
    scaled = _scaled(value, lang)
    if scaled is not None:
        return f"{scaled} {_AFTER_SCALE[_language(lang).after_scale](plural)}"
    if found is None:
        singular = fact.unit_one  # a derived fact may have none: the plural then stands
    # The plural rule is asked only when its answer can change the text (it is
    # the costly part of formatting a count; most original-language facts have no
    # `unit_one`, which the loader requires wherever the number takes the singular).
    if (singular is not None or found is not None) and _number_takes_singular(value, lang):  # no scale word
        if singular is None:
            raise MissingTranslation(fact, lang, "unit_one")
        return f"{format_number(value, lang)} {singular}"
    return f"{format_number(value, lang)} {plural}"


# --- numbers ---------------------------------------------------------------


def _decimal(value: int | float | Decimal) -> Decimal:
    """The value as shown: exact, at most `_DECIMALS` decimals, no trailing zeros."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if d.as_tuple().exponent < -_DECIMALS:  # type: ignore[operator]  # an int for finite numbers
        d = d.quantize(Decimal(1).scaleb(-_DECIMALS), rounding=ROUND_HALF_UP)  # as typed: 0.0000625 -> 0.000063
    return d.normalize() if d != d.to_integral_value() else d.quantize(Decimal(1))


def _apply(pattern: NumberPattern, value: Decimal, locale: Locale, min_decimals: int = 0) -> str:
    """A CLDR number pattern applied without losing a decimal the value has."""
    shaped = copy.copy(pattern)
    shaped.frac_prec = (min_decimals, max(min_decimals, pattern.frac_prec[1]))
    return str(shaped.apply(value, locale, decimal_quantization=False))


@functools.lru_cache(maxsize=_FORMATTED, typed=True)
def format_number(value: int | float | Decimal, lang: str) -> str:
    """`500000` -> `500,000` / `500 000` (U+202F); `3.6` -> `3.6` / `3,6`."""
    locale = _locale(lang)
    return _signed(_apply(locale.decimal_formats[None], _decimal(value), locale), lang)


@functools.lru_cache(maxsize=_FORMATTED, typed=True)
def format_large(value: int | float | Decimal, lang: str) -> str:
    """A million and more with a scale word when that is exact to two decimals: `1.2 billion`, `1,2 milliard`."""
    return _scaled(value, lang) or format_number(value, lang)


@functools.lru_cache(maxsize=_FORMATTED, typed=True)
def format_percent(value: int | float | Decimal, lang: str) -> str:
    """A percentage given in percent: `4` -> `4%` / `4 %` (U+00A0, as CLDR writes French)."""
    locale = _locale(lang)
    return _signed(_apply(locale.percent_formats[None], _decimal(value).scaleb(-2), locale), lang)


@functools.lru_cache(maxsize=_FORMATTED, typed=True)
def format_money(value: int | float | Decimal, currency: str, lang: str) -> str:
    """`€1.2 billion`, `CHF 20 million`, `€500,000`; `1,2 milliard d’euros`, `500 000 €`."""
    rules = _language(lang)
    locale = _locale(lang)
    scaled = _scaled(value, lang)
    if scaled is not None and rules.money_in_words:
        return f"{scaled} {_AFTER_SCALE[rules.after_scale](get_currency_name(currency, 2, locale))}"
    shown = _decimal(value)
    if scaled is not None:
        number = scaled.lstrip(rules.minus_sign)
    else:
        cents = 0 if shown == shown.to_integral_value() else get_currency_precision(currency)
        number = _apply(locale.decimal_formats[None], abs(shown), locale, min_decimals=cents)
    pattern = locale.currency_formats["standard"]
    negative = int(shown < 0)
    symbol = get_currency_symbol(currency, locale)
    prefix = _signed(_unquote(pattern.prefix[negative]), lang).replace("¤", symbol)
    suffix = _signed(_unquote(pattern.suffix[negative]), lang).replace("¤", symbol)
    return _currency_spacing(prefix, number, suffix)


def _signed(text: str, lang: str) -> str:
    """A CLDR pattern's minus (`-`, which Babel writes as it is) as the language writes it: `−€14.2 million`."""
    return text.replace("-", _language(lang).minus_sign) if "-" in text else text


def _unquote(affix: str) -> str:
    return re.sub(r"'([^']*)'", lambda m: m.group(1) or "'", affix)


def _currency_spacing(prefix: str, number: str, suffix: str) -> str:
    """CLDR's default currency spacing: U+00A0 between a symbol ending in a letter and a digit (`CHF 20`).

    Babel does not apply it; `€20` and `US$20` stay tight because their symbols end in a currency sign.
    """

    def spaced(symbol_end: str, digit: str) -> bool:
        category = unicodedata.category(symbol_end)
        return digit.isdigit() and category[0] not in "SZ"

    if prefix and number and spaced(prefix[-1], number[0]):
        prefix += "\u00a0"
    if suffix and number and spaced(suffix[0], number[-1]):
        suffix = "\u00a0" + suffix
    return f"{prefix}{number}{suffix}"


def _plural_category(number: Decimal, lang: str) -> str:
    return str(_locale(lang).plural_form(number))


def takes_singular(value: int | float, lang: str) -> bool:
    """Whether a noun right after the number as displayed takes the singular (`1 serveur`, `1,5 kilomètre`)."""
    return _scaled(value, lang) is None and _number_takes_singular(value, lang)


def _number_takes_singular(value: int | float, lang: str) -> bool:
    """The same for a number shown without a scale word."""
    return _plural_category(abs(_decimal(value)), lang) == "one"


@functools.cache
def _magnitudes(lang: str) -> tuple[int, ...]:
    """The powers of ten CLDR has a long scale word for in `lang`, largest first."""
    return tuple(sorted((int(m) for m in _locale(lang).compact_decimal_formats["long"]["other"]), reverse=True))


def _scaled(value: int | float | Decimal, lang: str) -> str | None:
    """`1.2 billion` / `1,2 milliard`, or None when no scale word gives the value exactly.

    Babel's `format_compact_decimal` picks the scale word's plural from the
    number before rounding, and for exactly one million takes the `1` form
    that French lacks, falling back to `other`: `1 millions`, and `2 million`
    for 1,500,000. Here the plural comes from the number displayed.
    """
    if 1 - _SMALLEST_SCALE < value < _SMALLEST_SCALE - 1:
        return None  # most numbers: no scale word (a value that rounds up to a million takes the long way)
    locale = _locale(lang)
    compact = locale.compact_decimal_formats["long"]
    shown = _decimal(value)
    for magnitude in _magnitudes(lang):
        if abs(shown) < magnitude:
            continue
        if magnitude < _SMALLEST_SCALE:
            return None
        zeros = compact["other"][str(magnitude)].pattern.count("0")
        scaled = shown / (magnitude // 10 ** (zeros - 1))
        if round(scaled, 2) != scaled:
            return None
        scaled = _decimal(scaled)
        category = _plural_category(abs(scaled), lang)
        if abs(scaled) == 1 and str(magnitude) in compact.get("1", {}):
            category = "1"
        if category not in compact or str(magnitude) not in compact[category]:
            category = "other"
        pattern = compact[category][str(magnitude)]
        negative = int(scaled < 0)
        number = format_number(abs(scaled), lang)
        return _signed(f"{_unquote(pattern.prefix[negative])}{number}{_unquote(pattern.suffix[negative])}", lang)
    return None


# --- dates -----------------------------------------------------------------


@functools.lru_cache(maxsize=_FORMATTED, typed=True)
def format_date(date: PartialDate, lang: str) -> str:
    """`25 March 2026`, `March 2026`, `2011`; `25 mars 2026`, `1er mars 2026`, `mars 2026`, `2011`."""
    locale = _locale(lang)
    if date.month is None:
        return str(format_skeleton("y", dt.date(date.year, 1, 1), locale=locale))
    if date.day is None:
        return str(format_skeleton("yMMMM", dt.date(date.year, date.month, 1), locale=locale))
    pattern = str(locale.date_formats["long"].pattern)
    if date.day == 1:
        pattern = re.sub(r"(?<![d'])d(?![d'])", _language(lang).first_of_month, pattern)
    return str(babel_format_date(dt.date(date.year, date.month, date.day), pattern, locale=locale))


def format_as_of(date: PartialDate, lang: str, *, capitalize: bool = False) -> str:
    """`as of 25 March 2026`; `au 1er mars 2026`, `en mars 2026`, `en 2011`."""
    day, month, year = _language(lang).as_of
    template = year if date.month is None else month if date.day is None else day
    text = template.format(format_date(date, lang))
    return text[:1].upper() + text[1:] if capitalize else text


# --- typography --------------------------------------------------------------


def typography(text: str, lang: str) -> str:
    """`text` set by `lang`'s typography rules (its file's `rules.typography`): French spaces for `fr`."""
    return _TYPOGRAPHY[_language(lang).typography](text)
