"""The changes log read from git: each commit that changed `content/`, compared with the one before.

Plain Python calling `git` (as `factdiff` does), no MkDocs. The commits read
are the first-parent chain of HEAD (main's own history: a merged branch is
one change, dated when it was merged, which is when readers saw it). Each
commit's content is loaded with the validator, its prose checks off, and
compared with the last content that loaded, so a revision that no longer
passes today's rules is skipped rather than stopping the log.

A correction is marked by an editor in one of two ways (CONTRIBUTING, "Correct a mistake"):

- a `Correction: <reason>` trailer in the commit message (or in a commit a
  merge brings in): every change in that commit is a correction; `Correction-fr: <raison>`
  gives the reason in another language;
- a fact's `correction:` field, set or changed in the same commit as its
  value: that fact's change is a correction, with that reason.

Dates are commit dates (UTC), never the clock. Without history (not a
repository, a shallow clone, no commit yet) the log is `unavailable`, with the
reason in one line.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from explainer.changelog import ChangeLog, Entry, Item, Renamed, Revised, ValueChange
from explainer.check.checks import Checks
from explainer.kinds import format_value
from explainer.language.locale import ORIGINAL
from explainer.load.loader import load_content
from explainer.model import Content, Fact, Source

T = TypeVar("T")

_QUIET = Checks(require_evidence=False, check_copying=False, check_claims=False)
_FIELD, _RECORD = "\x1f", "\x1e"

NO_HISTORY_HINT = "fetch the full history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)"


class _NoHistory(Exception):
    pass


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except OSError as exc:
        raise _NoHistory(f"git cannot run ({exc.strerror})") from None
    if result.returncode != 0:
        raise _NoHistory(result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:][0] or "git failed")
    return result.stdout.decode("utf-8", "replace")


_read_before: dict[tuple[Path, str], ChangeLog] = {}
"""Logs already read in this process, by folder and HEAD (`mkdocs serve` rebuilds without re-reading)."""


def read_history(content_dir: Path) -> ChangeLog:
    """The changes log of the content folder `content_dir`, from its repository's history."""
    try:
        return _read(content_dir.resolve())
    except _NoHistory as exc:
        return ChangeLog.unavailable(str(exc))


def _read(content_dir: Path) -> ChangeLog:
    if not content_dir.is_dir():
        raise _NoHistory("no content folder")
    try:
        top = Path(_git(content_dir, "rev-parse", "--show-toplevel").strip())
    except _NoHistory:
        raise _NoHistory("not a git repository") from None
    if _git(top, "rev-parse", "--is-shallow-repository").strip() == "true":
        raise _NoHistory("a shallow clone: the history is cut off")
    try:
        head = _git(top, "rev-parse", "--verify", "HEAD").strip()
    except _NoHistory:
        raise _NoHistory("no commit yet") from None
    if (content_dir, head) in _read_before:
        return _read_before[content_dir, head]
    rel = content_dir.relative_to(top.resolve()).as_posix()
    fmt = _FIELD.join(("%H", "%P", "%ct", _TRAILERS, "%s")) + _RECORD
    log = _git(top, "log", "--first-parent", "--reverse", f"--format={fmt}", "HEAD", "--", rel)
    entries: list[Entry] = []
    with tempfile.TemporaryDirectory(prefix="explainer-history-") as tmp:
        trees = _Trees(top, rel, Path(tmp))
        before: Content | None = None
        for record in filter(None, (r.strip("\n") for r in log.split(_RECORD))):
            sha, parents, stamp, trailer, subject = record.split(_FIELD)
            date = dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
            if before is None:
                first_parent = parents.split()[0] if parents else None
                before = trees.content(first_parent) if first_parent else Content()
                before = before if before is not None else Content()
            after = trees.content(sha)
            if after is None:  # this revision does not load under today's rules: compare the next one
                continue
            trailers = _trailers(trailer)
            if len(parents.split()) > 1:  # a merge: the trailers of the commits it brings in
                trailers += _merged_trailers(top, parents.split()[0], sha)
            correction, translated = _corrections(trailers)
            entry = compare(before, after, sha, date, correction)
            entries.append(replace(entry, subject=subject.strip(), correction_translations=translated))
            before = after
    _read_before[content_dir, head] = ChangeLog(True, tuple(entries), head)
    return _read_before[content_dir, head]


_TRAILERS = "%(trailers:only,unfold,separator=%x1d)"


def _trailers(text: str) -> list[tuple[str, str]]:
    """`Key: value` trailers as (lowercase key, value) pairs."""
    pairs = (t.partition(":") for t in text.split("\x1d"))
    return [(k.strip().lower(), v.strip()) for k, _, v in pairs if v.strip()]


def _corrections(trailers: list[tuple[str, str]]) -> tuple[str | None, dict[str, str]]:
    """The `Correction:` reason and its translations (`Correction-fr: …`), each reason once."""
    reasons = [v for k, v in trailers if k == "correction"]
    translated: dict[str, list[str]] = {}
    for k, v in trailers:
        if k.startswith("correction-"):
            translated.setdefault(k.removeprefix("correction-"), []).append(v)
    joined = {lang: "; ".join(dict.fromkeys(vs)) for lang, vs in translated.items()}
    return "; ".join(dict.fromkeys(reasons)) or None, joined


def _merged_trailers(top: Path, first_parent: str, merge: str) -> list[tuple[str, str]]:
    out = _git(top, "log", f"--format={_TRAILERS}{_RECORD}", f"{first_parent}..{merge}")
    return [pair for part in out.split(_RECORD) for pair in _trailers(part.strip())]


class _Trees:
    """Loads the content folder at a commit, once per distinct folder tree."""

    def __init__(self, top: Path, rel: str, scratch: Path) -> None:
        self.top, self.rel, self.scratch = top, rel, scratch
        self.loaded: dict[str, Content | None] = {}

    def content(self, commit: str) -> Content | None:
        try:
            tree = _git(self.top, "rev-parse", "--verify", "--quiet", f"{commit}:{self.rel}").strip()
        except _NoHistory:
            return Content()  # no content folder yet: everything after it is new
        if tree not in self.loaded:
            self.loaded[tree] = self._load(tree)
        return self.loaded[tree]

    def _load(self, tree: str) -> Content | None:
        folder = self.scratch / tree / "content"
        archive = subprocess.run(
            ["git", "-C", str(self.top), "archive", "--format=tar", tree], capture_output=True, check=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        # Lenient: any date is "past" (the content was valid when committed), prose checks off.
        result = load_content(folder, base=folder.parent, today=dt.date.max, checks=_QUIET)
        return result.content


# --- Comparing two versions of the content ----------------------------------------


def compare(before: Content, after: Content, commit: str, date: dt.date, correction: str | None = None) -> Entry:
    """What changed from `before` to `after`, as one log entry."""
    added = sorted(set(after.facts) - set(before.facts))
    removed = sorted(set(before.facts) - set(after.facts))
    renamed = _renames(before.facts, after.facts, added, removed)
    added = [f for f in added if f not in {r.new_id for r in renamed}]
    removed = [f for f in removed if f not in {r.old_id for r in renamed}]
    values: list[ValueChange] = []
    revised: list[Revised] = []
    pairs = [(f, f) for f in sorted(set(before.facts) & set(after.facts))]
    pairs += [(r.old_id, r.new_id) for r in renamed]
    for old_id, new_id in pairs:
        a, b = before.facts[old_id], after.facts[new_id]
        if format_value(a, ORIGINAL) != format_value(b, ORIGINAL) or a.value != b.value or a.kind != b.kind:
            reason = b.correction if b.correction and b.correction != a.correction else None
            values.append(
                ValueChange(new_id, b.label, format_value(a, ORIGINAL), format_value(b, ORIGINAL), reason, a, b)
            )
        fields = _differs(a, b, FACT_FIELDS)
        if fields and old_id == new_id:
            revised.append(Revised(new_id, b.label, fields))
    s_added = sorted(set(after.sources) - set(before.sources))
    s_removed = sorted(set(before.sources) - set(after.sources))
    s_revised = [
        Revised(s, after.sources[s].title, fields)
        for s in sorted(set(before.sources) & set(after.sources))
        if (fields := _differs(before.sources[s], after.sources[s], SOURCE_FIELDS))
    ]
    touched = (
        {f"fact:{f}" for f in added + removed}
        | {f"fact:{k}" for r in renamed for k in (r.old_id, r.new_id)}
        | {f"fact:{v.fact_id}" for v in values}
        | {f"fact:{r.id}" for r in revised}
        | {f"source:{s}" for s in s_added + s_removed}
        | {f"source:{r.id}" for r in s_revised}
        | {f"section:{s}" for s in _changed(before.sections, after.sections, _section_key)}
        | {f"page:{p}" for p in _changed(_pages(before), _pages(after), repr)}
    )
    return Entry(
        commit=commit,
        date=date,
        correction=correction,
        values=tuple(values),
        facts_added=tuple(_fact_item(after.facts[f]) for f in added),
        facts_removed=tuple(_fact_item(before.facts[f]) for f in removed),
        facts_renamed=tuple(renamed),
        facts_revised=tuple(revised),
        sources_added=tuple(_source_item(after.sources[s]) for s in s_added),
        sources_removed=tuple(_source_item(before.sources[s]) for s in s_removed),
        sources_revised=tuple(s_revised),
        first=not before.facts and not before.sources,
        touched=frozenset(touched),
    )


FACT_FIELDS: tuple[tuple[str, str], ...] = (
    ("label", "label"),
    ("as_of", "as of"),
    ("sources", "sources"),
    ("evidence", "quoted words"),
    ("note", "note"),
    ("confidence", "confidence"),
    ("unit", "unit"),
    ("qualifier", "qualifier"),
)
"""Fact fields whose change is listed as a revision (attribute, as readers read it); the value is listed apart."""

SOURCE_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("publisher", "publisher"),
    ("url", "address"),
    ("published", "publication date"),
    ("accessed", "date accessed"),
    ("note", "note"),
    ("licence", "licence"),
    ("language", "language"),
    ("archived", "archived copy"),
)


def _differs(a: object, b: object, fields: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    return tuple(name for attr, name in fields if getattr(a, attr) != getattr(b, attr))


def _renames(
    before: Mapping[str, Fact], after: Mapping[str, Fact], added: list[str], removed: list[str]
) -> list[Renamed]:
    """A fact removed and another added in one commit with the same kind, value and as-of date: renamed."""
    out: list[Renamed] = []
    taken: set[str] = set()
    for old in removed:
        a = before[old]
        for new in added:
            b = after[new]
            if new not in taken and (a.kind, a.value, a.unit, a.as_of) == (b.kind, b.value, b.unit, b.as_of):
                out.append(Renamed(old, new, b.label))
                taken.add(new)
                break
    return out


def _changed(before: Mapping[str, T], after: Mapping[str, T], key: Callable[[T], object]) -> set[str]:
    return {k for k in set(before) | set(after) if k not in before or k not in after or key(before[k]) != key(after[k])}


def _section_key(section: object) -> object:
    return (getattr(section, "title", None), getattr(section, "body", None))


def _pages(content: Content) -> dict[str, object]:
    return {p.id: (p.title, p.nav_title, p.description, p.sections, p.figures, p.key_dates) for p in content.pages}


def _fact_item(fact: Fact) -> Item:
    return Item(fact.id, fact.label, format_value(fact, ORIGINAL), fact)


def _source_item(source: Source) -> Item:
    return Item(source.id, source.title, source.publisher)
