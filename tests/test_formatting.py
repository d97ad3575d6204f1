"""Fact values as readers see them: each row is a fact and the text the site shows for it."""

from __future__ import annotations

import pytest

from explainer import Fact, FactKind, PartialDate
from explainer.language.locale import format_value
from explainer.model import FactValue, Origin

D = PartialDate.parse
# (kind, value, unit, qualifier) -> shown as
EXAMPLES: list[tuple[FactKind, FactValue, str | None, str | None, str]] = [
    (FactKind.COUNT, 420000, "servers", "over", "over 420,000 servers"),
    (FactKind.COUNT, 38, "data centres", None, "38 data centres"),
    (FactKind.COUNT, 7, None, None, "7"),
    (FactKind.COUNT, 10_000_000, "people", "about", "about 10 million people"),
    (FactKind.COUNT, 1_250_000, "users", None, "1.25 million users"),
    (FactKind.COUNT, 1_234_000, "users", None, "1,234,000 users"),  # 1.234 million is not exact to two decimals
    (FactKind.NUMBER, 3.6, None, None, "3.6"),
    (FactKind.NUMBER, 2.50, "GW", None, "2.5 GW"),
    (FactKind.NUMBER, 12.0, None, None, "12"),
    (FactKind.NUMBER, 1_000_000.5, None, None, "1,000,000.5"),
    (FactKind.NUMBER, -4.25, "points", None, "-4.25 points"),
    (FactKind.MONEY, 1_700_000_000, "EUR", None, "€1.7 billion"),
    (FactKind.MONEY, 2_500_000_000_000, "USD", "up to", "up to US$2.5 trillion"),  # CLDR en_GB's symbol
    (FactKind.MONEY, 1_234_567, "GBP", None, "£1,234,567"),
    (FactKind.MONEY, 5_000_000, "CHF", None, "CHF\u00a05 million"),  # CLDR: the code first, then a no-break space
    (FactKind.MONEY, 99.5, "EUR", None, "€99.50"),  # cents in full when there are any
    (FactKind.PERCENT, 4.5, None, None, "4.5%"),
    (FactKind.PERCENT, 100, None, "nearly", "nearly 100%"),
    (FactKind.DATE, D("2026-03-14"), None, None, "14 March 2026"),
    (FactKind.DATE, D("2026-03"), None, None, "March 2026"),
    (FactKind.DATE, D("2011"), None, None, "2011"),
    (FactKind.TEXT, "Paris, France", None, None, "Paris, France"),
]


@pytest.mark.parametrize(("kind", "value", "unit", "qualifier", "shown"), EXAMPLES, ids=[e[4] for e in EXAMPLES])
def test_format_value(kind: FactKind, value: FactValue, unit: str | None, qualifier: str | None, shown: str) -> None:
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
        kind=FactKind.COUNT if isinstance(value, int) else FactKind.NUMBER,
        value=value,
        as_of=D("2026-01"),
        sources=("report",),
        origin=Origin("content/facts/x.yml"),
        unit="sites",
        unit_one="site",
    )
    assert format_value(fact, "en") == shown
