"""Rendered section pages, reused while everything they show is unchanged.

Under `mkdocs serve` every save renders the site again. A page made of
sections shows only its own inputs: the page entry, its sections, the facts
they (and its figures and key dates) cite, those facts' and dates' sources,
its key dates, where the timeline page is, the glossary (appended to
every page as abbreviations) and the site descriptor (section edit links).
`PageMemo` keeps each page's inputs beside its
rendering and renders again only a page whose inputs differ (compared by
value: the model is immutable). Generated pages (sources, timeline, glossary,
data) show the whole content and are always rendered. Entries for pages that
are no longer in `pages.yml` are dropped at the end of each render.

Each language is rendered on its own (`render_site(..., lang=...)`): the
language is part of both the key and the inputs, so a French render never
reuses an English page, and the end of a French render drops only French
entries (one memo serves every edition).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from explainer.model import Chart, ChartKind, Content, Page, PageKind, TimelineEntry
from explainer.render.charts import chart_facts
from explainer.site import SiteInfo

Inputs = tuple[object, ...]
R = TypeVar("R")
"""What a render gives (`pages.R`): the memo keeps it and never looks inside."""


def page_charts(page: Page, content: Content) -> tuple[Chart, ...]:
    """The charts placed in the page's sections, in reading order."""
    return tuple(content.charts[c.chart_id] for s in page.sections for c in content.sections[s].charts)


def page_entries(page: Page, content: Content, charts: Sequence[Chart]) -> tuple[TimelineEntry, ...]:
    """The timeline entries a page shows: its key dates, or every entry on the timeline page and
    on a page with a strip chart (a strip may show any entry)."""
    if page.generated is PageKind.TIMELINE or any(c.kind is ChartKind.STRIP for c in charts):
        return tuple(content.timeline)
    wanted = set(page.key_dates)
    return tuple(e for e in content.timeline if e.id in wanted)


def render_inputs(page: Page, content: Content, site: SiteInfo | None, lang: str) -> Inputs:
    """Everything `render_sections` reads for `page`, as comparable values.

    (`render.page_inputs` answers another question: which files a page was made from.)
    """
    sections = tuple(content.sections[s] for s in page.sections)
    # Charts placed on the page, every fact they draw on, and what a derived fact is computed from.
    charts = page_charts(page, content)
    entries = page_entries(page, content, charts)
    fact_ids = dict.fromkeys(page.figures)
    fact_ids.update((e.fact, None) for e in entries if e.fact)
    for section in sections:
        fact_ids.update((r.fact_id, None) for r in section.references)
    for chart in charts:
        fact_ids.update((f, None) for f in chart_facts(chart, content))
    for fact_id in list(fact_ids):
        fact_ids.update((i, None) for i in content.facts[fact_id].inputs)
    facts = tuple(content.facts[f] for f in fact_ids)
    source_ids = dict.fromkeys(s for fact in facts for s in fact.sources)
    source_ids.update((s, None) for e in entries for s in e.sources)
    sources = tuple(content.sources[s] for s in source_ids)
    timeline_page = (
        next((p.src_uri for p in content.pages if p.generated is PageKind.TIMELINE), None) if page.key_dates else None
    )
    glossary = tuple(content.glossary.values())
    return (lang, content.languages, page, sections, facts, sources, entries, timeline_page, glossary, site, charts)


@dataclass
class PageMemo(Generic[R]):
    """Each section page's inputs and rendering, from the last render of the site."""

    _kept: dict[tuple[str, str], tuple[Inputs, R]] = field(default_factory=dict)
    """By (language, page id)."""
    _used: dict[tuple[str, str], tuple[Inputs, R]] = field(default_factory=dict)
    _rendering: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    """Ids of the pages the last render of the site (in one language) rendered rather than reused."""

    def render(
        self,
        page: Page,
        content: Content,
        site: SiteInfo | None,
        render: Callable[[Page, Content, SiteInfo | None, str], R],
        lang: str,
    ) -> R:
        """`render(page, content, site, lang)`, or the last result in `lang` if the page's inputs are equal."""
        inputs = render_inputs(page, content, site, lang)
        key = (lang, page.id)
        kept = self._kept.get(key)
        if kept is not None and kept[0] == inputs:
            result = kept[1]
        else:
            result = render(page, content, site, lang)
            self._rendering.append(page.id)
        self._used[key] = (inputs, result)
        return result

    def prune(self, lang: str) -> None:
        """End of a render of the site in `lang`: keep only the pages it had (other languages' are kept)."""
        others = {key: kept for key, kept in self._kept.items() if key[0] != lang}
        self._kept, self._used = others | self._used, {}
        self.rendered, self._rendering = self._rendering, []
