"""Read `content/` into a validated `Content`, collecting every problem.

Layout (all paths under the content folder):

- `sources.yml`        source id -> source
- `facts/**/*.yml`     fact id -> fact (any number of files; ids are global)
- `pages.yml`          page id -> page, in navigation order
- `sections/**/*.md`   Markdown with optional front matter; the id is the
                       path without `.md` (`acquisition/deal`)
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import references as refs
from .diagnostics import Diagnostic, did_you_mean, error, has_errors, warning
from .model import Content, Fact, Origin, Page, Section, Source
from .schema import FACT, PAGE, SECTION, SOURCE, Invalid, Spec, check_fact_value, check_id, check_record
from .yamlsrc import YMap, YNode, YScalar, decode, parse

PAGE_ID = r"^[a-z0-9][a-z0-9-]*$"


@dataclass
class LoadResult:
    content: Content | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.content is not None


class _Reader:
    def __init__(self, content_dir: Path, base: Path) -> None:
        self.content_dir = content_dir.resolve()
        self.base = base.resolve()
        self.diagnostics: list[Diagnostic] = []
        self.files: list[Path] = []

    def rel(self, path: Path) -> str:
        return Path(os.path.relpath(path, self.base)).as_posix()

    def read_text(self, path: Path) -> str | None:
        rel = self.rel(path)
        if path.is_symlink() and not path.resolve().is_relative_to(self.content_dir):
            self.diagnostics.append(error(rel, 1, 1, "symbolic link leads outside the content folder"))
            return None
        self.files.append(path)
        text, problems = decode(rel, path.read_bytes())
        self.diagnostics.extend(problems)
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
                self.diagnostics.append(error(rel, 1, 1, "file is empty; expected a mapping of ids to entries"))
            return rel, None
        if not isinstance(node, YMap):
            self.diagnostics.append(
                error(rel, node.mark.line, node.mark.col, "expected a mapping of ids to entries at the top level")
            )
            return rel, None
        return rel, node

    def records(self, path: Path, spec: Spec, id_pattern: str | None = None) -> list[tuple[str, Any, str]]:
        """(id, Checked, rel path) for each well-formed record in a keyed file."""
        rel, node = self.read_yaml_map(path)
        out: list[tuple[str, Any, str]] = []
        if node is None:
            return out
        for key, value in node.entries:
            problems = check_id(key, rel, spec.name, id_pattern) if id_pattern else check_id(key, rel, spec.name)
            self.diagnostics.extend(problems)
            checked, problems = check_record(value, spec, rel, f"{spec.name} '{key.value}'")
            self.diagnostics.extend(problems)
            if checked is not None and not problems:
                checked.key_marks["__id__"] = key
                out.append((str(key.value), checked, rel))
        return out

    def files_under(self, folder: str, suffix: str) -> list[Path]:
        root = self.content_dir / folder
        if not root.is_dir():
            return []
        found = []
        for path in sorted(root.rglob(f"*{suffix}")):
            if path.is_file() or path.is_symlink():
                found.append(path)
        return found


def load_content(content_dir: Path, base: Path | None = None, today: dt.date | None = None) -> LoadResult:
    """Load and validate everything under `content_dir`.

    Paths in diagnostics are relative to `base` (default: the content folder's
    parent, the project root). The content is returned only when there are no
    errors; warnings come either way.
    """
    reader = _Reader(content_dir, base or content_dir.parent)
    today = today or dt.date.today()
    if not reader.content_dir.is_dir():
        return LoadResult(None, [error(reader.rel(reader.content_dir), 1, 1, "content folder not found")])

    sources = _load_sources(reader, today)
    facts = _load_facts(reader, sources, today)
    sections = _load_sections(reader, facts)
    pages = _load_pages(reader, sections)

    used = {s for page in pages for s in page.sections}
    for section in sections.values():
        if section.id not in used:
            o = section.origin
            reader.diagnostics.append(warning(o.path, o.line, o.col, f"section '{section.id}' is not used by any page"))

    diagnostics = reader.diagnostics
    content = None if has_errors(diagnostics) else Content(sources, facts, sections, tuple(pages))
    return LoadResult(content, diagnostics, reader.files)


def _origin(rel: str, checked: Any) -> Origin:
    key: YScalar = checked.key_marks["__id__"]
    return Origin(rel, key.mark.line, key.mark.col)


def _not_future(reader: _Reader, rel: str, checked: Any, name: str, today: dt.date) -> None:
    date = checked.values.get(name)
    if date is not None and date.earliest() > today:
        node = checked.nodes[name]
        reader.diagnostics.append(
            error(
                rel,
                node.mark.line,
                node.mark.col,
                f"{name}: {date.iso()} is in the future (today is {today.isoformat()})",
            )
        )


def _load_sources(reader: _Reader, today: dt.date) -> dict[str, Source]:
    path = reader.content_dir / "sources.yml"
    if not path.exists():
        reader.diagnostics.append(error(reader.rel(path), 1, 1, "missing file: every site needs its sources"))
        return {}
    sources: dict[str, Source] = {}
    for source_id, checked, rel in reader.records(path, SOURCE):
        _not_future(reader, rel, checked, "published", today)
        _not_future(reader, rel, checked, "accessed", today)
        v = checked.values
        sources[source_id] = Source(
            id=source_id,
            title=v["title"],
            publisher=v["publisher"],
            url=v["url"],
            published=v["published"],
            accessed=v["accessed"],
            note=v.get("note"),
            origin=_origin(rel, checked),
        )
    return sources


def _load_facts(reader: _Reader, sources: dict[str, Source], today: dt.date) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    files = reader.files_under("facts", ".yml")
    if not files:
        reader.diagnostics.append(error(reader.rel(reader.content_dir / "facts"), 1, 1, "no fact files found"))
    for path in files:
        for fact_id, checked, rel in reader.records(path, FACT):
            v = checked.values
            key: YScalar = checked.key_marks["__id__"]
            first = facts.get(fact_id)
            if first is not None:
                reader.diagnostics.append(
                    error(
                        rel,
                        key.mark.line,
                        key.mark.col,
                        f"duplicate fact id '{fact_id}' (first defined at {first.origin.path}:{first.origin.line})",
                    )
                )
                continue
            ok = True
            value_node: YNode = v["value"]
            try:
                value = check_fact_value(v["kind"], value_node, v.get("unit"))
            except Invalid as exc:
                reader.diagnostics.append(error(rel, value_node.mark.line, value_node.mark.col, f"value: {exc}"))
                ok = False
            if v["kind"] == "percent" and "unit" in v:
                node = checked.key_marks["unit"]
                reader.diagnostics.append(error(rel, node.mark.line, node.mark.col, "a percent takes no unit"))
                ok = False
            for source_id, scalar in v["sources"]:
                if source_id not in sources:
                    hint = did_you_mean(source_id, sources)
                    reader.diagnostics.append(
                        error(
                            rel,
                            scalar.mark.line,
                            scalar.mark.col,
                            f"fact '{fact_id}' cites unknown source '{source_id}'{hint}",
                        )
                    )
                    ok = False
            _not_future(reader, rel, checked, "as_of", today)
            if not ok:
                continue
            facts[fact_id] = Fact(
                id=fact_id,
                label=v["label"],
                kind=v["kind"],
                value=value,
                unit=v.get("unit"),
                qualifier=v.get("qualifier"),
                as_of=v["as_of"],
                sources=tuple(dict.fromkeys(s for s, _ in v["sources"])),
                note=v.get("note"),
                confidence=v.get("confidence"),
                review_by=v.get("review_by"),
                origin=Origin(rel, key.mark.line, key.mark.col),
            )
    return facts


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


def _load_sections(reader: _Reader, facts: dict[str, Fact]) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    for path in reader.files_under("sections", ".md"):
        rel = reader.rel(path)
        section_id = path.relative_to(reader.content_dir / "sections").with_suffix("").as_posix()
        text = reader.read_text(path)
        if text is None:
            continue
        front, body, body_line, problems = split_front_matter(rel, text)
        reader.diagnostics.extend(problems)
        title = None
        if front is not None:
            checked, problems = check_record(front, SECTION, rel, f"front matter of section '{section_id}'")
            reader.diagnostics.extend(problems)
            if checked is not None:
                title = checked.values.get("title")
        if not body.strip():
            reader.diagnostics.append(error(rel, body_line, 1, f"section '{section_id}' has no text"))
        found = refs.scan(body, first_line=body_line)
        for f in found:
            if f.kind == "fact":
                if f.target not in facts:
                    hint = did_you_mean(f.target, facts)
                    reader.diagnostics.append(error(rel, f.line, f.col, f"unknown fact '{f.target}'{hint}"))
            elif f.kind != "escaped":
                hint = did_you_mean(f.kind, ["fact"])
                reader.diagnostics.append(error(rel, f.line, f.col, f"unknown reference type '{f.kind}:'{hint}"))
        sections[section_id] = Section(
            id=section_id,
            title=title,
            body=body,
            body_line=body_line,
            origin=Origin(rel, 1, 1),
            references=refs.references(found),
        )
    return sections


def _load_pages(reader: _Reader, sections: dict[str, Section]) -> list[Page]:
    path = reader.content_dir / "pages.yml"
    if not path.exists():
        reader.diagnostics.append(error(reader.rel(path), 1, 1, "missing file: pages.yml lists the site's pages"))
        return []
    pages: list[Page] = []
    records = reader.records(path, PAGE, PAGE_ID)
    for page_id, checked, rel in records:
        v = checked.values
        key: YScalar = checked.key_marks["__id__"]
        section_ids = v.get("sections", ())
        if bool(section_ids) == bool(v.get("generated")):
            reader.diagnostics.append(
                error(rel, key.mark.line, key.mark.col, f"page '{page_id}' needs either 'sections' or 'generated'")
            )
            continue
        for section_id, scalar in section_ids:
            if section_id not in sections:
                hint = did_you_mean(section_id, sections)
                reader.diagnostics.append(
                    error(
                        rel,
                        scalar.mark.line,
                        scalar.mark.col,
                        f"page '{page_id}' names unknown section '{section_id}'{hint}",
                    )
                )
        pages.append(
            Page(
                id=page_id,
                title=v["title"],
                nav_title=v.get("nav_title"),
                description=v.get("description"),
                sections=tuple(s for s, _ in section_ids),
                generated=v.get("generated"),
                origin=Origin(rel, key.mark.line, key.mark.col),
            )
        )
    if records and not any(p.id == "index" for p in pages) and not has_errors(reader.diagnostics):
        reader.diagnostics.append(error(reader.rel(path), 1, 1, "no 'index' page: the site needs a home page"))
    return pages
