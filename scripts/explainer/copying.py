"""The copy check: no run of eight or more words from a source outside quotation marks.

Prose is written fresh; a source's own words belong in quotation marks. The
check compares each section's running prose (not code, quotations, link
addresses, HTML tags or headings; see `prose.py`) with every evidence excerpt
in the content and with any longer reference text given to it (the full
article a section was written from, say), after normalising case, accents,
punctuation and whitespace. A fact reference counts as the value the reader
sees. One warning per copied run, at its first word, naming the source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, warning
from .formatting import format_value
from .model import Content, Section
from .prose import Positions, exempt_ranges, merge

RUN = 8
"""Words in a row that count as copying."""
SNIPPET = 80

_WORD = re.compile(r"\w+(?:'\w+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def normalise(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int


@dataclass
class Reference:
    """Texts to compare prose against, as an index of their eight-word runs."""

    runs: dict[tuple[str, ...], list[str]] = field(default_factory=dict)

    def add(self, text: str, label: str) -> None:
        """Index `text` under `label` ("source 'x'"); '…' and '...' split it into separate pieces."""
        for piece in re.split(r"…|\.\.\.|\[\.\.\.\]", text):
            ws = words(piece)
            for i in range(len(ws) - RUN + 1):
                labels = self.runs.setdefault(tuple(ws[i : i + RUN]), [])
                if label not in labels:
                    labels.append(label)

    @classmethod
    def from_content(cls, content: Content) -> Reference:
        """Every evidence excerpt in the content, labelled by its source."""
        index = cls()
        evidence = [
            *(f.evidence for f in content.facts.values()),
            *(e.evidence for e in content.timeline if e.fact is None),
            *(t.evidence for t in content.glossary.values()),
        ]
        for pairs in evidence:
            for source_id, text in pairs:
                index.add(text, f"source '{source_id}'")
        return index


def tokens(section: Section, content: Content) -> list[list[Token]]:
    """The section's prose as runs of words; exempt text breaks a run, a reference is its value's words."""
    body = section.body
    exempt = exempt_ranges(body)
    refs = [r for r in section.references if not any(a <= r.start < b for a, b in exempt)]
    cuts = merge([*exempt, *((r.start, r.end) for r in refs)])
    ref_at = {r.start: r for r in refs}
    out: list[list[Token]] = [[]]
    pos = 0
    for start, end in [*cuts, (len(body), len(body))]:
        out[-1] += [Token(w, pos + m.start(), pos + m.end()) for m, w in _scan(body[pos:start])]
        ref = ref_at.get(start)
        if ref is not None and ref.end == end and ref.fact_id in content.facts:
            value = format_value(content.facts[ref.fact_id])
            out[-1] += [Token(w, start, end) for w in words(value)]
        elif start < end:
            out.append([])
        pos = end
    return [run for run in out if run]


def _scan(text: str) -> Iterable[tuple[re.Match[str], str]]:
    # Normalising keeps offsets only when it keeps length: match the original, normalise each word.
    for m in re.finditer(r"\w+(?:['’ʼ]\w+)*", text):
        for w in words(m.group()):
            yield m, w


def copied_runs(run: Sequence[Token], index: Reference) -> list[tuple[int, int, list[str]]]:
    """(first token, end token, labels) for each stretch of `RUN`+ words found in the index."""
    found: list[tuple[int, int, list[str]]] = []
    for i in range(len(run) - RUN + 1):
        labels = index.runs.get(tuple(t.word for t in run[i : i + RUN]))
        if labels is None:
            continue
        if found and i < found[-1][1]:  # overlapping windows are one run; touching ones are two
            first, _, seen = found[-1]
            found[-1] = (first, i + RUN, seen + [x for x in labels if x not in seen])
        else:
            found.append((i, i + RUN, list(labels)))
    return found


def check_section(section: Section, content: Content, index: Reference) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    where = Positions.of(section)
    for run in tokens(section, content):
        for first, end, labels in copied_runs(run, index):
            start = run[first].start
            text = " ".join(t.word for t in run[first:end])
            if len(text) > SNIPPET:
                text = text[: SNIPPET - 1].rstrip() + "…"
            line, col = where(start)
            named = " and ".join(labels[:3]) + (" and others" if len(labels) > 3 else "")
            message = (
                f"{end - first} words in a row are copied from {named} ('{text}'): "
                "put the source's words in quotation marks or write the sentence afresh"
            )
            out.append(warning(section.origin.path, line, col, message))
    return out


def copying(content: Content, extra: Iterable[tuple[str, str]] = ()) -> list[Diagnostic]:
    """Warnings for copied runs in every section; `extra` adds (label, text) reference texts."""
    index = Reference.from_content(content)
    for label, text in extra:
        index.add(text, label)
    if not index.runs:
        return []
    out: list[Diagnostic] = []
    for section in content.sections.values():
        out += check_section(section, content, index)
    return out
