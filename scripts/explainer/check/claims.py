"""Unsourced claims: numbers, amounts, percentages, years and dates typed in prose.

Every figure a reader sees should be a fact with a source (`[[fact:ID]]`) or
plainly the site's own explanation. In a section's running prose (not code,
quotations, link addresses, HTML tags or headings: see `prose.py`) this finds
what a machine can find reliably, written in digits:

- full dates (`9 April 2026`, `April 9, 2026`) and months (`April 2026`);
- money (`€1.2 billion`, `$500`, `40 million euros`);
- percentages (`4%`, `4 per cent`);
- years (`2011`) and other numbers (`46`, `500,000`, `1.2 billion`).

Left alone, as the site's own words: legal references (`Article 83(5)`,
`Art. 5`, `Recital 47`, `Regulation (EU) 2016/679`), ordered-list markers,
ordinals and numbers inside names (`1st`, `GPT-4`, `H100`), and whatever a
section lists under `own_numbers:` in its front matter. Numbers spelled in
words are not looked for: precision over recall. A value equal to a fact's is
reported by `typed_values` instead, with the reference to write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from explainer.diagnostics import Diagnostic, warning
from explainer.model import MONTHS, Content, Section
from explainer.text.prose import BLANK, Positions, exempt_ranges, mask

_MONTH = "|".join(MONTHS[1:])
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:million|billion|trillion|bn|m)\b)"
_CURRENCY_WORD = r"(?:euros?|dollars?|pounds?|EUR|USD|GBP|CHF)\b"
_FIRST = "".join(sorted({m[0] for m in MONTHS[1:]}))
CLAIM = re.compile(
    # The lookahead only says what every alternative starts with, so that most places fail at once.
    rf"(?=[\d€$£{_FIRST}])(?<![\w.,/#+-])(?:"
    rf"(?P<date>\d{{1,2}}\s(?:{_MONTH})\s\d{{4}}|(?:{_MONTH})\s\d{{1,2}},?\s\d{{4}})"
    rf"|(?P<month>(?:{_MONTH})\s\d{{4}})"
    rf"|(?P<money>[€$£]\s?(?:{_NUM}){_SCALE}?|(?:{_NUM}){_SCALE}?\s{_CURRENCY_WORD})"
    rf"|(?P<percent>(?:{_NUM})\s?(?:%|per\s?cent\b|percent\b))"
    rf"|(?P<year>(?:18|19|20)\d{{2}})(?!\s?(?:%|per\s?cent|percent|million|billion))"
    rf"|(?P<number>(?:{_NUM}){_SCALE}?)"
    rf")(?![\w-]|[.,]\d)"
)
LEGAL = re.compile(
    r"(?=[ACDPRSp])(?:"  # what every alternative starts with, as for CLAIM
    r"\b(?:Articles?|Art\.|Recitals?|Chapter|Section|Annex|Paragraph|para\.)\s+"
    r"\d+[a-z]?(?:\(\d+[a-z]?\))*(?:(?:,\s*|\s+(?:and|or|to)\s+)\d+[a-z]?(?:\(\d+[a-z]?\))*)*"
    r"|\b(?:Regulation|Directive|Decision)\s+(?:\((?:EU|EC|EEC)\)\s+)?(?:No\.?\s+)?\d+/\d+(?:/\w+)?"
    r")"
)
_LIST_MARKER = re.compile(r"^[ \t]*\d{1,9}[.)](?=[ \t])", re.M)
_WHAT = {
    "date": "a date",
    "month": "a date",
    "money": "an amount of money",
    "percent": "a percentage",
    "year": "a year",
    "number": "a number",
}


def own_ranges(body: str, own: Iterable[str]) -> list[tuple[int, int]]:
    """Where each of the section's `own_numbers` is written, as whole words."""
    out = []
    for text in own:
        out += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", body)]
    return out


def check_section(section: Section, skip: set[tuple[int, int]] | None = None) -> list[Diagnostic]:
    """Warnings for unsourced figures in one section; `skip` holds (line, col) already reported."""
    skip = skip or set()
    body = section.body
    where = Positions.of(section)
    path = section.origin.path
    ranges = [*exempt_ranges(body), *((r.start, r.end) for r in section.references)]
    ranges += [(m.start(), m.end()) for p in (LEGAL, _LIST_MARKER) for m in p.finditer(body)]
    own = own_ranges(body, section.own_numbers)
    prose = mask(body, ranges + own)
    out: list[Diagnostic] = []
    for m in CLAIM.finditer(prose):
        if BLANK in m.group():
            continue
        line, col = where(m.start())
        if (line, col) in skip:
            continue
        kind = next(k for k, v in m.groupdict().items() if v is not None)
        message = (
            f"'{' '.join(m.group().split())}' is {_WHAT[kind]} typed in prose with no source: make it a fact "
            "and write [[fact:ID]], or list it under 'own_numbers' in the front matter if it is the site's "
            "own explanation"
        )
        out.append(warning(path, line, col, message))
    for text in section.own_numbers:
        if not any(True for _ in re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", body)):
            message = f"own_numbers lists '{text}', which section '{section.id}' does not contain; remove it"
            out.append(warning(path, section.origin.line, section.origin.col, message))
    return out


def unsourced_claims(content: Content, skip: Iterable[Diagnostic] = ()) -> list[Diagnostic]:
    """Every section's unsourced figures, leaving out places `skip` already reports."""
    done: dict[str, set[tuple[int, int]]] = {}
    for d in skip:
        done.setdefault(d.path, set()).add((d.line, d.col))
    out: list[Diagnostic] = []
    for section in content.sections.values():
        out += check_section(section, done.get(section.origin.path, set()))
    return out
