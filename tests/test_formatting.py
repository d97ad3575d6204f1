"""Fact values as readers see them: each row is a fact and the text the site shows for it."""

from __future__ import annotations

import pytest

from explainer import Fact, PartialDate
from explainer.kinds import format_value
from explainer.model import FactValue, Origin

D = PartialDate.parse
# (kind, value, unit, qualifier) -> shown as
EXAMPLES: list[tuple[str, FactValue, str | None, str | None, str]] = [
    ("count", 420000, "servers", "over", "over 420,000 servers"),
    ("count", 38, "data centres", None, "38 data centres"),
    ("count", 7, None, None, "7"),
    ("count", 10_000_000, "people", "about", "about 10 million people"),
    ("count", 1_250_000, "users", None, "1.25 million users"),
    ("count", 1_234_000, "users", None, "1,234,000 users"),  # 1.234 million is not exact to two decimals
    ("number", 3.6, None, None, "3.6"),
    ("number", 2.50, "GW", None, "2.5 GW"),
    ("number", 12.0, None, None, "12"),
    ("number", 1_000_000.5, None, None, "1,000,000.5"),
    ("number", -4.25, "points", None, "\u22124.25 points"),  # the minus sign, U+2212, not a hyphen
    ("money", 1_700_000_000, "EUR", None, "€1.7 billion"),
    ("money", 2_500_000_000_000, "USD", "up to", "up to US$2.5 trillion"),  # CLDR en_GB's symbol
    ("money", 1_234_567, "GBP", None, "£1,234,567"),
    ("money", 5_000_000, "CHF", None, "CHF\u00a05 million"),  # CLDR: the code first, then a no-break space
    ("money", 99.5, "EUR", None, "€99.50"),  # cents in full when there are any
    ("money", -14_200_000, "EUR", None, "\u2212€14.2 million"),  # an outflow: the sign before the symbol
    ("percent", 4.5, None, None, "4.5%"),
    ("percent", 100, None, "nearly", "nearly 100%"),
    ("date", D("2026-03-14"), None, None, "14 March 2026"),
    ("date", D("2026-03"), None, None, "March 2026"),
    ("date", D("2011"), None, None, "2011"),
    ("text", "Paris, France", None, None, "Paris, France"),
]


@pytest.mark.parametrize(("kind", "value", "unit", "qualifier", "shown"), EXAMPLES, ids=[e[4] for e in EXAMPLES])
def test_format_value(kind: str, value: FactValue, unit: str | None, qualifier: str | None, shown: str) -> None:
    fact = Fact(
        id="x.y",
        label="Example",
        kind=kind,
        value=value,
        as_of=D("2026-01"),
        sources=("report",),
        origin=Origin("content/facts/x.yml"),
        unit=unit,
        qualifier=qualifier,
    )
    assert format_value(fact, "en") == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1, "1 site"), (2, "2 sites"), (0, "0 sites"), (1.5, "1.5 sites"), (1_000_000, "1 million sites")],
)
def test_the_unit_takes_the_singular_only_after_a_number_that_takes_it(value: int | float, shown: str) -> None:
    fact = Fact(
        id="x.y",
        label="Example",
        kind="count" if isinstance(value, int) else "number",
        value=value,
        as_of=D("2026-01"),
        sources=("report",),
        origin=Origin("content/facts/x.yml"),
        unit="sites",
        unit_one="site",
    )
    assert format_value(fact, "en") == shown
