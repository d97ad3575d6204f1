"""Fact kinds: what `kind:` in a facts file means, one small class per kind.

In the manner of MkDocs' `config_options`, a kind holds its rules side by side:

- its value check (`convert`) and the same rule as JSON Schema for editors (`json_rule`);
- its unit: a noun after the number, a currency code, or none (`unit_noun`, `currency`, `takes_unit`);
- its quantity in formulas (`per`, `formula_unit`) and the values a formula may give it (`broken`);
- its formatting in each language, through the locale layer (`format`);
- the forms in which its value might be typed by hand in prose (`typed_forms`);
- whether a source's words give its value, as sources spell it (`supported_by`, `language.spelled`);
- how the data package and the charts describe it (`data_value`, `measure`, `axis_word`).

The rest of the engine asks a fact's kind, `of(fact.kind)`, and never tests which kind it is.
Adding a kind is a class here and an entry in `KINDS`, then `make schemas` and the list of kinds
in CONTRIBUTING.md; tests/test_kinds.py shows a `ratio` kind going through the whole engine that way.

The kinds sit in a stage of their own (tests/test_boundaries.py): above the locale layer they
format with and the field types they check values with (`load.fields`), below the checks and
the loader that ask them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

import explainer.load.fields as fields
from explainer.language.locale import (
    ORIGINAL,
    MissingTranslation,
    check_language,
    format_counted,
    format_date,
    format_large,
    format_money,
    format_number,
    format_percent,
    forms,
    qualified,
    takes_singular,
)
from explainer.language.spelled import currencies_in, date_in, numbers_in
from explainer.load.fields import JSON, FieldType, Invalid, as_scalar, describe
from explainer.load.yamlsrc import YNode
from explainer.model import MONTHS, Fact, FactValue, PartialDate

CURRENCIES = ("EUR", "USD", "GBP", "CHF")
"""The currency codes a money fact's `unit` may be."""

Broken = tuple[str, str]
"""A rule a value breaks, said two ways: what it must be ("must be a whole number", for a value
as written) and what it is ("is a whole number", for a formula's result)."""


class Kind:
    """A kind of fact value. Subclasses set the class attributes and override what differs."""

    name: ClassVar[str]
    """As written in content (`kind: count`)."""
    numeric: ClassVar[bool] = True
    """Its value is a number: a formula may compute it or use it, a chart may draw it."""
    per: ClassVar[int] = 1
    """In a formula a value `v` is `v / per` (a percent: 4 is 0.04)."""
    takes_unit: ClassVar[bool] = True
    """Whether a `unit` may be given at all (a percent's sign is its unit)."""
    unit_noun: ClassVar[bool] = False
    """Its `unit`, when given, is a noun shown after the number (`46 data centres`), which takes a
    singular (`unit_one`) and a translation."""
    currency: ClassVar[bool] = False
    """Its `unit` is a currency code: required, one of `CURRENCIES`, never translated; a formula
    over it gives an amount in that currency."""
    dated: ClassVar[bool] = False
    """Its value is a date: a timeline entry or a strip chart can place it."""
    translated_value: ClassVar[bool] = False
    """Its value is words, written again in each language's block (`fr: value:`)."""
    quoted_value: ClassVar[bool] = True
    """An evidence excerpt must give the value (`supported_by`); words are not compared."""
    on_x_axis: ClassVar[bool] = False
    """A line chart's x may be of this kind (`x: kind:`), its values formatted like this kind's."""
    measure: ClassVar[str | None] = None
    """What its values are when their unit does not say it (`a percent`), for "mixed units"
    messages; such a value shares a chart axis only with its own kind."""
    data_value: ClassVar[str] = "a number"
    """How its `value` is written in facts.csv and facts.json, as the data package says it."""
    data_note: ClassVar[str | None] = None
    """Anything more the data package says about its values (`a percent as 0-100`)."""

    def __str__(self) -> str:
        return self.name

    # --- checking ---------------------------------------------------------------------------

    def convert(self, node: YNode, unit: str | None) -> FactValue:
        """The fact's `value` as written (raises Invalid); `unit` is the fact's `unit`, if any."""
        scalar = as_scalar(node)
        value = scalar.value
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            hint = ""
            if isinstance(value, str) and re.fullmatch(r"[-+]?[0-9][0-9_,]*(\.[0-9]+)?", value):
                hint = (
                    " (remove the quotes)"
                    if scalar.quoted
                    else " (write digits only: no leading zeros, underscores or commas)"
                )
            raise Invalid(f"a {self} value must be a number, got {describe(node)}{hint}")
        if isinstance(value, float) and not math.isfinite(value):
            raise Invalid(f"a {self} value must be a finite number")
        broken = self.broken(value)
        if broken is not None:
            raise Invalid(f"a {self} {broken[0]}, got {scalar.raw}")
        problem = self.unit_problem(unit)
        if problem is not None:
            raise Invalid(problem)
        return value

    def broken(self, value: int | float) -> Broken | None:
        """The rule a number breaks as a value of this kind, or None."""
        return None

    def unit_problem(self, unit: str | None) -> str | None:
        """What is wrong with a fact's `unit` for this kind (beyond `takes_unit`), or None."""
        if self.currency and unit not in CURRENCIES:
            return f"a {self} value needs 'unit' set to a currency code ({', '.join(CURRENCIES)})"
        return None

    def value_json(self) -> JSON:
        """The JSON Schema of its `value`."""
        return {"type": "number"}

    def json_rule(self) -> JSON:
        """JSON Schema for `convert`: what `value` (and `unit`) must be when `kind` is this kind."""
        rule: JSON = {"if": {"properties": {"kind": {"const": self.name}}, "required": ["kind"]}}
        props: JSON = {"value": self.value_json()}
        if self.currency:
            props["unit"] = {"enum": list(CURRENCIES)}
        elif not self.takes_unit:
            props["unit"] = {"type": "null"}  # "a percent takes no unit" (an empty `unit:` counts as none)
        rule["then"] = {"properties": props}
        if self.currency:
            rule["then"]["required"] = ["unit"]
        return rule

    # --- formulas ---------------------------------------------------------------------------

    def formula_unit(self, unit: str | None) -> str | None:
        """The unit its values carry in a formula (none: a pure number)."""
        return unit if self.takes_unit else None

    def result(self, value: int | float) -> str:
        """A formula's result as messages about it show it."""
        return f"{value}"

    # --- showing ----------------------------------------------------------------------------

    def format(self, fact: Fact, lang: str) -> str:
        """The value in `lang` without its qualifier (`format_value` adds it)."""
        raise NotImplementedError

    def typed_forms(self, value: FactValue) -> set[str]:
        """How the value could be typed by hand in English prose (`check.typed_values` looks for them)."""
        assert isinstance(value, (int, float))
        # A sign stands outside the figure prose is scanned for: an outflow of −€14.2 million typed
        # as "an outflow of €14.2 million" is the same figure typed by hand.
        found = self.written(abs(value))
        if abs(value) < 10:
            found = {f for f in found if not f.isdigit()}  # a lone "4" is too common to flag
        return found

    def written(self, value: int | float) -> set[str]:
        return {format_number(value, ORIGINAL), format_large(value, ORIGINAL), str(value)}

    def supported_by(self, excerpt: str, fact: Fact, lang: str | None) -> bool:
        """Whether `excerpt`, from a source written in `lang`, gives the fact's value in a spelling
        sources use (`500,000`, `500 000`, `1.2bn`, `1,2 milliard`); see `language.spelled`."""
        value = Decimal(str(_number(fact)))
        return any(value in found.values for found in numbers_in(excerpt, lang))

    def axis_word(self, fact: Fact, lang: str) -> str:
        """What a chart's description calls the unit of a bar chart of such facts (`servers`, `EUR`, `%`)."""
        found = forms(fact, lang)
        return (found and found.unit) or fact.unit or ""


def _number(fact: Fact) -> int | float:
    value = fact.value
    assert isinstance(value, (int, float)) and not isinstance(value, bool)
    return value


class _Counted(Kind):
    """A number with an optional unit noun: `3.6 billion parameters`, `46 centres de données`."""

    unit_noun = True
    on_x_axis = True

    def format(self, fact: Fact, lang: str) -> str:
        if fact.unit is None:
            return format_large(_number(fact), lang)
        return format_counted(fact, _number(fact), lang)


class Count(_Counted):
    """A whole number of things, not negative: `46 data centres`."""

    name = "count"

    def broken(self, value: int | float) -> Broken | None:
        if not isinstance(value, int):
            return "must be a whole number", "is a whole number"
        if value < 0:
            return "cannot be negative", "cannot be negative"
        return None

    def value_json(self) -> JSON:
        return {"type": "integer", "minimum": 0}


class Number(_Counted):
    """Any number, negative too, with or without a unit noun: `3.6 billion parameters`, `−2.5`."""

    name = "number"


class Money(Kind):
    """An amount in a currency, negative for an outflow or a loss: `€1.2 billion`, `−€14.2 million`,
    `−14,2 millions d’euros` (the language's minus sign, `rules.minus_sign`)."""

    name = "money"
    currency = True
    on_x_axis = True

    def format(self, fact: Fact, lang: str) -> str:
        assert fact.unit is not None
        return format_money(_number(fact), fact.unit, lang)

    def written(self, value: int | float) -> set[str]:
        plain = super().written(value)
        return plain | {f"{symbol}{f}" for symbol in "€$£" for f in plain}

    def supported_by(self, excerpt: str, fact: Fact, lang: str | None) -> bool:
        """The amount, in no other currency than the fact's (`$20 million` does not give €20 million)."""
        named = currencies_in(excerpt)
        return (not named or fact.unit in named) and super().supported_by(excerpt, fact, lang)


class Percent(Kind):
    """A percentage given from 0 to 100: `4%`, `4 %`."""

    name = "percent"
    per = 100
    takes_unit = False
    measure = "a percent"
    data_note = "a percent as 0-100"

    def broken(self, value: int | float) -> Broken | None:
        if not 0 <= value <= 100:
            return "must be between 0 and 100", "is between 0 and 100"
        return None

    def value_json(self) -> JSON:
        return {"type": "number", "minimum": 0, "maximum": 100}

    def result(self, value: int | float) -> str:
        return f"{value}%"

    def format(self, fact: Fact, lang: str) -> str:
        return format_percent(_number(fact), lang)

    def typed_forms(self, value: FactValue) -> set[str]:
        assert isinstance(value, (int, float))
        number = format_number(value, ORIGINAL)
        return {f"{number}%", f"{number} %"}

    def supported_by(self, excerpt: str, fact: Fact, lang: str | None) -> bool:
        """The number followed by `%`, `per cent` or `pour cent`."""
        value = Decimal(str(_number(fact)))
        return any(found.percent and value in found.values for found in numbers_in(excerpt, lang))

    def axis_word(self, fact: Fact, lang: str) -> str:
        return "%"


class DateKind(Kind):
    """A date known to the year, the month or the day: `25 March 2026`, `1er mars 2026`."""

    name = "date"
    numeric = False
    dated = True
    data_value = "an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"

    def convert(self, node: YNode, unit: str | None) -> FactValue:
        return fields.Date(partial=True).convert(node)

    def value_json(self) -> JSON:
        return fields.Date(partial=True).json()

    def format(self, fact: Fact, lang: str) -> str:
        assert isinstance(fact.value, PartialDate)
        return format_date(fact.value, lang)

    def typed_forms(self, value: FactValue) -> set[str]:
        assert isinstance(value, PartialDate)
        found = {value.human()}
        if value.day is not None and value.month is not None:
            found.add(f"{MONTHS[value.month]} {value.day}, {value.year}")
            found.add(f"{MONTHS[value.month]} {value.day} {value.year}")
        if value.month is None:
            found.add(str(value.year))
        return found

    def supported_by(self, excerpt: str, fact: Fact, lang: str | None) -> bool:
        """The date in the source's words (`25 March 2026`, `March 25`, `25 mars`, `2026-03-25`)."""
        assert isinstance(fact.value, PartialDate)
        return date_in(excerpt, fact.value, lang)


class TextKind(Kind):
    """Words: a name, a place, a short statement; written again in each language."""

    name = "text"
    numeric = False
    translated_value = True
    quoted_value = False
    data_value = "text"

    def convert(self, node: YNode, unit: str | None) -> FactValue:
        return fields.Text(max_length=600).convert(node)

    def value_json(self) -> JSON:
        return fields.Text(max_length=600).json()

    def format(self, fact: Fact, lang: str) -> str:
        found = forms(fact, lang)
        if found is None:
            return str(fact.value)
        if found.value is None:
            raise MissingTranslation(fact, lang, "value")
        return found.value

    def typed_forms(self, value: FactValue) -> set[str]:
        return set()


KINDS: dict[str, Kind] = {k.name: k for k in (Count(), Number(), Money(), Percent(), DateKind(), TextKind())}
"""Every kind by name, in the order editors see them listed."""

PLAIN = Number.name
"""The kind of a bare number (a chart axis whose values have no unit)."""


def of(name: str) -> Kind:
    """The kind named `name` (a loaded fact's `kind` always names one)."""
    return KINDS[name]


def counted(fact: Fact) -> bool:
    """Whether the value is shown with a unit noun (`46 data centres`), which takes a singular
    (`unit_one`) and a translation; a currency code or a percent sign does not."""
    return fact.unit is not None and of(fact.kind).unit_noun


def format_value(fact: Fact, lang: str) -> str:
    """The whole displayed value, qualifier and unit included, in `lang`."""
    return qualified(fact, of(fact.kind).format(fact, lang), lang)


def required_forms(fact: Fact, lang: str) -> tuple[str, ...]:
    """The `FactForms` fields `lang` needs to show this fact as it is now (none for the original).

    `unit_one` is needed only while the displayed number takes the singular
    (`1 serveur`, `0 serveur`, `1,5 kilomètre` in French).
    """
    check_language(lang)
    if lang == ORIGINAL:
        return ()
    needed = ["label"]
    if of(fact.kind).translated_value:
        needed.append("value")
    if counted(fact):
        needed.append("unit")
        value = fact.value
        if isinstance(value, (int, float)) and takes_singular(value, lang):
            needed.append("unit_one")
    if fact.note is not None:
        needed.append("note")
    return tuple(needed)


def missing_forms(fact: Fact, lang: str) -> tuple[str, ...]:
    """The fields of `required_forms` the fact's `lang` block lacks (all of them when it has none)."""
    needed = required_forms(fact, lang)
    found = fact.translations.get(lang)
    if found is None:
        return needed
    return tuple(name for name in needed if getattr(found, name) is None)


@dataclass(frozen=True)
class KindField(FieldType):
    """A `kind:` field: the name of a kind in `KINDS`, read when checked (a kind a test adds is known).

    On a fact it also brings each kind's value rule into the fact's JSON Schema (`rules`).
    """

    x_axis: bool = False
    """Only the kinds a line chart's x may be."""

    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in KINDS.values() if k.on_x_axis or not self.x_axis)

    def convert(self, node: YNode) -> str:
        return fields.Choice(self.names()).convert(node)

    def json(self) -> JSON:
        return fields.Choice(self.names()).json()

    def rules(self) -> list[JSON]:
        return [] if self.x_axis else [k.json_rule() for k in KINDS.values()]
