"""One source of truth: find numbers and dates typed into prose that equal a fact.

A value typed by hand does not change when the fact does, and carries no
source. For every number or date written in a section outside code and
references, this looks for facts whose value it spells, and warns with the
fact id to use instead. Years and small numbers only count when they match a
fact exactly as the site would show it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from explainer import kinds
from explainer.diagnostics import Diagnostic, warning
from explainer.model import MONTHS, Content, Fact, Section
from explainer.text.positions import LineIndex
from explainer.text.references import code_ranges

_MONTH = "|".join(MONTHS[1:])
_TOKEN = re.compile(
    rf"(?<![\w.,/#-])(?:"
    rf"(?P<dmy>\d{{1,2}} (?:{_MONTH}) \d{{4}})"
    rf"|(?P<mdy>(?:{_MONTH}) \d{{1,2}},? \d{{4}})"
    rf"|(?P<my>(?:{_MONTH}) \d{{4}})"
    rf"|(?P<num>[€$£]?\d[\d,]*(?:\.\d+)?(?: ?%| (?:million|billion|trillion))?)"
    rf")(?![\w-]|[.,]\d)"
)


def _forms(fact: Fact) -> set[str]:
    """How a fact's value could be typed by hand (its kind knows)."""
    return kinds.of(fact.kind).typed_forms(fact.value)


def _index(facts: Iterable[Fact]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for fact in facts:
        for form in _forms(fact):
            index.setdefault(form, []).append(fact.id)
    return index


def typed_values(content: Content) -> list[Diagnostic]:
    index = _index(content.facts.values())
    out: list[Diagnostic] = []
    for section in content.sections.values():
        out += _scan(section, index)
    return out


def _scan(section: Section, index: dict[str, list[str]]) -> list[Diagnostic]:
    body = section.body
    skip = sorted([*code_ranges(body), *((r.start, r.end) for r in section.references)])
    skip_starts = [a for a, _ in skip]
    lines = LineIndex(body, section.body_line)
    out = []
    for m in _TOKEN.finditer(body):
        ids = index.get(m.group(0))
        if not ids:
            continue
        k = bisect.bisect_right(skip_starts, m.start()) - 1
        if k >= 0 and m.start() < skip[k][1]:
            continue  # in code or inside a reference
        line, col = lines.position(m.start())
        facts = " or ".join(f"[[fact:{i}]]" for i in sorted(ids))
        message = f"'{m.group(0)}' is typed by hand but equals a fact's value; write {facts} instead"
        out.append(warning(section.origin.path, line, col, message))
    return out
