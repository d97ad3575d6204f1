"""How a derived fact reads to people: its formula with values, and where each input comes from."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from explainer.kinds import format_value
from explainer.language.locale import label, publisher
from explainer.language.picture_words import words
from explainer.model import Fact, Source
from explainer.render.html import Marked, quoted
from explainer.text.references import REFERENCE

_SYMBOLS = str.maketrans({"*": "×", "/": "÷"})


def bare_value(fact: Fact, lang: str) -> str:
    """The value without its qualifier (`€20 million`, not `up to €20 million`), as a formula uses it."""
    return format_value(dataclasses.replace(fact, qualifier=None), lang)


def formula_text(fact: Fact, facts: Mapping[str, Fact], lang: str) -> str:
    """`€20 million ÷ 4%`: the formula with each input's value and the operators as people write them."""
    assert fact.formula is not None
    out, pos = [], 0
    for m in REFERENCE.finditer(fact.formula):
        out.append(fact.formula[pos : m.start()].translate(_SYMBOLS))
        out.append(bare_value(facts[m.group(3)], lang))
        pos = m.end()
    out.append(fact.formula[pos:].translate(_SYMBOLS))
    return " ".join("".join(out).split())


def derivation_text(
    fact: Fact, facts: Mapping[str, Fact], sources: Mapping[str, Source], lang: str, marked: Marked | None = None
) -> str:
    """The formula with values and result, then each input with its value and sources.

    Given `marked`, each source's title is kept aside there when it is in another language than `lang`."""
    w = words(lang)
    parts = [w["computed"].format(formula=formula_text(fact, facts, lang), value=bare_value(fact, lang))]
    for fid in fact.inputs:
        given = facts[fid]
        named = "; ".join(
            f"{publisher(sources[s], lang)}, "
            + quoted(marked.words(sources[s].title, sources[s].language) if marked else sources[s].title, lang)
            for s in given.sources
        )
        parts.append(w["input"].format(label=label(given, lang), value=format_value(given, lang), sources=named))
    return " ".join(parts)
