"""Read `content/` into a validated `Content`, collecting every problem.

Layout (all paths under the content folder):

- `sources.yml`        source id -> source
- `facts/**/*.yml`     fact id -> fact (any number of files; ids are global)
- `pages.yml`          page id -> page, in navigation order
- `sections/**/*.md`   Markdown with optional front matter; the id is the
                       path without `.md` (`acquisition/deal`); a sibling
                       `<name>.fr.md` is its French translation
- `timeline.yml`       entry id -> dated event (optional)
- `glossary.yml`       term id -> term explained in prose (optional)
- `organisations.yml`  id -> organisation the site is about (optional)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from explainer.check.checks import Checks, prose_checks
from explainer.check.sanitize import check_markdown
from explainer.check.typed_values import typed_values
from explainer.diagnostics import Diagnostic, did_you_mean, error, has_errors, notice, warning
from explainer.language.locale import LANGUAGES, ORIGINAL, missing_forms, takes_singular
from explainer.language.strings import language_name
from explainer.load.evidence import check_evidence
from explainer.load.filecache import FileCache
from explainer.load.gcpause import gc_paused
from explainer.load.schema import (
    ARCHIVED,
    FACT,
    FACT_FORMS,
    GLOSSARY,
    GLOSSARY_FORMS,
    ID_PATTERN,
    ORGANISATION,
    PAGE,
    PAGE_FORMS,
    PAGE_ID,
    REASON_NEEDED,
    SECTION,
    SOURCE,
    TIMELINE,
    TIMELINE_FORMS,
    TRANSLATED,
    Checked,
    Invalid,
    Spec,
    check_fact_value,
    check_id,
    check_record,
)
from explainer.load.yamlsrc import Mark, YMap, YNode, YScalar, decode, parse
from explainer.model import (
    ArchivedCopy,
    ChartReference,
    Content,
    Fact,
    FactForms,
    FactKind,
    GlossaryTerm,
    Organisation,
    Origin,
    Page,
    PageForms,
    PartialDate,
    Section,
    Source,
    TermForms,
    TimelineEntry,
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


class _Reader:
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


@gc_paused
def load_content(
    content_dir: Path,
    base: Path | None = None,
    today: dt.date | None = None,
    checks: Checks | None = None,
    languages: Sequence[str] | None = None,
    cache: FileCache | None = None,
) -> LoadResult:
    """Load and validate everything under `content_dir`.

    Paths in diagnostics are relative to `base` (default: the content folder's
    parent, the project root). The content is returned only when there are no
    errors; warnings and notices come either way. An entry with a mistake still
    counts as declared, so one typo gives one error rather than a cascade.
    `checks` turns the evidence and prose checks on or off (default: all on).
    `languages` are the site's languages, the original (`en`) first (default:
    `checks.languages`, from `extra.explainer.languages`): every translation
    into them is required, and an unknown code is reported at its line in
    `base/mkdocs.yml`. Given a `cache` (`filecache`), files read by an earlier
    load with the same bytes are not parsed again; the result is the same.
    """
    reader = _Reader(content_dir, base or content_dir.parent, checks, languages, cache)
    try:
        return _load(reader, today or dt.date.today())
    finally:
        if cache is not None:
            cache.prune()


def _load(reader: _Reader, today: dt.date) -> LoadResult:
    if not reader.content_dir.is_dir():
        return LoadResult(None, [error(reader.rel(reader.content_dir), 1, 1, "content folder not found")])
    _check_languages(reader)

    sources, source_ids = _load_sources(reader, today)
    facts, fact_ids = _load_facts(reader, source_ids, today)
    sections, section_ids = _load_sections(reader, fact_ids)
    timeline, entry_ids = _load_timeline(reader, facts, fact_ids, source_ids)
    glossary = _load_glossary(reader, source_ids)
    organisations = _load_organisations(reader)
    from explainer.load.pictures import load_charts  # it uses this module's reader

    charts = load_charts(reader, facts, fact_ids, timeline, entry_ids)
    pages = _load_pages(reader, section_ids, fact_ids, entry_ids)

    used = {s for page in pages for s in page.sections}
    for section in sections.values():
        if section.id not in used and "pages.yml" not in reader.unreadable and pages:
            o = section.origin
            reader.diagnostics.append(warning(o.path, o.line, o.col, f"section '{section.id}' is not used by any page"))
    _untranslated(reader, sections, pages)

    diagnostics = reader.diagnostics
    content = None
    if not has_errors(diagnostics):
        content = Content(
            sources,
            facts,
            sections,
            tuple(pages),
            timeline=tuple(sorted(timeline, key=lambda e: (e.date.earliest(), e.id))),
            glossary=glossary,
            organisations=organisations,
            languages=reader.published,
            charts=charts,
        )
        typed = typed_values(content)
        diagnostics += typed + prose_checks(content, reader.checks, typed)
    return LoadResult(content, diagnostics)


def _check_languages(reader: _Reader) -> None:
    """The configured languages: known codes, each once, the original first; errors at their line in mkdocs.yml."""
    config = reader.base / "mkdocs.yml"
    rel = reader.rel(config)
    try:
        text = config.read_text(encoding="utf-8") if config.is_file() else ""
    except (OSError, UnicodeDecodeError):
        text = ""

    def at(code: str, nth: int = 0) -> Mark:
        """Where `code` is written (the `nth` time) in the `languages:` setting, else the start of the file."""
        setting = re.search(r"^[ \t]*languages[ \t]*:", text, re.M)
        if setting is not None:
            found = re.compile(rf"(?<![\w-]){re.escape(code)}(?![\w-])").finditer(text, setting.end())
            m = next((m for i, m in enumerate(found) if i == nth), None)
            if m is not None:
                line = text.count("\n", 0, m.start()) + 1
                return Mark(line, m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1)
        return Mark(1, 1)

    published: list[str] = []
    for i, code in enumerate(reader.languages):
        if code not in LANGUAGES:
            hint = did_you_mean(code, LANGUAGES) or f" (the engine knows {', '.join(LANGUAGES)})"
            reader.error(rel, at(code), f"unknown language '{code}' in extra.explainer.languages{hint}")
        elif code in published:
            message = f"language '{code}' is listed twice in extra.explainer.languages"
            reader.error(rel, at(code, reader.languages[:i].count(code)), message)
        else:
            published.append(code)
    if reader.languages and reader.languages[0] != ORIGINAL:
        message = (
            f"extra.explainer.languages must start with '{ORIGINAL}', the language content is written in "
            f"(got '{reader.languages[0]}')"
        )
        reader.error(rel, at(reader.languages[0]), message)
    reader.published = (ORIGINAL, *(lang for lang in published if lang != ORIGINAL))


def _untranslated(reader: _Reader, sections: dict[str, Section], pages: list[Page]) -> None:
    """Notices for what the translated pages show in the original language until it is translated."""
    for lang in reader.published[1:]:
        name = language_name(lang)
        for section in sections.values():
            if lang not in section.translations:
                o = section.origin
                message = (
                    f"section '{section.id}' is not translated into {name} yet: its {name} page shows it in English "
                    f"(translate it in {o.path.removesuffix('.md')}.{lang}.md)"
                )
                reader.diagnostics.append(notice(o.path, o.line, o.col, message))
        for page in pages:
            if lang not in page.translations:
                o = page.origin
                message = (
                    f"page '{page.id}' has no {name} title yet: its {name} page shows the English one "
                    f"(add a '{lang}:' block with 'title')"
                )
                reader.diagnostics.append(notice(o.path, o.line, o.col, message))


def _source_hint(source_id: str, source_ids: set[str]) -> str:
    """A did-you-mean, or where sources are declared when nothing is close."""
    return did_you_mean(source_id, source_ids) or " (no such id in content/sources.yml: add the source there first)"


def _not_future(reader: _Reader, record: Record, name: str, today: dt.date) -> bool:
    date = record.values.get(name)
    if date is None or date.earliest() <= today:
        return True
    node = record.checked.nodes[name]
    message = f"{name}: {date.iso()} is in the future (today is {today.isoformat()})"
    reader.error(record.path, node, message)
    return False


def _duplicate(reader: _Reader, record: Record, what: str, first: Origin | None) -> bool:
    if first is None:
        return False
    m = record.key.mark
    message = f"duplicate {what} id '{record.id}' (first defined at {first.path}:{first.line})"
    reader.error(record.path, m, message)
    return True


def _load_sources(reader: _Reader, today: dt.date) -> tuple[dict[str, Source], set[str]]:
    path = reader.content_dir / "sources.yml"
    if not path.exists():
        reader.error(reader.rel(path), None, "missing file: every site needs its sources")
        reader.unreadable.add("sources.yml")
        return {}, set()
    sources: dict[str, Source] = {}
    records = reader.records(path, SOURCE)
    for record in records:
        # `&`, not `and`, here and in the other loaders: every check runs and
        # reports its error, even once an earlier one has failed.
        ok = _not_future(reader, record, "published", today) & _not_future(reader, record, "accessed", today)
        archived, archived_ok = _archived(reader, record, today)
        if not (record.ok and ok and archived_ok):
            continue
        v = record.values
        sources[record.id] = Source(
            id=record.id,
            title=v["title"],
            publisher=v["publisher"],
            url=v["url"],
            published=v["published"],
            accessed=v["accessed"],
            note=v.get("note"),
            licence=v.get("licence"),
            language=v.get("language"),
            archived=archived,
            origin=record.origin(),
        )
    return sources, {r.id for r in records}


def _archived(reader: _Reader, record: Record, today: dt.date) -> tuple[ArchivedCopy | None, bool]:
    """The source's archived copy, its fields checked where they are written."""
    node = record.values.get("archived")
    if node is None:
        return None, True
    checked, problems = check_record(node, ARCHIVED, record.path, f"archived copy of source '{record.id}'")
    # `url: ...` alone would read as the source's own address: name the field it belongs to.
    problems = [
        replace(d, message=f"archived: {d.message}") if d.message.startswith(("url:", "date:")) else d for d in problems
    ]
    reader.diagnostics.extend(problems)
    if checked is None or problems:
        return None, False
    date = checked.values["date"]
    if date.earliest() > today:
        reader.error(
            record.path,
            checked.nodes["date"],
            f"archived: date {date.iso()} is in the future (today is {today.isoformat()})",
        )
        return None, False
    return ArchivedCopy(checked.values["url"], date), True


def _load_facts(reader: _Reader, source_ids: set[str], today: dt.date) -> tuple[dict[str, Fact], set[str]]:
    facts: dict[str, Fact] = {}
    declared: dict[str, Origin] = {}
    files = reader.files_under("facts", ".yml")
    if not files:
        reader.error(reader.rel(reader.content_dir / "facts"), None, "no fact files found")
        reader.unreadable.add("facts")
    formulas: list[Record] = []
    for path in files:
        for record in reader.records(path, FACT):
            if _duplicate(reader, record, "fact", declared.get(record.id)):
                continue
            declared[record.id] = record.origin()
            if "formula" in record.checked.key_marks:
                formulas.append(record)
                continue
            fact = _fact(reader, record, source_ids, today)
            if fact is not None:
                facts[record.id] = fact
    from explainer.load.pictures import derive_facts  # it uses this module's reader

    derive_facts(reader, formulas, facts, set(declared))
    return facts, set(declared)


def _fact(reader: _Reader, record: Record, source_ids: set[str], today: dt.date) -> Fact | None:
    v = record.values
    ok = record.ok & _not_future(reader, record, "as_of", today)
    value = None
    if "kind" in v and "value" in v:
        node: YNode = v["value"]
        try:
            value = check_fact_value(v["kind"], node, v.get("unit"))
        except Invalid as exc:
            reader.error(record.path, node, f"value: {exc}")
            ok = False
    if v.get("kind") is FactKind.PERCENT and "unit" in v:
        key = record.checked.key_marks["unit"]
        reader.error(record.path, key, "a percent takes no unit")
        ok = False
    reason = record.checked.nodes.get("correction")
    if isinstance(reason, YScalar) and reason.value is None and not reason.quoted:  # `correction:` left empty
        reader.error(record.path, record.checked.key_marks["correction"], f"correction: {REASON_NEEDED}")
        ok = False
    ok &= _check_sources(reader, record, source_ids, "fact")
    evidence, evidence_ok = reader.evidence(record, f"fact '{record.id}'", source_ids)
    blocks = reader.forms(record, FACT_FORMS, f"fact '{record.id}'")
    ok &= record.ok
    if not (ok and evidence_ok) or value is None:
        return None
    fact = Fact(
        id=record.id,
        label=v["label"],
        kind=v["kind"],
        value=value,
        unit=v.get("unit"),
        unit_one=v.get("unit_one"),
        qualifier=v.get("qualifier"),
        as_of=v["as_of"],
        sources=tuple(dict.fromkeys(s for s, _ in v["sources"])),
        note=v.get("note"),
        confidence=v.get("confidence"),
        review_by=v.get("review_by"),
        evidence=evidence,
        correction=v.get("correction"),
        origin=record.origin(),
        translations={lang: FactForms(**checked.values) for lang, checked in blocks.items()},
    )
    return fact if _fact_forms_ok(reader, record, fact, blocks) else None


_FORM_NAMES = {
    "label": "label",
    "value": "text value",
    "unit": "unit noun (plural)",
    "unit_one": "singular unit noun (the value is shown with a number that takes the singular)",
    "note": "note",
}


def _singular_ok(reader: _Reader, record: Record, fact: Fact) -> bool:
    """`unit_one` where the value shown takes the singular (`1 server`), and only on a fact with a unit noun."""
    if fact.unit_one is not None and not fact.counted:
        key = record.checked.key_marks["unit_one"]
        reader.error(record.path, key, "unit_one: the fact has no unit noun; remove it")
        return False
    value = fact.value
    if fact.counted and fact.unit_one is None and isinstance(value, (int, float)) and takes_singular(value, ORIGINAL):
        message = (
            f"fact '{fact.id}' shows a number that takes the singular: add 'unit_one:', the singular of '{fact.unit}'"
        )
        reader.error(record.path, record.checked.nodes["value"], message)
        return False
    return True


def _fact_forms_ok(reader: _Reader, record: Record, fact: Fact, blocks: dict[str, Checked]) -> bool:
    """Every form the fact needs in each published language, and none it has nothing to translate for."""
    ok = _singular_ok(reader, record, fact)
    for lang, checked in blocks.items():
        for name, key in checked.key_marks.items():
            why = None
            if name == "value" and fact.kind is not FactKind.TEXT:
                why = f"only a text fact's value is translated; a {fact.kind}'s value is written once"
            elif name in ("unit", "unit_one") and not fact.counted:
                why = (
                    "a currency code is not translated"
                    if fact.kind is FactKind.MONEY
                    else "the fact has no unit noun to translate"
                )
            elif name == "note" and fact.note is None:
                why = "the fact has no English note to translate"
            if why is not None:
                reader.error(record.path, key, f"'{lang}: {name}' in fact '{fact.id}': {why}; remove it")
                ok = False
    for lang in reader.published[1:]:
        missing = missing_forms(fact, lang)
        if not missing:
            continue
        name = language_name(lang)
        if lang not in blocks:
            if lang in record.values:  # a block with a mistake: already reported
                continue
            wanted = ", ".join(f"'{m}'" for m in missing)
            message = f"fact '{fact.id}' has no {name} {_FORM_NAMES[missing[0]]}: add a '{lang}:' block with {wanted}"
            reader.error(record.path, record.key, message)
        else:
            for form in missing:
                message = f"fact '{fact.id}' has no {name} {_FORM_NAMES[form]}: add '{form}:' to its '{lang}:' block"
                reader.error(record.path, record.checked.key_marks[lang], message)
        ok = False
    return ok


def split_front_matter(rel: str, text: str) -> tuple[YNode | None, str, int, list[Diagnostic]]:
    """(front matter node, body, line on which the body starts, problems)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return None, text, 1, []
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") in ("---", "..."):
            node, problems = parse(rel, "".join(lines[1:i]), line_offset=1)
            return node, "".join(lines[i + 1 :]), i + 2, problems
    return None, text, 1, [error(rel, 1, 1, "front matter opened with '---' is never closed")]


_TRANSLATION_FILE = re.compile(r"^(?P<name>.+)\.(?P<lang>[a-z]{2})\.md$")

_SectionText = tuple[str | None, tuple[str, ...], str | None, str, int, list[refs.Found]]
"""A section file read alone: (title, own numbers, what it translates, body, line on which the body starts,
what the scan found)."""


def _read_section(reader: _Reader, path: Path, rel: str, section_id: str, lang: str) -> _SectionText | None:
    text = reader.read_text(path)
    if text is None:
        return None
    front, body, body_line, problems = split_front_matter(rel, text)
    reader.diagnostics.extend(problems)
    title, own_numbers, translates = None, (), None
    if front is not None:
        checked, problems = check_record(front, SECTION, rel, f"front matter of section '{section_id}'")
        reader.diagnostics.extend(problems)
        if checked is not None:
            title = checked.values.get("title")
            own_numbers = checked.values.get("own_numbers", ())
            translates = checked.values.get("translates")
            if "translates" in checked.key_marks and lang == ORIGINAL:
                message = "only a translation records 'translates:' (the original it was made from); remove it"
                reader.error(rel, checked.key_marks["translates"], message)
            elif translates is not None and not re.fullmatch(rf"[0-9a-f]{{{TRANSLATES_DIGITS}}}", translates):
                message = (
                    f"translates: expected the first {TRANSLATES_DIGITS} hex digits of the original's SHA-256, "
                    f"got '{translates}'"
                )
                reader.error(rel, checked.nodes["translates"], message)
                translates = ""
    if not body.strip():
        reader.error(rel, Mark(body_line, 1), f"section '{section_id}' has no text")
    for unsafe in check_markdown(body, first_line=body_line):
        reader.error(rel, Mark(unsafe.line, unsafe.col), unsafe.message)
    return title, own_numbers, translates, body, body_line, refs.scan(body, first_line=body_line)


def _load_sections(reader: _Reader, fact_ids: set[str]) -> tuple[dict[str, Section], set[str]]:
    """Sections read (originals, each with its translations), and the ids of every original file (read or not)."""
    sections: dict[str, Section] = {}
    declared: set[str] = set()
    translations: list[tuple[Path, str, str]] = []
    root = reader.content_dir / "sections"
    for path in reader.files_under("sections", ".md"):
        section_id = path.relative_to(root).with_suffix("").as_posix()
        named = _TRANSLATION_FILE.match(path.name)
        if named is not None:
            translations.append((path, section_id.removesuffix(f".{named['lang']}"), named["lang"]))
            continue
        section = _section(reader, path, section_id, fact_ids)
        if section is not None:
            sections[section_id] = section
        declared.add(section_id)
    for path, section_id, lang in translations:
        rel = reader.rel(path)
        if lang not in TRANSLATED:
            hint = did_you_mean(lang, TRANSLATED) or f" (translations are named <name>.{'/'.join(TRANSLATED)}.md)"
            reader.error(rel, None, f"unknown language '{lang}' in the file name{hint}")
            continue
        original_path = path.with_name(f"{path.name.removesuffix(f'.{lang}.md')}.md")
        if section_id not in declared:
            message = (
                f"translation without an original: {reader.rel(original_path)} does not exist "
                "(a translation sits beside the English section it translates, with the same name)"
            )
            reader.error(rel, None, message)
            continue
        translation = _section(reader, path, section_id, fact_ids, lang)
        original = sections.get(section_id)
        if translation is None or original is None:
            continue
        translation = _compare_translation(reader, original, translation, original_path.read_bytes())
        sections[section_id] = replace(original, translations={**original.translations, lang: translation})
    return sections, declared


def _section(reader: _Reader, path: Path, section_id: str, fact_ids: set[str], lang: str = ORIGINAL) -> Section | None:
    """A section file (an original or a translation): read alone (cached), its references checked afresh."""
    rel = reader.rel(path)
    what = ("section", section_id, lang)
    read = reader.cached(path, what, partial(_read_section, reader, path, rel, section_id, lang))
    if read is None:
        return None
    title, own_numbers, translates, body, body_line, found = read
    for f in found:
        if f.escaped:
            continue
        if f.prefix == "fact":
            if not f.target:
                reader.error(rel, Mark(f.line, f.col), "empty fact reference: write [[fact:ID]]")
            elif f.target not in fact_ids and "facts" not in reader.unreadable:
                hint = did_you_mean(f.target, fact_ids)
                reader.error(rel, Mark(f.line, f.col), f"unknown fact '{f.target}'{hint}")
        elif f.prefix == "chart":
            reader.chart_refs.append((rel, body, f))
        else:
            hint = did_you_mean(f.prefix, ["fact", "chart"])
            reader.error(rel, Mark(f.line, f.col), f"unknown reference type '{f.prefix}:'{hint}")
    return Section(
        id=section_id,
        title=title,
        body=body,
        body_line=body_line,
        origin=Origin(rel, 1, 1),
        references=refs.references(found),
        own_numbers=own_numbers,
        charts=tuple(
            ChartReference(f.target, f.start, f.end, f.line, f.col)
            for f in found
            if f.prefix == "chart" and not f.escaped
        ),
        lang=lang,
        translates=translates,
    )


def _compare_translation(reader: _Reader, original: Section, translation: Section, original_bytes: bytes) -> Section:
    """Check a translation against its original: what it translates, its title, the facts it cites.

    A translation whose original changed since (`translates:` no longer matches) is
    a notice, not an error: a correction of the original must publish at once, and
    the translated page says that the original is newer. The facts it cites are
    compared only while it is current: once stale, the notice covers them too.
    """
    rel, orig = translation.origin.path, original.origin.path
    name = language_name(translation.lang)
    current = original_hash(original_bytes)
    if translation.translates is None:
        message = f"a translation records the original it translates: add 'translates: {current}' to its front matter"
        reader.error(rel, None, message)
        return translation
    if translation.translates == "":  # malformed: already reported
        return translation
    cited = {r.fact_id: r for r in translation.references}
    original_cited = {r.fact_id: r for r in original.references}
    if translation.translates != current:
        changed = sorted(set(cited) ^ set(original_cited))
        facts = f"; the facts cited differ: {', '.join(changed)}" if changed else ""
        message = (
            f"{name} translation is out of date: {orig} changed since it was translated{facts}. "
            f"Update it, then set 'translates: {current}' (it says '{translation.translates}')"
        )
        reader.diagnostics.append(notice(rel, 1, 1, message))
        return replace(translation, stale=True)
    if (translation.title is None) != (original.title is None):
        has, lacks = (rel, orig) if translation.title is not None else (orig, rel)
        message = f"{has} has a title and {lacks} has none: a translation and its original both have one, or neither"
        reader.error(rel, None, message)
    where = {f: (r.line, r.col) for f, r in cited.items()}
    _same_placements(reader, rel, orig, translation.body_line, "fact", "cited", where, original_cited)
    where = {c.chart_id: (c.line, c.col) for c in translation.charts}
    original_charts = {c.chart_id: c for c in original.charts}
    _same_placements(reader, rel, orig, translation.body_line, "chart", "placed", where, original_charts)
    return translation


def _same_placements(
    reader: _Reader,
    rel: str,
    orig: str,
    body_line: int,
    what: str,
    verb: str,
    here: Mapping[str, tuple[int, int]],
    there: Mapping[str, Any],
) -> None:
    """A translation names exactly the facts (or charts) its original names: each difference is an error."""
    fix = "cite the same facts in both" if what == "fact" else "place the same charts in both"
    for item_id, (line, col) in here.items():
        if item_id not in there:
            message = f"{what} '{item_id}' is {verb} here but not in the original {orig}: {fix}"
            reader.error(rel, Mark(line, col), message)
    for item_id, item in there.items():
        if item_id not in here:
            message = f"{what} '{item_id}' is {verb} in the original {orig} (line {item.line})"
            reader.error(rel, Mark(body_line, 1), message + " but not in this translation")


def _load_pages(reader: _Reader, sections: set[str], fact_ids: set[str], entry_ids: set[str]) -> list[Page]:
    path = reader.content_dir / "pages.yml"
    if not path.exists():
        reader.error(reader.rel(path), None, "missing file: pages.yml lists the site's pages")
        reader.unreadable.add("pages.yml")
        return []
    pages: list[Page] = []
    records = reader.records(path, PAGE, PAGE_ID)
    for record in records:
        v = record.values
        section_ids = v.get("sections", ())
        if "sections" in record.checked.nodes and "generated" in record.checked.nodes:
            m = record.checked.key_marks["generated"].mark
            message = f"page '{record.id}' has both 'sections' and 'generated'; keep one"
            reader.error(record.path, m, message)
        elif not section_ids and not v.get("generated") and "sections" not in record.checked.nodes:
            m = record.key.mark
            message = f"page '{record.id}' needs 'sections' (or 'generated' for a page built from data)"
            reader.error(record.path, m, message)
        seen: set[str] = set()
        for section_id, scalar in section_ids:
            if section_id in seen:
                message = f"page '{record.id}' lists section '{section_id}' twice"
                reader.error(record.path, scalar, message)
            seen.add(section_id)
        for what, ids, known, home in (
            ("section", section_ids, sections, "sections"),
            ("fact", v.get("figures", ()), fact_ids, "facts"),
            ("timeline entry", v.get("key_dates", ()), entry_ids, "timeline.yml"),
        ):
            if home in reader.unreadable:
                continue  # already reported; don't repeat it at every use
            for item_id, scalar in ids:
                if item_id not in known:
                    hint = did_you_mean(item_id, known)
                    message = f"page '{record.id}' names unknown {what} '{item_id}'{hint}"
                    reader.error(record.path, scalar, message)
        page_forms: dict[str, PageForms] = {}
        for lang, checked in reader.forms(record, PAGE_FORMS, f"page '{record.id}'").items():
            page_forms[lang] = PageForms(**checked.values)
            for name in ("nav_title", "description"):
                if name in v and name not in checked.values and reader.needs(lang):
                    message = (
                        f"page '{record.id}' has no {language_name(lang)} {name}: add '{name}:' to its '{lang}:' block"
                    )
                    reader.error(record.path, record.checked.key_marks[lang], message)
        pages.append(
            Page(
                id=record.id,
                title=v.get("title", record.id),
                nav_title=v.get("nav_title"),
                description=v.get("description"),
                sections=tuple(s for s, _ in section_ids),
                generated=v.get("generated"),
                figures=tuple(f for f, _ in v.get("figures", ())),
                key_dates=tuple(d for d, _ in v.get("key_dates", ())),
                origin=record.origin(),
                translations=page_forms,
            )
        )

    if records and not any(p.id == "index" for p in pages):
        reader.error(reader.rel(path), None, "no 'index' page: the site needs a home page")
    return pages


def _optional_records(reader: _Reader, name: str, spec: Spec) -> list[Record]:
    path = reader.content_dir / name
    return reader.records(path, spec) if path.exists() else []


def _check_sources(reader: _Reader, record: Record, source_ids: set[str], what: str) -> bool:
    ok = True
    for source_id, scalar in record.values.get("sources", ()):
        if source_id not in source_ids and "sources.yml" not in reader.unreadable:
            hint = _source_hint(source_id, source_ids)
            message = f"{what} '{record.id}' cites unknown source '{source_id}'{hint}"
            reader.error(record.path, scalar, message)
            ok = False
    return ok


def _load_timeline(
    reader: _Reader, facts: dict[str, Fact], fact_ids: set[str], source_ids: set[str]
) -> tuple[list[TimelineEntry], set[str]]:
    """Entries read, and the ids of every entry declared (read or not): naming an entry
    whose date could not be read is not a second mistake."""
    entries: list[TimelineEntry] = []
    records = _optional_records(reader, "timeline.yml", TIMELINE)
    for record in records:
        v, m = record.values, record.key.mark
        titles = {
            lang: checked.values["title"]
            for lang, checked in reader.forms(record, TIMELINE_FORMS, f"timeline entry '{record.id}'").items()
        }
        ok = record.ok & _check_sources(reader, record, source_ids, "timeline entry")
        ok &= _has_forms(reader, record, titles, "timeline entry", "title")
        fact_id = v.get("fact")
        evidence: tuple[tuple[str, str], ...] = ()
        if fact_id is None:
            evidence, evidence_ok = reader.evidence(record, f"timeline entry '{record.id}'", source_ids)
            ok &= evidence_ok
        if fact_id is not None:
            node = record.checked.nodes["fact"]
            extra = [name for name in ("date", "sources", "evidence") if name in record.checked.key_marks]
            if extra:
                names = " and ".join(f"'{name}'" for name in extra)
                message = (
                    f"timeline entry '{record.id}' takes its date, sources and evidence from fact '{fact_id}'; "
                    f"remove {names}"
                )
                reader.error(record.path, m, message)
                ok = False
            elif fact_id not in fact_ids and "facts" not in reader.unreadable:
                hint = did_you_mean(fact_id, fact_ids)
                message = f"timeline entry '{record.id}' names unknown fact '{fact_id}'{hint}"
                reader.error(record.path, node, message)
                ok = False
            elif fact_id in facts and facts[fact_id].kind is not FactKind.DATE:
                message = f"timeline entry '{record.id}' needs a date fact; '{fact_id}' is a {facts[fact_id].kind}"
                reader.error(record.path, node, message)
                ok = False
        elif "date" not in record.checked.nodes or "sources" not in record.checked.nodes:
            message = f"timeline entry '{record.id}' needs either 'fact' or both 'date' and 'sources'"
            reader.error(record.path, m, message)
            ok = False
        if not ok:
            continue
        if fact_id is not None:
            fact = facts.get(fact_id)
            if fact is None:
                continue
            assert isinstance(fact.value, PartialDate)
            date, sources, evidence = fact.value, fact.sources, fact.evidence
        else:
            date, sources = v["date"], tuple(dict.fromkeys(s for s, _ in v["sources"]))
        entries.append(TimelineEntry(record.id, date, v["title"], sources, record.origin(), fact_id, evidence, titles))
    return entries, {r.id for r in records}


def _load_glossary(reader: _Reader, source_ids: set[str]) -> dict[str, GlossaryTerm]:
    terms: dict[str, GlossaryTerm] = {}
    spelled: dict[str, str] = {}
    for record in _optional_records(reader, "glossary.yml", GLOSSARY):
        v = record.values
        term_forms = {
            lang: TermForms(**checked.values)
            for lang, checked in reader.forms(record, GLOSSARY_FORMS, f"glossary term '{record.id}'").items()
        }
        ok = record.ok & _check_sources(reader, record, source_ids, "glossary term")
        ok &= _has_forms(reader, record, term_forms, "glossary term", "term and definition")
        evidence, evidence_ok = reader.evidence(record, f"glossary term '{record.id}'", source_ids)
        ok &= evidence_ok
        for spelling in (v.get("term"), *v.get("aliases", ())):
            if spelling is None:
                continue
            if spelling in spelled:
                m = record.key.mark
                message = (
                    f"glossary term '{record.id}' repeats '{spelling}', already explained by '{spelled[spelling]}'"
                )
                reader.error(record.path, m, message)
                ok = False
            spelled.setdefault(spelling, record.id)
        if ok:
            terms[record.id] = GlossaryTerm(
                id=record.id,
                term=v["term"],
                definition=v["definition"],
                aliases=v.get("aliases", ()),
                sources=tuple(dict.fromkeys(s for s, _ in v.get("sources", ()))),
                evidence=evidence,
                origin=record.origin(),
                translations=term_forms,
            )
    return terms


def _has_forms(reader: _Reader, record: Record, found: Mapping[str, object], what: str, fields: str) -> bool:
    """An error for each published language the record has no block for (a block with a mistake is reported already)."""
    ok = True
    for lang in reader.published[1:]:
        if lang not in found and lang not in record.values:
            name = language_name(lang)
            message = f"{what} '{record.id}' has no {name} {fields}: add a '{lang}:' block"
            reader.error(record.path, record.key, message)
            ok = False
    return ok


def _load_organisations(reader: _Reader) -> dict[str, Organisation]:
    return {
        r.id: Organisation(r.id, r.values["name"], r.values["url"], r.origin(), r.values.get("same_as", ()))
        for r in _optional_records(reader, "organisations.yml", ORGANISATION)
        if r.ok
    }
