"""What changed in the content between two git revisions, fact by fact, in Markdown for reviewers.

`python -m explainer diff REV_A [REV_B]` reads the content folder at each
revision (with `git archive`, into a temporary folder; REV_B defaults to the
working tree, uncommitted edits included), loads both with the validator and
prints what a reviewer needs: the commits in between that are corrections (a
`Correction:` trailer) with their reasons; facts added (with their evidence),
removed, or changed in value (formatted as readers see it), sources, as-of
date, label or note, a correction's facts marked as such; sources, pages and
sections added, removed or changed, a section's text word by word; translations
that fell behind their original (the original changed, the translation did not).
CI appends it to a pull request's job summary.

When one side has content errors nothing is compared: the output says which
side and lists the errors, and the exit status is 1. A revision git does not
know is a usage error (exit 2).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, TypeVar

from explainer.diagnostics import Diagnostic, sort_diagnostics
from explainer.history.history import compare
from explainer.kinds import format_value
from explainer.language.locale import ORIGINAL
from explainer.language.strings import language_name
from explainer.load.loader import load_content
from explainer.model import ArchivedCopy, Content, Fact, Page, PartialDate, Section, Source
from explainer.text.worddiff import word_changes

MAX_LISTED_ERRORS = 10
T = TypeVar("T")


class GitError(Exception):
    """git could not answer (not a repository, unknown revision)."""


@dataclass
class Side:
    """The content at one revision: loaded, or the diagnostics that stopped it."""

    label: str
    content: Content | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return result.stdout


def git_root(path: Path) -> Path:
    return Path(_git(path, "rev-parse", "--show-toplevel").decode().strip())


def load_revision(root: Path, content: Path, rev: str, scratch: Path, today: dt.date | None = None) -> Side:
    """The content folder (`content`, relative to the repository root) as it was at `rev`."""
    try:
        sha = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"unknown revision '{rev}'") from None
    name = rev.replace("`", "'")
    label = f"`{sha[:7]}`" if sha.startswith(rev) else f"`{name}` ({sha[:7]})"
    listed = _git(root, "ls-tree", "-d", "--name-only", sha, "--", content.as_posix()).strip()
    if listed:
        archive = _git(root, "archive", "--format=tar", sha, "--", content.as_posix())
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(scratch, filter="data")
    if not (scratch / content).is_dir():  # no content yet at that revision: everything is new
        return Side(label, Content())
    result = load_content(scratch / content, base=scratch, today=today)
    return Side(label, result.content, result.diagnostics)


def load_worktree(root: Path, content: Path, today: dt.date | None = None) -> Side:
    result = load_content(root / content, base=root, today=today)
    return Side("the working tree", result.content, result.diagnostics)


def main(content: Path, rev_a: str, rev_b: str | None, out: TextIO, err: TextIO, today: dt.date | None = None) -> int:
    try:
        root = git_root(Path.cwd())
        rel = content.resolve().relative_to(root.resolve())
        with tempfile.TemporaryDirectory(prefix="explainer-diff-") as tmp:
            before = load_revision(root, rel, rev_a, Path(tmp) / "a", today)
            after = (
                load_revision(root, rel, rev_b, Path(tmp) / "b", today) if rev_b else load_worktree(root, rel, today)
            )
            fixes = corrections(root, rel, rev_a, rev_b or "HEAD", Path(tmp) / "corrections")
    except (GitError, ValueError) as exc:
        print(f"error: {exc}", file=err)
        return 2
    out.write(report(before, after, fixes))
    return 0 if before.content is not None and after.content is not None else 1


@dataclass(frozen=True)
class Correction:
    """A commit between the two revisions whose message has a `Correction:` trailer."""

    commit: str
    subject: str
    reason: str
    touched: frozenset[str] = frozenset()
    """What it changed, as `fact:ID`, `source:ID`... keys (`history.compare`)."""


def corrections(root: Path, content: Path, rev_a: str, rev_b: str, scratch: Path) -> list[Correction]:
    """The commits in `rev_a..rev_b` that changed `content` with a `Correction:` trailer (CONTRIBUTING,
    "Correct a mistake"), oldest first, each with what it changed (its content and its parent's, compared)."""
    fmt = "%H%x1f%P%x1f%s%x1f%(trailers:key=Correction,valueonly,separator=%x1d)%x1e"
    log = _git(root, "log", "--reverse", f"--format={fmt}", f"{rev_a}..{rev_b}", "--", content.as_posix()).decode()
    found = []
    for record in filter(None, (r.strip("\n") for r in log.split("\x1e"))):
        sha, parents, subject, trailer = record.split("\x1f")
        reason = "; ".join(r.strip() for r in trailer.split("\x1d") if r.strip())
        if not reason:
            continue
        touched: frozenset[str] = frozenset()
        if parents:
            then = load_revision(root, content, parents.split()[0], scratch / f"{sha}-before", dt.date.max)
            now = load_revision(root, content, sha, scratch / sha, dt.date.max)
            if then.content is not None and now.content is not None:
                touched = compare(then.content, now.content, sha, dt.date.min).touched
        found.append(Correction(sha, subject, reason, touched))
    return found


# --- The report ----------------------------------------------------------------


def report(before: Side, after: Side, fixes: Sequence[Correction] = ()) -> str:
    lines = ["## Content changes", "", f"From {before.label} to {after.label}.", ""]
    broken = [side for side in (before, after) if side.content is None]
    for side in broken:
        errors = [d for d in sort_diagnostics(side.diagnostics) if d.is_error]
        lines += [f"**Cannot compare: the content in {side.label} has {len(errors)} error(s).**", ""]
        lines += [f"- `{d}`" for d in errors[:MAX_LISTED_ERRORS]]
        if len(errors) > MAX_LISTED_ERRORS:
            lines.append(f"- … and {len(errors) - MAX_LISTED_ERRORS} more (run `make check`)")
        lines.append("")
    if broken:
        return "\n".join(lines)
    assert before.content is not None and after.content is not None
    a, b = before.content, after.content
    body = (
        _corrections(fixes)
        + _facts(a.facts, b.facts, fixes)
        + _records("Sources", a.sources, b.sources, _source_line, _source_changes)
        + _records("Pages", {p.id: p for p in a.pages}, {p.id: p for p in b.pages}, _page_line, _page_changes)
        + _records("Sections", a.sections, b.sections, _section_line, _section_changes)
        + _stale(a, b)
    )
    if not body:
        body = ["No fact, source, page or section changed.", ""]
    return "\n".join(lines + body)


def _stale(before: Content, after: Content) -> list[str]:
    """Translations behind their original in `after` that were not in `before` (their page says so)."""
    out = []
    for section in after.sections.values():
        for lang, translation in sorted(section.translations.items()):
            earlier = before.sections.get(section.id)
            was = earlier.translations.get(lang) if earlier is not None else None
            if translation.stale and not (was is not None and was.stale):
                out.append(
                    f"- `{translation.origin.path}` ({language_name(lang)}) translates an earlier "
                    f"`{section.origin.path}`: update it and its `translates:` (`make check` prints the value)"
                )
    if not out:
        return []
    return [f"### Translations now out of date ({len(out)})", "", *out, ""]


def _corrections(fixes: Sequence[Correction]) -> list[str]:
    if not fixes:
        return []
    out = [f"### Corrections ({len(fixes)})", ""]
    for fix in fixes:
        changed = sorted(k.split(":", 1)[1] for k in fix.touched if k.startswith(("fact:", "source:")))
        what = f" Changes {_ids(changed)}." if changed else ""
        out.append(f"- `{fix.commit[:7]}` {_md(fix.subject)}: **correction**: {_md(fix.reason)}{what}")
    return [*out, ""]


def _correction_of(fact_id: str, before: Fact | None, after: Fact, fixes: Sequence[Correction]) -> str:
    """` · **correction**: reason` when a correction commit changed the fact, or its `correction:` field is new."""
    reasons = [f.reason for f in fixes if f"fact:{fact_id}" in f.touched]
    if after.correction and (before is None or after.correction != before.correction):
        reasons.append(after.correction)
    return f" · **correction**: {_md('; '.join(dict.fromkeys(reasons)))}" if reasons else ""


def _facts(before: Mapping[str, Fact], after: Mapping[str, Fact], fixes: Sequence[Correction] = ()) -> list[str]:
    added, removed, changed = _split(before, after, _fact_changes)
    out: list[str] = []
    if changed:
        out += [f"### Facts changed ({len(changed)})", ""]
        for fact_id, changes in changed:
            fix = _correction_of(fact_id, before[fact_id], after[fact_id], fixes)
            out.append(f"- **`{fact_id}`** · {_md(after[fact_id].label)}{fix}")
            out += [f"  - {what}: {old} → {new}" for what, old, new in changes]
        out.append("")
    if added:
        out += [f"### Facts added ({len(added)})", ""]
        for f in added:
            fix = _correction_of(f, None, after[f], fixes)
            out.append(f"- **`{f}`** · {_md(after[f].label)}: {_fact_summary(after[f])}{fix}")
            out += [f"  - evidence, `{source}`: “{_md(text)}”" for source, text in after[f].evidence]
            unquoted = [s for s in after[f].sources if s not in {source for source, _ in after[f].evidence}]
            out += [f"  - evidence, `{source}`: *(no excerpt)*" for source in unquoted]
        out.append("")
    if removed:
        out += [f"### Facts removed ({len(removed)})", ""]
        out += [f"- **`{f}`** · {_md(before[f].label)}: was {_fact_summary(before[f])}" for f in removed]
        out.append("")
    return out


def _split(
    before: Mapping[str, T], after: Mapping[str, T], compare: Callable[[T, T], list[tuple[str, str, str]]]
) -> tuple[list[str], list[str], list[tuple[str, list[tuple[str, str, str]]]]]:
    """(ids added, ids removed, (id, changes) for ids in both), each sorted by id."""
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = []
    for key in sorted(set(before) & set(after)):
        changes = compare(before[key], after[key])
        if changes:
            changed.append((key, changes))
    return added, removed, changed


def _fact_summary(fact: Fact) -> str:
    accepted = f"; evidence in other words: {_show(fact.evidence_in_words)}" if fact.evidence_in_words else ""
    return f"{_md(format_value(fact, ORIGINAL))} (as of {fact.as_of.human()}; {_ids(fact.sources)}{accepted})"


def _fact_changes(a: Fact, b: Fact) -> list[tuple[str, str, str]]:
    changes = []
    if format_value(a, ORIGINAL) != format_value(b, ORIGINAL) or a.kind != b.kind or a.value != b.value:
        old, new = format_value(a, ORIGINAL), format_value(b, ORIGINAL)
        if old == new:  # same text on the page, different data (`1.20` -> `1.2` stays silent above)
            old, new = f"{a.value!s} ({a.kind})", f"{b.value!s} ({b.kind})"
        changes.append(("value", _md(old), _md(new)))
    fields: list[tuple[str, str]] = [
        ("label", "label"),
        ("sources", "sources"),
        ("as of", "as_of"),
        ("confidence", "confidence"),
        ("note", "note"),
        ("review by", "review_by"),
        ("evidence", "evidence"),
        ("evidence in other words", "evidence_in_words"),
        ("correction", "correction"),
    ]
    changes += _field_changes(a, b, fields)
    if changes and changes[0][0] == "value" and b.evidence_in_words and a.evidence_in_words == b.evidence_in_words:
        # An acceptance written for the old value now excuses the new one: the reviewer decides if it still holds.
        shown = _show(b.evidence_in_words)
        changes.append(("evidence in other words, still accepted for the new value", shown, shown))
    return changes


def _field_changes(a: T, b: T, fields: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(label, old, new) for each attribute that differs; `fields` pairs labels with attribute names."""
    return [
        (label, _show(getattr(a, attr)), _show(getattr(b, attr)))
        for label, attr in fields
        if getattr(a, attr) != getattr(b, attr)
    ]


def _show(value: object) -> str:
    """A field value as a reviewer reads it."""
    if value is None or value == ():
        return "*(none)*"
    if isinstance(value, PartialDate):
        return value.human()
    if isinstance(value, ArchivedCopy):
        return f"{_md(value.url)} ({value.date.human()})"
    if isinstance(value, tuple) and all(isinstance(v, tuple) for v in value):  # evidence: (source, excerpt)
        return "; ".join(f"`{s}`: “{_md(str(text))}”" for s, text in value)
    if isinstance(value, tuple):
        return _ids(value)
    return _md(str(value))


def _ids(ids: Iterable[object]) -> str:
    return ", ".join(f"`{i}`" for i in ids)


def _records(
    title: str,
    before: Mapping[str, T],
    after: Mapping[str, T],
    line: Callable[[str, T], str],
    compare: Callable[[T, T], list[tuple[str, str, str]]],
) -> list[str]:
    added, removed, changed = _split(before, after, compare)
    if not (added or removed or changed):
        return []
    out = [f"### {title}", ""]
    out += [f"- added: {line(key, after[key])}" for key in added]
    out += [f"- removed: {line(key, before[key])}" for key in removed]
    for key, changes in changed:
        out.append(f"- changed: {line(key, after[key])}")
        for what, old, new in changes:
            if not old:  # words added to a text
                out.append(f"  - {what}: added {new}")
            elif not new:
                out.append(f"  - {what}: removed {old}")
            else:
                out.append(f"  - {what}: {old} → {new}")
    out.append("")
    return out


def _source_line(key: str, source: Source) -> str:
    return f"`{key}` · {_md(source.title)} ({_md(source.publisher)})"


def _source_changes(a: Source, b: Source) -> list[tuple[str, str, str]]:
    fields: list[tuple[str, str]] = [
        ("title", "title"),
        ("publisher", "publisher"),
        ("url", "url"),
        ("published", "published"),
        ("accessed", "accessed"),
        ("note", "note"),
        ("licence", "licence"),
        ("language", "language"),
        ("archived copy", "archived"),
    ]
    return _field_changes(a, b, fields)


def _page_line(key: str, page: Page) -> str:
    return f"`{key}` · {_md(page.title)}"


def _page_changes(a: Page, b: Page) -> list[tuple[str, str, str]]:
    fields: list[tuple[str, str]] = [
        ("title", "title"),
        ("navigation title", "nav_title"),
        ("description", "description"),
        ("sections", "sections"),
        ("generated", "generated"),
        ("headline figures", "figures"),
        ("key dates", "key_dates"),
    ]
    return _field_changes(a, b, fields)


def _section_line(key: str, section: Section) -> str:
    return f"`{key}`" + (f" · {_md(section.title)}" if section.title else "")


MAX_WORD_CHANGES = 20
"""How many places a section's text changed that the report lists (the rest are counted)."""


def _section_changes(a: Section, b: Section) -> list[tuple[str, str, str]]:
    """Its title, then its text word by word: each place words were removed, added or replaced;
    then the same for each translation whose text changed."""
    changes = _field_changes(a, b, [("title", "title")])
    changes += _text_changes("text", a.body, b.body)
    for lang in sorted(set(a.translations) & set(b.translations)):
        old, new = a.translations[lang], b.translations[lang]
        changes += _text_changes(f"text ({language_name(lang)})", old.body, new.body)
    return changes


def _text_changes(what: str, old: str, new: str) -> list[tuple[str, str, str]]:
    found = word_changes(old, new)
    listed = [
        (what, f"“{_md(c.removed)}”" if c.removed else "", f"“{_md(c.added)}”" if c.added else "")
        for c in found[:MAX_WORD_CHANGES]
    ]
    if len(found) > MAX_WORD_CHANGES:
        listed.append((what, "", f"… and {len(found) - MAX_WORD_CHANGES} more changes (git diff --word-diff)"))
    return listed


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def _md(text: str) -> str:
    """Plain text made safe to drop into Markdown (no accidental emphasis, links, HTML or tables)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
