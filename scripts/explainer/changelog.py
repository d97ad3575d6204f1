"""The content's history as values: what each commit changed, for the changes log and page dates.

Pure data, read by the renderer and the page metadata. `history.read_history`
fills it from git; without history (a shallow clone, a tarball) a `ChangeLog`
is `unavailable` and says why, so pages can say so instead of showing an empty log.
Every date here is a commit's date, never the clock: two builds of one commit agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from explainer.model import Fact


@dataclass(frozen=True)
class ValueChange:
    """A fact whose value, as readers see it, changed."""

    fact_id: str
    label: str
    old: str
    """The old value formatted as on the pages."""
    new: str
    correction: str | None = None
    """The reason, when the editor marked this change a correction (the fact's `correction:` field)."""
    before: Fact | None = field(default=None, compare=False, hash=False, repr=False)
    """The fact as it was, so another language can write the old value its own way."""
    after: Fact | None = field(default=None, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Item:
    """A fact or source added or removed: its id, a label and what it said."""

    id: str
    label: str
    detail: str = ""
    fact: Fact | None = field(default=None, compare=False, hash=False, repr=False)
    """The fact added or removed (None for a source), for its value in another language."""


@dataclass(frozen=True)
class Renamed:
    old_id: str
    new_id: str
    label: str


@dataclass(frozen=True)
class Revised:
    """A fact or source whose details changed (as-of date, sources, title...) but not its value."""

    id: str
    label: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """One commit that changed the content, compared with the content before it."""

    commit: str
    date: dt.date
    correction: str | None = None
    """The reason given by a `Correction:` trailer of the commit (or of the commits a merge brought in)."""
    values: tuple[ValueChange, ...] = ()
    facts_added: tuple[Item, ...] = ()
    facts_removed: tuple[Item, ...] = ()
    facts_renamed: tuple[Renamed, ...] = ()
    facts_revised: tuple[Revised, ...] = ()
    sources_added: tuple[Item, ...] = ()
    sources_removed: tuple[Item, ...] = ()
    sources_revised: tuple[Revised, ...] = ()
    first: bool = False
    """The content's first version: summarised, not listed fact by fact."""
    touched: frozenset[str] = frozenset()
    """What changed, as `fact:ID`, `source:ID`, `section:ID` and `page:ID` keys."""
    subject: str = ""
    """The commit's subject line, as its author wrote it (in the original language)."""
    correction_translations: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    """The trailer's reason in other languages, by language code (`Correction-fr: …`)."""

    @property
    def anchor(self) -> str:
        """The entry's id on the changes page: stable for as long as the commit exists."""
        return f"change-{self.commit[:10]}"

    @property
    def is_correction(self) -> bool:
        return self.correction is not None or any(v.correction for v in self.values)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Every reason given for this entry's corrections, in order, each once."""
        found = ([self.correction] if self.correction else []) + [v.correction for v in self.values if v.correction]
        return tuple(dict.fromkeys(found))

    @property
    def logged(self) -> bool:
        """Shown in the changes log: it changed facts or sources (prose edits are not logged)."""
        return self.first or any(
            (
                self.values,
                self.facts_added,
                self.facts_removed,
                self.facts_renamed,
                self.facts_revised,
                self.sources_added,
                self.sources_removed,
                self.sources_revised,
            )
        )

    def about(self, keys: Iterable[str]) -> bool:
        return not self.touched.isdisjoint(keys)


@dataclass(frozen=True)
class ChangeLog:
    available: bool
    entries: tuple[Entry, ...] = ()
    """Oldest first; prose-only commits included (they date pages but are not logged)."""
    head: str | None = None
    """The commit the history was read at."""
    reason: str = ""
    """Why the history is unavailable, in one line."""

    @classmethod
    def unavailable(cls, reason: str = "no git history was read") -> ChangeLog:
        return cls(False, reason=reason)

    @property
    def last_date(self) -> dt.date | None:
        return self.entries[-1].date if self.entries else None

    @property
    def logged(self) -> tuple[Entry, ...]:
        """The entries the changes page lists, newest first."""
        return tuple(e for e in reversed(self.entries) if e.logged)

    def last_change(self, keys: Iterable[str]) -> dt.date | None:
        """The date of the last commit that changed any of `keys` (`fact:ID`, `section:ID`, ...)."""
        keys = frozenset(keys)
        return next((e.date for e in reversed(self.entries) if e.about(keys)), None)

    def entries_about(self, keys: Iterable[str]) -> tuple[Entry, ...]:
        """The logged entries that changed any of `keys`, newest first."""
        keys = frozenset(keys)
        return tuple(e for e in self.logged if e.about(keys) and not e.first)

    def previous_value(self, fact_id: str) -> tuple[ValueChange, Entry] | None:
        """The fact's last change of value and the entry that made it, if its value ever changed."""
        for entry in reversed(self.entries):
            for change in entry.values:
                if change.fact_id == fact_id:
                    return change, entry
        return None
