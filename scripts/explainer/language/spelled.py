"""Values as sources spell them: what numbers, amounts, percentages and dates a quotation contains.

The fact kinds (`explainer.kinds`, `Kind.supported_by`) ask this module whether an evidence excerpt
gives their value. Sources write numbers in many ways, and the reading is generous rather than
strict (a warning that cries wolf teaches editors to ignore it):

- digits with any thousands separator (`500,000`, `500.000`, `500 000`, `500’000`) and decimals
  with a point or a comma (`4.5`, `4,5`); a number that could be read either way is read both ways;
- scale words after a number: `thousand`, `k`, `million`, `m`, `mn`, `billion`, `bn`, `milliard`,
  `Md`, `Mrd`, `trillion` (in French a `billion` is a million million);
- currency symbols, codes and names (`€`, `US$`, `EUR`, `euros`, `dollars`);
- `%`, `per cent`, `percent`, `pour cent`;
- small numbers in words (`five`, `douze`; not `one`, which is also `a`);
- dates written out in the source's language and in English (`25 March 2026`, `March 25`,
  `25 mars`, `1er mars 2026`, `March 2011`), numerically (`25/03/2026`) or in ISO (`2026-03-25`).

Month names come from CLDR through Babel, in the source's language; numbers are read by the
expression below rather than `babel.numbers.parse_decimal`, which picks one reading per locale and
would call `1,200` twelve hundred or one point two, where a source's text may mean either.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names

from explainer.model import PartialDate

_SEPARATORS = ",.' \u00a0\u202f\u2019"
_NUMBER = re.compile(
    r"(?<![\w.,])(?:"
    rf"(?P<grouped>\d{{1,3}}(?P<sep>[{_SEPARATORS}])\d{{3}}(?:(?P=sep)\d{{3}})*(?:[.,]\d+)?)"
    r"|(?P<plain>\d+(?:[.,]\d+)?)"
    r")(?!\d)"
)
_SCALE = re.compile(
    r"[ \u00a0\u202f-]?(?P<word>thousand|k|millions?|m|mn|mio|billions?|bn|b|milliards?|mds?|mrds?|trillions?|tn)\b"
    r"|[ \u00a0\u202f]?(?P<percent>%|per ?cent|percent|pour ?cent|pct)",
    re.I,
)
_SCALES = {
    "thousand": 3,
    "k": 3,
    "million": 6,
    "millions": 6,
    "m": 6,
    "mn": 6,
    "mio": 6,
    "billion": 9,
    "billions": 9,
    "bn": 9,
    "b": 9,
    "milliard": 9,
    "milliards": 9,
    "md": 9,
    "mds": 9,
    "mrd": 9,
    "mrds": 9,
    "trillion": 12,
    "trillions": 12,
    "tn": 12,
}
_LONG_SCALE = {"billion": 12, "billions": 12}
"""Where a `billion` is a million million (French, German, Italian, Spanish...)."""
_LONG_SCALE_LANGUAGES = frozenset(("fr", "de", "it", "es", "pt", "nl"))

CURRENCY_WORDS: dict[str, tuple[str, ...]] = {
    "EUR": ("€", "eur", "euro", "euros"),
    "USD": ("$", "usd", "dollar", "dollars"),
    "GBP": ("£", "gbp", "pound", "pounds", "sterling"),
    "CHF": ("chf", "franc", "francs"),
}
"""How sources name each currency a money fact may be in (`kinds.CURRENCIES`)."""
_CURRENCY = re.compile(
    r"[€$£]|\b(?:" + "|".join(w for words in CURRENCY_WORDS.values() for w in words if w.isalpha()) + r")\b",
    re.I,
)


_NUMBER_WORDS = {
    "en": "zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty",
    "fr": "zéro deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept "
    "dix-huit dix-neuf vingt",
}
"""Small numbers in words, 0 and 2 to 20: `one`, `un` and `une` are also words for `a`, so a count of
1 in words is accepted with a reason (`evidence_in_words`), as `first-ever` is."""


@functools.lru_cache(maxsize=32)
def _number_words(lang: str) -> tuple[dict[str, int], re.Pattern[str]]:
    words: dict[str, int] = {}
    for code in dict.fromkeys((lang, "en")):
        for n, word in enumerate(_NUMBER_WORDS.get(code, "").split()):
            words[word] = n + 1 if n else 0
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    return words, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


@dataclass(frozen=True, slots=True)
class Spelled:
    """A number as a source wrote it: each value it can be read as, and whether a percent sign follows."""

    values: frozenset[Decimal]
    percent: bool


def _base(lang: str | None) -> str:
    return (lang or "en").split("-")[0].lower()


_NEGATIVE_BEFORE = re.compile(r"(?:[-\u2212]|\b(?:negative|minus|moins|n[ée]gati(?:f|ve)s?)\s+)(?:[€$£]\s?)?$", re.I)
"""A sign or a word that makes the number after it negative: `−€14.2`, `negative €14.2 million`."""


_OPEN_BEFORE = re.compile(r"\(\s*(?:[€$£]\s?)?$")
_CLOSE_AFTER = re.compile(r"[ \w€$£]*?\)")
"""A number in brackets, with its currency and scale word: `(14.2)`, `(€14.2 million)`."""


def _negative(text: str, start: int, end: int) -> bool:
    """Whether the number at `text[start:end]` is written as a negative: a sign or word before it, or
    in brackets as accounts write it (`(14.2)`)."""
    if _NEGATIVE_BEFORE.search(text, 0, start):
        return True
    return bool(_OPEN_BEFORE.search(text, 0, start)) and bool(_CLOSE_AFTER.match(text, end))


def numbers_in(text: str, lang: str | None) -> list[Spelled]:
    """Every number in `text`, scale words applied, with each reading it allows (a number written as a
    negative may be read as one, and as its size: a source's "an outflow of (14.2)")."""
    long_scale = _base(lang) in _LONG_SCALE_LANGUAGES
    words, spelled = _number_words(_base(lang))
    found = []
    for m in [*_NUMBER.finditer(text), *spelled.finditer(text)]:
        if m.re is spelled:
            readings = {Decimal(words[m.group().lower()])}
        elif m.group("grouped"):
            readings = _readings(m.group("grouped"), m.group("sep"))
        else:
            readings = _plain(m.group("plain"))
        after = _SCALE.match(text, m.end())
        percent, power = False, 0
        if after is not None and after.group("percent"):
            percent = True
        elif after is not None:
            word = after.group("word").lower()
            power = (_LONG_SCALE if long_scale else {}).get(word, _SCALES[word])
        values = {r.scaleb(power) for r in readings}
        if _negative(text, m.start(), m.end()):
            values |= {-v for v in values}
        found.append(Spelled(frozenset(values), percent))
    return found


def _plain(token: str) -> set[Decimal]:
    return {Decimal(token.replace(",", "."))}


def _readings(token: str, sep: str) -> set[Decimal]:
    """`1,200` is twelve hundred, or one point two; `1.234,5` is one thousand two hundred and thirty-four point five."""
    digits = token
    decimals = ""
    tail = re.search(r"[.,]\d+$", token)
    if tail is not None and tail.group()[0] != sep:
        digits, decimals = token[: tail.start()], "." + tail.group()[1:]
    out = {Decimal(digits.replace(sep, "") + decimals)}
    if sep in ",." and token.count(sep) == 1 and not decimals:
        out.add(Decimal(token.replace(sep, ".")))
    return out


def currencies_in(text: str) -> set[str]:
    """The currency codes whose symbol, code or name `text` uses (`US$` and `$` both say USD)."""
    found: set[str] = set()
    for m in _CURRENCY.finditer(text):
        word = m.group().lower()
        found.update(code for code, words in CURRENCY_WORDS.items() if word in words)
    return found


@functools.lru_cache(maxsize=32)
def _months(lang: str | None) -> tuple[dict[str, int], re.Pattern[str]]:
    """Month names (wide and abbreviated) in the source's language and in English, to their number."""
    names: dict[str, int] = {}
    for code in dict.fromkeys((_base(lang), "en")):
        try:
            locale = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names.setdefault(name.lower().rstrip("."), number)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"\b(?:{alternatives})\b\.?", re.I)


def date_in(text: str, value: PartialDate, lang: str | None) -> bool:
    """Whether `text` gives the date `value`, at the precision the text gives it.

    A day: its day and month (`25 March`, `March 25`, `25 mars`; a year written beside them must
    be the value's), or its month and year (`March 2026`), or all of it in figures. A month: its
    month and year. A year: the year as a number of its own.
    """
    year = str(value.year)
    if value.month is None:
        return re.search(rf"(?<![\d.,]){year}(?![\d])", text) is not None
    iso = f"{value.year:04d}-{value.month:02d}"
    if value.day is not None and f"{iso}-{value.day:02d}" in text:
        return True
    if re.search(rf"(?<!\d){iso}(?!-?\d)", text):  # `2026-03`, the month: enough for a day, as `March 2026` is
        return True
    names, pattern = _months(lang)
    for m in pattern.finditer(text):
        if names[m.group().lower().rstrip(".")] != value.month:
            continue
        before, after = text[max(0, m.start() - 12) : m.start()], text[m.end() : m.end() + 12]
        day_before = re.search(r"(?<!\d)(\d{1,2})(?:er|st|nd|rd|th)?\s+(?:de\s+)?$", before)
        day_after = re.match(r"\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)", after)
        year_after = re.match(r"(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?,?\s+(\d{4})(?!\d)", after)
        if year_after is not None and year_after.group(1) != year:
            continue  # the same month of another year
        if year_after is not None and value.day is None:
            return True
        day = day_before or day_after
        if value.day is not None and day is not None and int(day.group(1)) == value.day:
            return True
        if value.day is not None and year_after is not None and day is None:
            return True  # `March 2026`: the source gives the month, not the day
    if value.day is not None:
        dm, md = f"{value.day:02d}/{value.month:02d}", f"{value.month:02d}/{value.day:02d}"
        for m in re.finditer(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)", text):
            written = f"{int(m.group(1)):02d}/{int(m.group(2)):02d}"
            if m.group(3) == year and written in (dm, md):
                return True
    return False
