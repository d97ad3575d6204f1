"""Read `content/` into a validated `Content`, collecting every problem.

Layout (all paths under the content folder):

- `sources.yml`        source id -> source
- `facts/**/*.yml`     fact id -> fact (any number of files; ids are global)
- `pages.yml`          page id -> page, in navigation order
- `sections/**/*.md`   Markdown with optional front matter; the id is the
                       path without `.md` (`background/history`); a sibling
                       `<name>.fr.md` is its French translation
- `timeline.yml`       entry id -> dated event (optional)
- `glossary.yml`       term id -> term explained in prose (optional)
- `organisations.yml`  id -> organisation the site is about (optional)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from explainer.check.checks import Checks, prose_checks
from explainer.check.typed_values import typed_values
from explainer.diagnostics import did_you_mean, error, has_errors, notice, warning
from explainer.language.catalog import LANGUAGES, ORIGINAL
from explainer.language.strings import language_name
from explainer.load.charts import load_charts
from explainer.load.entries import load_glossary, load_organisations, load_timeline
from explainer.load.facts import load_facts, load_sources
from explainer.load.filecache import FileCache
from explainer.load.gcpause import gc_paused
from explainer.load.reader import LoadResult, Reader
from explainer.load.sections import load_pages, load_sections
from explainer.load.yamlsrc import Mark
from explainer.model import (
    Content,
    Page,
    Section,
)


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
    `checks.languages`, from `plugins.explainer.languages`): every translation
    into them is required, and an unknown code is reported at its line in
    `base/mkdocs.yml`. Given a `cache` (`filecache`), files read by an earlier
    load with the same bytes are not parsed again; the result is the same.
    """
    reader = Reader(content_dir, base or content_dir.parent, checks, languages, cache)
    try:
        return _load(reader, today or dt.date.today())
    finally:
        if cache is not None:
            cache.prune()


def _load(reader: Reader, today: dt.date) -> LoadResult:
    if not reader.content_dir.is_dir():
        return LoadResult(None, [error(reader.rel(reader.content_dir), 1, 1, "content folder not found")])
    _check_languages(reader)

    sources, source_ids = load_sources(reader, today)
    facts, fact_ids = load_facts(reader, source_ids, today, {s.id: s.language for s in sources.values()})
    sections, section_ids = load_sections(reader, fact_ids)
    timeline, entry_ids = load_timeline(reader, facts, fact_ids, source_ids)
    glossary = load_glossary(reader, source_ids)
    organisations = load_organisations(reader)

    charts = load_charts(reader, facts, fact_ids, timeline, entry_ids)
    pages = load_pages(reader, section_ids, fact_ids, entry_ids)

    used = {s for page in pages for s in page.sections}
    for section in sections.values():
        if section.id not in used and "pages.yml" not in reader.unreadable and pages:
            o = section.origin
            reader.diagnostics.append(warning(o.path, o.line, o.col, f"section '{section.id}' is not used by any page"))
    placed = {c.chart_id for section in sections.values() for c in section.charts}
    for chart in charts.values():
        if chart.id not in placed and "sections" not in reader.unreadable:
            o = chart.origin
            message = (
                f"chart '{chart.id}' is not placed by any section (write [[chart:{chart.id}]] on a line of its own)"
            )
            reader.diagnostics.append(warning(o.path, o.line, o.col, message))
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


def _check_languages(reader: Reader) -> None:
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
            reader.error(rel, at(code), f"unknown language '{code}' in plugins.explainer.languages{hint}")
        elif code in published:
            message = f"language '{code}' is listed twice in plugins.explainer.languages"
            reader.error(rel, at(code, reader.languages[:i].count(code)), message)
        else:
            published.append(code)
    if reader.languages and reader.languages[0] != ORIGINAL:
        message = (
            f"plugins.explainer.languages must start with '{ORIGINAL}', the language content is written in "
            f"(got '{reader.languages[0]}')"
        )
        reader.error(rel, at(reader.languages[0]), message)
    reader.published = (ORIGINAL, *(lang for lang in published if lang != ORIGINAL))


def _untranslated(reader: Reader, sections: dict[str, Section], pages: list[Page]) -> None:
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
