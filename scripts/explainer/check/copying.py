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

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, count

from explainer.diagnostics import Diagnostic, warning
from explainer.kinds import format_value
from explainer.language.locale import ORIGINAL
from explainer.model import Content, Section
from explainer.text.prose import Positions, exempt_ranges, merge

RUN = 8
"""Words in a row that count as copying."""
SNIPPET = 80

_WORD = re.compile(r"\w+(?:'\w+)*")
_SCAN = re.compile(r"\w+(?:['’ʼ]\w+)*")
_GAP = re.compile(r"…|\.\.\.|\[\.\.\.\]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe."""
    if text.isascii():  # nothing to decompose or translate, and casefold() is lower() there
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def _runs_of(words: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """Every `RUN` consecutive words, in order."""
    return zip(*(words[k:] for k in range(RUN)), strict=False)  # the shortest (last) ends it


@lru_cache(maxsize=1 << 16)
def _text_runs(text: str) -> tuple[tuple[str, ...], ...]:
    """The distinct eight-word runs of a reference text, in order; '…' and '...' end a piece."""
    return tuple(dict.fromkeys(run for piece in _GAP.split(text) for run in _runs_of(words(piece))))


@dataclass
class Reference:
    """Texts to compare prose against, as an index of their eight-word runs."""

    runs: dict[tuple[str, ...], list[str]] = field(default_factory=dict)

    def add(self, text: str, label: str) -> None:
        """Index `text` under `label` ("source 'x'"); '…' and '...' split it into separate pieces."""
        runs = self.runs
        for run in _text_runs(text):
            labels = runs.get(run)
            if labels is None:
                runs[run] = [label]
            elif label not in labels:
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


@dataclass
class Run:
    """Prose words in a row (normalised) and the body offset each starts at."""

    words: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)


def tokens(section: Section, content: Content) -> list[Run]:
    """The section's prose as runs of words; exempt text breaks a run, a reference is its value's words."""
    body = section.body
    exempt = exempt_ranges(body)
    exempt_starts = [a for a, _ in exempt]

    def exempted(offset: int) -> bool:
        i = bisect.bisect_right(exempt_starts, offset) - 1
        return i >= 0 and offset < exempt[i][1]

    refs = [r for r in section.references if not exempted(r.start)]
    cuts = merge([*exempt, *((r.start, r.end) for r in refs)])
    ref_at = {r.start: r for r in refs}
    out = [Run()]
    pos = 0
    for start, end in [*cuts, (len(body), len(body))]:
        _scan(body, pos, start, out[-1])
        ref = ref_at.get(start)
        if ref is not None and ref.end == end and ref.fact_id in content.facts:
            value = words(format_value(content.facts[ref.fact_id], ORIGINAL))
            out[-1].words += value
            out[-1].starts += [start] * len(value)
        elif start < end:
            out.append(Run())
        pos = end
    return [run for run in out if run.words]


def _scan(body: str, start: int, end: int, into: Run) -> None:
    """Add the words of `body[start:end]` to `into`, each at the offset of the word it comes from."""
    text = body[start:end]
    if text.isascii():  # lower() keeps offsets and makes each match one normalised word
        into.words += _WORD.findall(text.lower())
        into.starts += [start + m.start() for m in _WORD.finditer(text)]
        return
    # Normalising keeps offsets only when it keeps length: match the original, normalise each word.
    for m in _SCAN.finditer(text):
        ws = words(m.group())
        into.words += ws
        into.starts += [start + m.start()] * len(ws)


def copied_runs(run: Sequence[str], index: Reference) -> list[tuple[int, int, list[str]]]:
    """(first word, end word, labels) for each stretch of `RUN`+ words found in the index."""
    found: list[tuple[int, int, list[str]]] = []
    for i in compress(count(), map(index.runs.__contains__, _runs_of(run))):
        labels = index.runs[tuple(run[i : i + RUN])]
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
        for first, end, labels in copied_runs(run.words, index):
            start = run.starts[first]
            text = " ".join(run.words[first:end])
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
