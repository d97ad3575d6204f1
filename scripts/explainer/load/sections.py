"""Sections and pages: Markdown with front matter under `content/sections/` (a sibling
`<name>.<lang>.md` translates it and records which original it translates), and
`content/pages.yml`, which sections make which page."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from explainer.check.sanitize import check_markdown
from explainer.diagnostics import Diagnostic, did_you_mean, error, notice
from explainer.language.locale import ORIGINAL
from explainer.language.strings import language_name
from explainer.load.earlier import original_changes
from explainer.load.fields import PAGE_ID
from explainer.load.reader import TRANSLATES_DIGITS, Reader, original_hash
from explainer.load.schema import (
    PAGE,
    PAGE_FORMS,
    SECTION,
    TRANSLATED,
    check_record,
)
from explainer.load.yamlsrc import Mark, YNode, parse
from explainer.model import (
    ChartReference,
    Origin,
    Page,
    PageForms,
    Section,
)
from explainer.text import references as refs
from explainer.text.worddiff import describe


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


def _read_section(reader: Reader, path: Path, rel: str, section_id: str, lang: str) -> _SectionText | None:
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
    for fragment in refs.fragments(body, first_line=body_line):
        reader.error(rel, Mark(fragment.line, fragment.col), fragment.message)
    return title, own_numbers, translates, body, body_line, refs.scan(body, first_line=body_line)


def load_sections(reader: Reader, fact_ids: set[str]) -> tuple[dict[str, Section], set[str]]:
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
        section = _section(reader, path, section_id, fact_ids, ORIGINAL)
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
        translation = _compare_translation(reader, original, translation, original_path)
        sections[section_id] = replace(original, translations={**original.translations, lang: translation})
    return sections, declared


def _section(reader: Reader, path: Path, section_id: str, fact_ids: set[str], lang: str) -> Section | None:
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


def _compare_translation(reader: Reader, original: Section, translation: Section, original_path: Path) -> Section:
    """Check a translation against its original: what it translates, its title, the facts it cites.

    A translation whose original changed since (`translates:` no longer matches) is
    a notice, not an error: a correction of the original must publish at once, and
    the translated page says that the original is newer. The facts it cites are
    compared only while it is current: once stale, the notice covers them too. A stale translation
    carries what changed in the original since, word by word, from git history (`earlier`), and
    the notice lists it.
    """
    original_bytes = original_path.read_bytes()
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
        behind = original_changes(original_path, translation.translates, original_bytes)
        if behind.since is not None:
            short = behind.since[:7]
            since = f" ({language_name(ORIGINAL)} changes since {short}: {describe(behind.changes)}; "
            since += f"all of them: git diff --word-diff {short} -- {orig})"
        else:
            since = f" (history cannot say what changed: {behind.missing})"
        message = (
            f"{name} translation is out of date: {orig} changed since it was translated{since}{facts}. "
            f"Update it, then set 'translates: {current}' (it says '{translation.translates}')"
        )
        reader.diagnostics.append(notice(rel, 1, 1, message))
        return replace(translation, stale=True, behind=behind)
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
    reader: Reader,
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


def load_pages(reader: Reader, sections: set[str], fact_ids: set[str], entry_ids: set[str]) -> list[Page]:
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
