"""Fact values as a reader sees them: `over 500,000 servers`, `€1.2 billion`, `25 March 2026`.

Plain text out; escaping for HTML is the renderer's job.
"""

from __future__ import annotations

from .model import Fact, FactKind, FactValue, PartialDate

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}
_SCALES = ((1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"))


def format_number(value: float | int) -> str:
    """`500000` -> `500,000`; `3.6` -> `3.6`; `2.50` -> `2.5`."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def format_large(value: float | int) -> str:
    """Millions and more in words when that is exact to two decimals: `1.2 billion`."""
    for size, word in _SCALES:
        if abs(value) >= size:
            scaled = value / size
            if round(scaled, 2) == scaled:
                return f"{format_number(round(scaled, 2))} {word}"
            break
    return format_number(value)


def format_value(fact: Fact) -> str:
    """The whole displayed value, qualifier and unit included."""
    text = _bare(fact.kind, fact.value, fact.unit)
    return f"{fact.qualifier} {text}" if fact.qualifier else text


def _bare(kind: FactKind, value: FactValue, unit: str | None) -> str:
    if kind is FactKind.DATE:
        assert isinstance(value, PartialDate)
        return value.human()
    if kind is FactKind.TEXT:
        return str(value)
    assert isinstance(value, (int, float))
    if kind is FactKind.PERCENT:
        return f"{format_number(value)}%"
    if kind is FactKind.MONEY:
        amount = format_large(value)
        symbol = CURRENCY_SYMBOLS.get(unit or "")
        return f"{symbol}{amount}" if symbol else f"{amount} {unit}"
    number = format_large(value)
    return f"{number} {unit}" if unit else number
