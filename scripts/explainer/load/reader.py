"""The reader of `content/`: files read once (cached by their bytes under serve), keyed YAML files
checked into records, evidence and language blocks checked, and every problem collected with its
position. Each part of the content (`facts`, `sections`, `entries`, `charts`) loads through it."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from explainer.check.checks import Checks
from explainer.diagnostics import Diagnostic, error, has_errors, likely_typo
from explainer.language.locale import ORIGINAL
from explainer.language.strings import language_name
from explainer.load.evidence import check_evidence
from explainer.load.fields import ID_PATTERN, check_id
from explainer.load.filecache import FileCache
from explainer.load.schema import (
    TRANSLATED,
    Checked,
    Spec,
    check_record,
)
from explainer.load.yamlsrc import Mark, YMap, YNode, YScalar, decode, parse
from explainer.model import (
    Content,
    Origin,
)
from explainer.text import references as refs

TRANSLATES_DIGITS = 12
"""How many hex digits of the original's SHA-256 a translation records in `translates:`."""


def original_hash(data: bytes) -> str:
    """What a translation's `translates:` holds for an original whose bytes are `data`."""
    return hashlib.sha256(data).hexdigest()[:TRANSLATES_DIGITS]


T = TypeVar("T")


@dataclass
class Record:
    """One entry of a keyed YAML file after its fields were checked."""

    id: str
    key: YScalar
    checked: Checked
    path: str
    ok: bool

    @property
    def values(self) -> dict[str, Any]:
        return self.checked.values

    def origin(self) -> Origin:
        return Origin(self.path, self.key.mark.line, self.key.mark.col)


@dataclass
class LoadResult:
    content: Content | None
    """None when there is any error."""
    diagnostics: list[Diagnostic] = field(default_factory=list)


class Reader:
    def __init__(
        self,
        content_dir: Path,
        base: Path,
        checks: Checks | None = None,
        languages: Sequence[str] | None = None,
        cache: FileCache | None = None,
    ) -> None:
        self.checks = checks or Checks()
        self.languages: tuple[str, ...] = tuple(self.checks.languages if languages is None else languages)
        """The site's languages as configured; `published` holds those that are valid."""
        self.published: tuple[str, ...] = (ORIGINAL,)
        self.content_dir = content_dir.resolve()
        self.base = base.resolve()
        self.cache = cache
        self._read: tuple[Path, bytes] | None = None
        """The bytes `cached` hashed, so the file is parsed as it was hashed even if saved meanwhile."""
        self.diagnostics: list[Diagnostic] = []
        self.chart_refs: list[tuple[str, str, refs.Found]] = []
        """(path, section body, reference) of every `[[chart:ID]]`, checked once charts are read."""
        self.unreadable: set[str] = set()
        """Folders/files (`facts`, `sources.yml`, ...) with a file that could not be read at all.

        Ids declared there are unknown, so "unknown id" errors against them
        would be a cascade: they are left out until the file is fixed."""

    def error(self, path: str, at: Mark | YNode | None, message: str) -> None:
        """Report an error at a node or a position; `None`: at the start of the file."""
        mark = Mark(1, 1) if at is None else at if isinstance(at, Mark) else at.mark
        self.diagnostics.append(error(path, mark.line, mark.col, message))

    def home(self, path: Path) -> str:
        """The entry of the content folder that `path` belongs to (`facts`, `sources.yml`, ...)."""
        return path.relative_to(self.content_dir).parts[0]

    def rel(self, path: Path) -> str:
        return Path(os.path.relpath(path, self.base)).as_posix()

    def read_text(self, path: Path) -> str | None:
        rel = self.rel(path)
        if path.is_symlink() and not path.resolve().is_relative_to(self.content_dir):
            self.error(rel, None, "symbolic link leads outside the content folder")
            self.unreadable.add(self.home(path))
            return None
        data = self._read[1] if self._read is not None and self._read[0] == path else path.read_bytes()
        text, problems = decode(rel, data)
        self.diagnostics.extend(problems)
        if text is None:
            self.unreadable.add(self.home(path))
        return text

    def read_yaml_map(self, path: Path) -> tuple[str, YMap | None]:
        rel = self.rel(path)
        text = self.read_text(path)
        if text is None:
            return rel, None
        node, problems = parse(rel, text)
        self.diagnostics.extend(problems)
        if node is None:
            if not problems:
                what = "is empty" if not text.strip() else "holds only comments"
                self.error(rel, None, f"file {what}; expected a mapping of ids to entries")
            self.unreadable.add(self.home(path))
            return rel, None
        if not isinstance(node, YMap):
            self.error(rel, node, "expected a mapping of ids to entries at the top level")
            self.unreadable.add(self.home(path))
            return rel, None
        return rel, node

    def cached(self, path: Path, what: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
        """`compute()`, which reads `path` alone, once per content of the file (given a cache).

        It runs against an empty reader state; what it reported (diagnostics,
        unreadable folders) is kept with its result and added to this load's,
        whether the result was computed now or on an earlier load. It must not
        look at anything but the file (other files' ids, `checks`, today):
        that is checked by the caller, afresh on every load.
        """
        if self.cache is None:
            return compute()
        if path.is_symlink():  # where it leads can change while its bytes don't
            return compute()

        def isolated() -> tuple[T, list[Diagnostic], set[str]]:
            saved = self.diagnostics, self.unreadable
            self.diagnostics, self.unreadable = [], set()
            try:
                return compute(), self.diagnostics, self.unreadable
            finally:
                self.diagnostics, self.unreadable = saved

        data = path.read_bytes()
        self._read = (path, data)
        try:
            value, diagnostics, unreadable = self.cache.get(self.rel(path), what, data, isolated)
        finally:
            self._read = None
        self.diagnostics.extend(diagnostics)
        self.unreadable.update(unreadable)
        return value

    def records(self, path: Path, spec: Spec, id_pattern: str = ID_PATTERN) -> list[Record]:
        """Every record of a keyed file, checked; `ok` is False when any field failed."""
        return self.cached(path, ("records", spec.name, id_pattern), lambda: self._records(path, spec, id_pattern))

    def _records(self, path: Path, spec: Spec, id_pattern: str) -> list[Record]:
        rel, node = self.read_yaml_map(path)
        out: list[Record] = []
        if node is None:
            return out
        for key, value in node.entries:
            problems = check_id(key, rel, spec.name, id_pattern)
            checked, field_problems = check_record(value, spec, rel, f"{spec.name} '{key.value}'", at=key)
            problems += field_problems
            self.diagnostics.extend(problems)
            if checked is not None:
                out.append(Record(str(key.value), key, checked, rel, not problems))
        return out

    def evidence(self, record: Record, what: str, known: set[str]) -> tuple[tuple[tuple[str, str], ...], bool]:
        """The record's excerpts, checked against its sources; False when one is wrong."""
        v = record.values
        broken = "evidence" in record.checked.nodes and "evidence" not in v  # already reported: no cascade
        excerpts, problems = check_evidence(
            v.get("evidence", ()),
            v.get("sources", ()),
            record.path,
            what,
            self.checks.require_evidence and not broken,
            None if "sources.yml" in self.unreadable else known,
        )
        self.diagnostics.extend(problems)
        return excerpts, not has_errors(problems)

    def forms(self, record: Record, spec: Spec, what: str) -> dict[str, Checked]:
        """The record's language blocks (`fr:`), each checked against `spec`; a block with a mistake is left out."""
        out: dict[str, Checked] = {}
        for lang in TRANSLATED:
            node = record.values.get(lang)
            if node is None:
                continue
            checked, problems = check_record(
                node, spec, record.path, f"the '{lang}:' block of {what}", at=record.checked.key_marks[lang]
            )
            self.diagnostics.extend(problems)
            if checked is not None and not problems:
                out[lang] = checked
            else:
                record.ok = False
        return out

    def needs(self, lang: str) -> bool:
        """Whether the site is published in `lang` (so every translation into it is required)."""
        return lang != ORIGINAL and lang in self.published

    def files_under(self, folder: str, suffix: str) -> list[Path]:
        """Files ending in `suffix` under `folder`; anything else there is an error.

        Links to folders are not followed (a link out of `content/` must not
        pull files in, and a link to a parent would loop); they are reported.
        """
        root = self.content_dir / folder
        if not root.is_dir():
            return []
        found = []
        for path in sorted(root.rglob("*")):
            rel = self.rel(path)
            if path.is_symlink() and path.is_dir():
                outside = not path.resolve().is_relative_to(self.content_dir)
                why = "leads outside the content folder" if outside else "to a folder is not followed; move the files"
                self.error(rel, None, f"symbolic link {why}")
                self.unreadable.add(folder)
            elif path.is_dir():
                continue
            elif path.name.endswith(suffix):
                found.append(path)
            elif not path.name.startswith("."):
                what = "fact files" if folder == "facts" else "sections"
                message = f"file is not read: {what} must end in '{suffix}'"
                self.error(rel, None, message)
        return found


def not_future(reader: Reader, record: Record, name: str, today: dt.date) -> bool:
    date = record.values.get(name)
    if date is None or date.earliest() <= today:
        return True
    node = record.checked.nodes[name]
    message = f"{name}: {date.iso()} is in the future (today is {today.isoformat()})"
    reader.error(record.path, node, message)
    return False


def duplicate(reader: Reader, record: Record, what: str, first: Origin | None) -> bool:
    if first is None:
        return False
    m = record.key.mark
    message = (
        f"duplicate {what} id '{record.id}': defined at {first.path}:{first.line} and again here, "
        f"{record.path}:{m.line} (files are read in name order; keep one)"
    )
    reader.error(record.path, m, message)
    return True


def optional_records(reader: Reader, name: str, spec: Spec) -> list[Record]:
    path = reader.content_dir / name
    return reader.records(path, spec) if path.exists() else []


def check_sources(reader: Reader, record: Record, source_ids: set[str], what: str) -> bool:
    ok = True
    for source_id, scalar in record.values.get("sources", ()):
        if source_id not in source_ids and "sources.yml" not in reader.unreadable:
            hint = likely_typo(source_id, source_ids)
            where = reader.rel(reader.content_dir / "sources.yml")
            message = f"no source '{source_id}' in {where} (cited by {what} '{record.id}'){hint}"
            reader.error(record.path, scalar, message)
            ok = False
    return ok


def has_forms(reader: Reader, record: Record, found: Mapping[str, object], what: str, fields: str) -> bool:
    """An error for each published language the record has no block for (a block with a mistake is reported already)."""
    ok = True
    for lang in reader.published[1:]:
        if lang not in found and lang not in record.values:
            name = language_name(lang)
            message = f"{what} '{record.id}' has no {name} {fields}: add a '{lang}:' block"
            reader.error(record.path, record.key, message)
            ok = False
    return ok
