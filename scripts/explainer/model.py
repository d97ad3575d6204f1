"""The content model: typed, immutable values the renderer works from.

Nothing here reads files or knows about YAML or MkDocs.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

MONTHS = tuple(calendar.month_name)  # ("", "January", ...), locale-independent in CPython's C locale


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day: `2011`, `2025-10`, `2026-03-25`."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; ValueError when it is not a real date."""
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError(f"'{text}' is not a date written YYYY-MM-DD, YYYY-MM or YYYY")
        if len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
            raise ValueError(f"'{text}' is not a date written YYYY-MM-DD, YYYY-MM or YYYY")
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has no month {month}")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"'{text}' is not a date: {MONTHS[month]} {year} has {last} days")
        return cls(year, month, day)

    def iso(self) -> str:
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    def human(self) -> str:
        """`25 March 2026`, `March 2026` or `2026`."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month]} {self.year}"
        return f"{self.day} {MONTHS[self.month]} {self.year}"

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.iso()


FactValue = int | float | str | PartialDate

Evidence = tuple[tuple[str, str], ...]
"""(source id, verbatim excerpt) pairs, in the order the entry's sources are listed."""


class Confidence(StrEnum):
    """How settled a fact is; readers are told when it is not."""

    CONFIRMED = "confirmed"
    SINGLE_SOURCE = "single-source"
    DISPUTED = "disputed"


class PageKind(StrEnum):
    """A page the build writes from data instead of sections (`generated:` in pages.yml).

    Each has one entry in `render.GENERATED_PAGES`: adding a kind is adding a
    member here and its render function there.
    """

    SOURCES = "sources"
    TIMELINE = "timeline"
    GLOSSARY = "glossary"
    DATA = "data"
    CHANGES = "changes"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where something was written: a project-relative path and a 1-based position."""

    path: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True, slots=True)
class ArchivedCopy:
    """A copy of a source kept by an archive (the Wayback Machine, archive.today), checked by an editor."""

    url: str
    date: PartialDate
    """When the copy was made."""


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    published: PartialDate
    accessed: PartialDate
    origin: Origin
    note: str | None = None
    licence: str | None = None
    """A licence id from `site.LICENCES` (`CC-BY-4.0`, `all-rights-reserved`); None: not recorded."""
    language: str | None = None
    """The document's language as a BCP 47 tag (`en`, `fr`, `pt-BR`)."""
    archived: ArchivedCopy | None = None
    translations: Mapping[str, SourceForms] = field(default_factory=dict, hash=False)
    """Its note and publisher in languages other than the original, by language code (`fr`)."""


@dataclass(frozen=True, slots=True)
class SourceForms:
    """What a source says in another language (its `fr:` block in sources.yml): the site's words about it.

    Its title is never translated: it is the document's own, in the document's language."""

    note: str | None = None
    publisher: str | None = None
    """Only when this language writes the publisher differently; otherwise the original's is shown."""


@dataclass(frozen=True, slots=True)
class FactForms:
    """What a fact says in another language (its `fr:` block): words only.

    The number, date, qualifier and sources are the fact's own and are never
    repeated; the locale layer translates qualifiers from its own tables.
    """

    label: str
    value: str | None = None
    """The text of a `kind: text` fact."""
    unit: str | None = None
    """The unit noun in its plural form (`serveurs`); money units are currency codes and stay as they are."""
    unit_one: str | None = None
    """The singular (`serveur`), used when the displayed number takes the singular."""
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    label: str
    kind: str
    """The name of its kind in `explainer.kinds.KINDS`, which checks, computes with and shows the value."""
    value: FactValue
    as_of: PartialDate
    sources: tuple[str, ...]
    origin: Origin
    unit: str | None = None
    unit_one: str | None = None
    """The unit noun's singular (`server`), shown when the displayed number takes it (`1 server`)."""
    qualifier: str | None = None
    note: str | None = None
    confidence: Confidence | None = None
    review_by: PartialDate | None = None
    evidence: Evidence = ()
    correction: str | None = None
    """Why the value was corrected, shown to readers; set in the commit that corrects it (CONTRIBUTING.md)."""
    translations: Mapping[str, FactForms] = field(default_factory=dict, hash=False)
    """Forms in languages other than the original English, by language code (`fr`)."""
    formula: str | None = None
    """A derived fact's formula as written (`[[fact:a]] / [[fact:b]]`); its value, as-of date
    and sources were computed from its inputs at load time (`explainer.load.derived`)."""
    inputs: tuple[str, ...] = ()
    """The facts a derived fact's formula names, in order of first use."""
    evidence_in_words: Evidence = ()
    """(source id, reason) for each excerpt accepted though it gives the value in words, not figures
    (`evidence_in_words:`; `check.evidence_values`)."""


@dataclass(frozen=True, slots=True)
class Reference:
    """A `[[fact:ID]]` in a section body; `start`/`end` index the body text."""

    fact_id: str
    start: int
    end: int
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class ChartReference:
    """A `[[chart:ID]]` in a section body, alone on its line; `start`/`end` index the body text."""

    chart_id: str
    start: int
    end: int
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    body: str
    origin: Origin
    body_line: int
    title: str | None = None
    references: tuple[Reference, ...] = ()
    own_numbers: tuple[str, ...] = ()
    """Numbers and dates in the body that are the site's own explanation (exempt from the claims check)."""
    charts: tuple[ChartReference, ...] = ()
    lang: str = "en"
    """The language the body is written in: `en` for an original, `fr` for `<name>.fr.md`."""
    translates: str | None = None
    """In a translation: the first 12 hex digits of the SHA-256 of the original's bytes it was made from."""
    stale: bool = False
    """In a translation: the original has changed since (its hash is no longer `translates`)."""
    behind: OriginalChanges | None = None
    """In a stale translation: what changed in the original since `translates`, word by word."""
    translations: Mapping[str, Section] = field(default_factory=dict, hash=False)
    """In an original: its translations by language code, read from the sibling `<name>.<lang>.md`."""


@dataclass(frozen=True, slots=True)
class WordChange:
    """One place where a text changed, word by word: the words removed and the words added (either may be empty)."""

    removed: str = ""
    added: str = ""


@dataclass(frozen=True, slots=True)
class OriginalChanges:
    """What changed in an original since the version a translation records in `translates:`, from git history."""

    changes: tuple[WordChange, ...] = ()
    since: str | None = None
    """The commit (full hash) that holds the version translated; None when history cannot say."""
    missing: str = ""
    """Why history cannot say (not a git repository, a shallow clone, no commit with those bytes)."""


@dataclass(frozen=True, slots=True)
class PageForms:
    """A page's words in another language (its `fr:` block in pages.yml)."""

    title: str
    nav_title: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    title: str
    origin: Origin
    sections: tuple[str, ...] = ()
    generated: PageKind | None = None
    nav_title: str | None = None
    description: str | None = None
    figures: tuple[str, ...] = ()
    """Fact ids shown as headline cards at the top of the page."""
    key_dates: tuple[str, ...] = ()
    """Timeline entry ids shown as a strip of key dates under the title."""
    translations: Mapping[str, PageForms] = field(default_factory=dict, hash=False)
    """Title, navigation title and description in other languages; a page without one is shown untranslated."""

    @property
    def src_uri(self) -> str:
        """The page's file name in the MkDocs site (`index.md`, `background.md`)."""
        return f"{self.id}.md"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated event. Its date and sources come from a date fact or are given directly."""

    id: str
    date: PartialDate
    title: str
    sources: tuple[str, ...]
    origin: Origin
    fact: str | None = None
    evidence: Evidence = ()
    translations: Mapping[str, str] = field(default_factory=dict, hash=False)
    """The title in other languages, by language code."""


@dataclass(frozen=True, slots=True)
class TermForms:
    """A glossary term in another language (its `fr:` block in glossary.yml)."""

    term: str
    definition: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    id: str
    term: str
    definition: str
    origin: Origin
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    evidence: Evidence = ()
    translations: Mapping[str, TermForms] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation the explainer is about (for structured data)."""

    id: str
    name: str
    url: str
    origin: Origin
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Content:
    sources: dict[str, Source] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    pages: tuple[Page, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    """In date order."""
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    languages: tuple[str, ...] = ("en",)
    """The site's languages (`plugins.explainer.languages`), the original first."""
    charts: dict[str, Chart] = field(default_factory=dict)


class ChartKind(StrEnum):
    """What a chart shows (`type:` in charts.yml); `charts.build_spec` has one builder per kind."""

    BAR = "bar"
    """Facts with the same unit side by side."""
    STRIP = "strip"
    """Dated events on a time axis (timeline entries or date facts)."""
    LINE = "line"
    """A formula over a range of x values, with facts marked on it."""


@dataclass(frozen=True, slots=True)
class ChartMark:
    """A fact drawn on a line chart as a rule across it, at its value on the `axis` it shares a unit with."""

    fact: str
    axis: str
    """`x` or `y`."""
    label: str | None = None
    """Drawn beside the rule; default the fact's label."""


@dataclass(frozen=True, slots=True)
class ChartAxis:
    label: str
    scale: str = "linear"
    """`linear` or `log`."""


@dataclass(frozen=True, slots=True)
class Chart:
    """A picture of facts declared in content/charts.yml, placed in prose with `[[chart:ID]]`."""

    id: str
    kind: ChartKind
    title: str
    origin: Origin
    facts: tuple[str, ...] = ()
    """Bar: the facts compared. Strip: date facts."""
    entries: tuple[str, ...] = ()
    """Strip: timeline entry ids (every entry when neither `entries` nor `facts` is given)."""
    formula: str | None = None
    """Line: y as a formula over `x` and facts."""
    formula_facts: tuple[str, ...] = ()
    x_range: tuple[int | float, int | float] | None = None
    """Line: the x values drawn, as written in charts.yml (an axis extent, not a claim)."""
    x_kind: str | None = None
    """Line: the kind of fact x is (`explainer.kinds`), so its values are formatted like facts."""
    x_unit: str | None = None
    x_axis: ChartAxis | None = None
    y_axis: ChartAxis | None = None
    marks: tuple[ChartMark, ...] = ()
    caption: str | None = None
    translations: Mapping[str, ChartForms] = field(default_factory=dict, hash=False)
    """Its words in languages other than the original, by language code (`fr`)."""


@dataclass(frozen=True, slots=True)
class ChartForms:
    """A chart's words in another language (its `fr:` block in charts.yml)."""

    title: str
    caption: str | None = None
    x: str | None = None
    y: str | None = None
    marks: tuple[str, ...] = ()
    """The labels of the marks that have one, in order."""
