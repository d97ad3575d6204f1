"""Content to page Markdown: fact references become values with citations.

Each page is a Markdown string MkDocs renders as usual. A reference becomes
inline HTML: the formatted value, a tooltip (source titles, as-of date,
confidence) reachable by mouse and keyboard, and a citation number linking to
the page's numbered source list; sources are numbered in order of first
citation on the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .evidence import excerpt
from .formatting import format_value
from .model import (
    Confidence,
    Content,
    Evidence,
    Fact,
    GlossaryTerm,
    Page,
    PageKind,
    PartialDate,
    Section,
    Source,
    TimelineEntry,
)
from .site import SiteInfo

if TYPE_CHECKING:
    from .pagememo import PageMemo

# HTML's special characters, and those Markdown (or one of Material's
# extensions) could act on inside inline HTML, as character references.
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"} | {
    c: f"&#{ord(c)};" for c in "\\`*_{}[]#+!|~^=:"
}
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def _reference(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def escape(text: str) -> str:
    """Text for HTML (content or attribute) inside Markdown: nothing in it is markup.

    A regular expression finds the few characters to replace; `str.translate`
    with a table looks every character up, and cost a third of the rendering.
    """
    return _SPECIAL.sub(_reference, text)


@dataclass(frozen=True)
class RenderedPage:
    page: Page
    markdown: str
    edit_path: str
    """Project-relative path of the file an editor changes for this page."""
    source_ids: tuple[str, ...]
    fact_ids: tuple[str, ...]


@dataclass
class _Citations:
    """Numbers sources in order of first citation on one page; counts tooltips."""

    numbers: dict[str, int] = field(default_factory=dict)
    fact_ids: dict[str, None] = field(default_factory=dict)
    tips: int = 0

    def cite(self, source_ids: Sequence[str], content: Content) -> str:
        for s in source_ids:  # new sources get the next numbers, in the order cited
            self.numbers.setdefault(s, len(self.numbers) + 1)
        cited = sorted({(self.numbers[s], s) for s in source_ids})
        links = ", ".join(
            f'<a href="#source-{n}" aria-label="Source {n}: {escape(content.sources[s].title)}">{n}</a>'
            for n, s in cited
        )
        return f'<sup class="fact-cite">[{links}]</sup>'


def quoted(text: str) -> str:
    """An excerpt as the page shows it: in quotation marks."""
    return f"“{text}”"


def tooltip_text(fact: Fact, sources: dict[str, Source]) -> str:
    """What the tooltip says: where the value comes from, in the source's words, how old it is, how sure."""
    cited = [sources[s] for s in fact.sources]
    named = "; ".join(
        f"{s.publisher}, “{s.title}”" + (f", which says {quoted(e)}" if (e := excerpt(fact.evidence, s.id)) else "")
        for s in cited
    )
    end = "" if named.endswith((".”", "!”", "?”")) else "."  # a quotation that ends a sentence ends this one
    parts = [f"Source: {named}{end}" if len(cited) == 1 else f"{len(cited)} sources: {named}{end}"]
    parts.append(f"As of {fact.as_of.human()}.")
    if fact.confidence is Confidence.SINGLE_SOURCE:
        parts.append("Single source, not confirmed elsewhere.")
    elif fact.confidence is Confidence.DISPUTED:
        parts.append("Sources disagree.")
    if fact.note:
        parts.append(fact.note)
    return " ".join(parts)


def render_fact(fact: Fact, content: Content, citations: _Citations) -> str:
    """The value as a link to its (first) source, a tooltip it describes itself with, citations."""
    citations.fact_ids[fact.id] = None
    citations.tips += 1
    tip_id = f"fact-tip-{citations.tips}"
    cite = citations.cite(fact.sources, content)
    first = citations.numbers[fact.sources[0]]
    flagged = fact.confidence in (Confidence.SINGLE_SOURCE, Confidence.DISPUTED)
    classes = "fact" + (f" fact--{fact.confidence}" if flagged else "")
    flag = ' <span class="fact-flag">disputed</span>' if fact.confidence is Confidence.DISPUTED else ""
    return (
        f'<span class="{classes}" data-fact="{escape(fact.id)}">'
        f'<a class="fact__value" href="#source-{first}" aria-describedby="{tip_id}">{escape(format_value(fact))}</a>'
        f'<span class="fact__tip" role="tooltip" id="{tip_id}">{escape(tooltip_text(fact, content.sources))}</span>'
        f"</span>{cite}{flag}"
    )


def substitute(section: Section, content: Content, show: Callable[[Fact], str]) -> str:
    """The section body with each reference replaced by `show(fact)`."""
    body = section.body
    out: list[str] = []
    pos = 0
    for ref in section.references:
        out.append(body[pos : ref.start])
        out.append(show(content.facts[ref.fact_id]))
        pos = ref.end
    out.append(body[pos:])
    return "".join(out)


def render_body(section: Section, content: Content, citations: _Citations) -> str:
    text = substitute(section, content, lambda fact: render_fact(fact, content, citations))
    if "\\[[" in text:
        text = text.replace("\\[[", "[[")
    return text.strip("\n")


def source_entry(source: Source) -> str:
    """One source as inline HTML: linked title, publisher, dates, and its URL in full for print."""
    text = (
        f'<a href="{escape(source.url)}">{escape(source.title)}</a>. '
        f"{escape(source.publisher)}, published {source.published.human()}; accessed {source.accessed.human()}."
    )
    if source.note:
        text += f' <span class="source-note">{escape(source.note)}</span>'
    return text + f' <span class="source-url">{escape(source.url)}</span>'


def source_list(content: Content, citations: _Citations) -> str:
    items = [f'<li id="source-{n}">{source_entry(content.sources[s])}</li>' for s, n in citations.numbers.items()]
    return '## Sources\n\n<ol class="source-list">\n' + "\n".join(items) + "\n</ol>"


def _time(date: PartialDate) -> str:
    return f'<time datetime="{date.iso()}">{date.human()}</time>'


def key_figures(page: Page, content: Content, citations: _Citations) -> str:
    cards = [
        f'<li class="key-figure">{render_fact(content.facts[f], content, citations)}'
        f'<span class="key-figure__label">{escape(content.facts[f].label)}</span></li>'
        for f in page.figures
    ]
    return '<ul class="key-figures" aria-label="Key figures">\n' + "\n".join(cards) + "\n</ul>"


def excerpts_html(evidence: Evidence, citations: _Citations, css: str) -> str:
    """Each excerpt in quotation marks with the number of its source on the page, or nothing."""
    return "".join(
        f' <span class="{css}" data-source="{escape(s)}">{escape(quoted(text))}'
        f' [<a href="#source-{citations.numbers[s]}" aria-label="Source {citations.numbers[s]}">'
        f"{citations.numbers[s]}</a>]</span>"
        for s, text in evidence
        if s in citations.numbers
    )


def timeline_items(
    entries: Iterable[TimelineEntry], content: Content, citations: _Citations, css: str, quotes: bool = False
) -> str:
    """The entries as list items; `quotes` adds each source's excerpt (the timeline page, not the strip)."""
    entries = list(entries)
    citations.fact_ids.update((e.fact, None) for e in entries if e.fact)
    items = []
    for e in entries:
        cite = citations.cite(e.sources, content)
        said = excerpts_html(e.evidence, citations, f"{css}__excerpt") if quotes else ""
        items.append(
            f'<li class="{css}__entry" id="{escape(e.id)}">{_time(e.date)} '
            f'<span class="{css}__title">{escape(e.title)}</span>{cite}{said}</li>'
        )
    return "\n".join(items)


def key_dates(page: Page, content: Content, citations: _Citations) -> str:
    wanted = set(page.key_dates)
    entries = [e for e in content.timeline if e.id in wanted]
    strip = (
        '<nav class="key-dates" aria-label="Key dates">\n<ol>\n'
        + timeline_items(entries, content, citations, "key-dates")
        + "\n</ol>\n</nav>"
    )
    timeline_page = next((p for p in content.pages if p.generated is PageKind.TIMELINE), None)
    return strip + (f"\n\n[See the full timeline]({timeline_page.src_uri})" if timeline_page else "")


def glossary_markdown(glossary: dict[str, GlossaryTerm]) -> str:
    """Abbreviation definitions: Material shows them wherever the term appears."""
    lines = []
    for term in glossary.values():
        definition = " ".join(term.definition.split())
        for spelling in (term.term, *term.aliases):
            lines.append(f"*[{spelling}]: {definition}")
    return "\n".join(lines)


@dataclass
class _PageBuilder:
    page: Page
    content: Content
    citations: _Citations = field(default_factory=_Citations)
    head: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Figures and key dates come first, so their sources are numbered first.
        if self.page.figures:
            self.head.append(key_figures(self.page, self.content, self.citations))
        if self.page.key_dates:
            self.head.append(key_dates(self.page, self.content, self.citations))

    def finish(self, edit_path: str, glossary: bool = True) -> RenderedPage:
        facts = [self.content.facts[f] for f in self.citations.fact_ids]
        as_of = max((f.as_of for f in facts), key=lambda d: d.latest(), default=None)
        parts = [f"# {escape(self.page.title)}"]
        if as_of is not None:
            parts.append(f'<p class="facts-as-of">Facts as of {_time(as_of)}.</p>')
        parts += self.head + self.parts
        if self.citations.numbers:
            parts.append(source_list(self.content, self.citations))
        if glossary and self.content.glossary:
            parts.append(glossary_markdown(self.content.glossary))
        return RenderedPage(
            self.page,
            "\n\n".join(parts) + "\n",
            edit_path,
            tuple(self.citations.numbers),
            tuple(self.citations.fact_ids),
        )


def section_edit_link(section: Section, site: SiteInfo) -> str:
    """A link that opens the section's own file for editing (the page's edit button opens the first)."""
    href = escape(f"{site.edit_url}{section.origin.path}")
    label = escape(f"Edit this section ({section.title})" if section.title else "Edit this section")
    return f'<p class="section-edit"><a href="{href}">{label}</a></p>'


def render_sections(page: Page, content: Content, site: SiteInfo | None = None) -> RenderedPage:
    b = _PageBuilder(page, content)
    for i, section_id in enumerate(page.sections):
        section = content.sections[section_id]
        if section.title:
            b.parts.append(f"## {escape(section.title)}")
        if site is not None and site.edit_url and i > 0:
            b.parts.append(section_edit_link(section, site))
        b.parts.append(render_body(section, content, b.citations))
    return b.finish(content.sections[page.sections[0]].origin.path)


@dataclass(frozen=True)
class Surroundings:
    """What a generated page may draw on besides the content."""

    site: SiteInfo
    others: Sequence[RenderedPage] = ()
    """The pages rendered before it (for a page rendered after the others: all of them)."""


def render_sources_page(page: Page, content: Content, around: Surroundings) -> RenderedPage:
    """Every source, what it supports, and the pages that cite it."""
    cited_by: dict[str, list[Page]] = {}
    for r in around.others:
        for s in r.source_ids:
            cited_by.setdefault(s, []).append(r.page)
    facts_by_source: dict[str, list[Fact]] = {}
    for fact in content.facts.values():
        for s in fact.sources:
            facts_by_source.setdefault(s, []).append(fact)
    lines = [f"# {escape(page.title)}", ""]
    if page.description:
        lines += [escape(page.description), ""]
    for source in sorted(content.sources.values(), key=lambda s: (s.publisher.lower(), s.title.lower())):
        pages = cited_by.get(source.id, [])
        supports = facts_by_source.get(source.id, [])
        where = ", ".join(f"[{escape(p.title)}]({p.src_uri})" for p in pages) or "no page yet"
        count = f"{len(supports)} fact{'s' if len(supports) != 1 else ''}"
        lines.append(f'- <span id="{escape(source.id)}"></span>{source_entry(source)}')
        lines.append("")
        lines.append(f"    Supports {count}; cited on: {where}.")
        lines.append("")
        quotes = [(f.label, text) for f in supports if (text := excerpt(f.evidence, source.id))]
        if quotes:
            lines += [
                f'    - <span class="source-excerpt">{escape(quoted(text))}</span> ({escape(label)})'
                for label, text in quotes
            ]
            lines.append("")
    edit_path = next(iter(content.sources.values())).origin.path if content.sources else page.origin.path
    return RenderedPage(page, "\n".join(lines).rstrip() + "\n", edit_path, (), ())


def render_timeline_page(page: Page, content: Content, around: Surroundings) -> RenderedPage:
    b = _PageBuilder(page, content)
    if page.description:
        b.parts.append(escape(page.description))
    b.parts.append(
        '<ol class="timeline">\n'
        + timeline_items(content.timeline, content, b.citations, "timeline", quotes=True)
        + "\n</ol>"
    )
    edit_path = content.timeline[0].origin.path if content.timeline else page.origin.path
    return b.finish(edit_path)


def render_glossary_page(page: Page, content: Content, around: Surroundings) -> RenderedPage:
    b = _PageBuilder(page, content)
    if page.description:
        b.parts.append(escape(page.description))
    items = []
    for term in sorted(content.glossary.values(), key=lambda t: t.term.lower()):
        also = (
            f' <span class="glossary__aliases">Also: {escape(", ".join(term.aliases))}.</span>' if term.aliases else ""
        )
        cite = b.citations.cite(term.sources, content) if term.sources else ""
        said = excerpts_html(term.evidence, b.citations, "glossary__excerpt")
        items.append(
            f'<dt id="{escape(term.id)}">{escape(term.term)}</dt>\n<dd>{escape(term.definition)}{cite}{said}{also}</dd>'
        )
    b.parts.append('<dl class="glossary">\n' + "\n".join(items) + "\n</dl>")
    edit_path = next(iter(content.glossary.values())).origin.path if content.glossary else page.origin.path
    return b.finish(edit_path, glossary=False)


def render_data_page(page: Page, content: Content, around: Surroundings) -> RenderedPage:
    site = around.site
    b = _PageBuilder(page, content)
    if page.description:
        b.parts.append(escape(page.description))
    b.parts.append(
        "Download every fact with its sources: [facts.json](data/facts.json) or [facts.csv](data/facts.csv). "
        f"Both list the same facts in the same order (by id). The data is published under {escape(site.licence.name)}; "
        "each figure also belongs to the source it cites."
    )
    rows = ["| Fact | Value | The sources say | As of | Id |", "|---|---|---|---|---|"]
    for fact in sorted(content.facts.values(), key=lambda f: f.id):
        # The table shows as-of dates and sources itself: a plain value, no tooltip link.
        b.citations.fact_ids[fact.id] = None
        value = (
            f'<span class="fact" data-fact="{escape(fact.id)}"><span class="fact__value">'
            f"{escape(format_value(fact))}</span></span>{b.citations.cite(fact.sources, content)}"
        )
        said = excerpts_html(fact.evidence, b.citations, "data-excerpt").strip()
        rows.append(
            f"| {escape(fact.label)} | {value} | {said} | {_time(fact.as_of)} | <code>{escape(fact.id)}</code> |"
        )
    b.parts.append("## All facts\n\n" + "\n".join(rows))
    b.parts.append(
        "## How to cite this site\n\n"
        f'<blockquote class="cite-this"><p>{escape(site.name)}. {escape(site.url)}. '
        "Facts as of the dates shown; accessed [date].</p></blockquote>\n\n"
        "When you use a figure, cite the original source listed next to it as well."
    )
    first = min(content.facts.values(), key=lambda f: f.id, default=None)
    return b.finish(first.origin.path if first else page.origin.path)


@dataclass(frozen=True)
class GeneratedPage:
    """How one kind of generated page is rendered."""

    render: Callable[[Page, Content, Surroundings], RenderedPage]
    after_others: bool = False
    """Rendered once every other page is, from what they cite (the sources page)."""


GENERATED_PAGES: Mapping[PageKind, GeneratedPage] = {
    PageKind.SOURCES: GeneratedPage(render_sources_page, after_others=True),
    PageKind.TIMELINE: GeneratedPage(render_timeline_page),
    PageKind.GLOSSARY: GeneratedPage(render_glossary_page),
    PageKind.DATA: GeneratedPage(render_data_page),
}
"""Every kind of generated page (`generated:` in pages.yml) and its renderer."""


def render_site(content: Content, site: SiteInfo | None = None, memo: PageMemo | None = None) -> list[RenderedPage]:
    """Every page of the site, in navigation order.

    Given a `memo` (`pagememo`), a section page whose inputs are those of the
    last render is not rendered again; the result is the same.
    """
    site = site or SiteInfo.create()
    rendered: dict[str, RenderedPage] = {}
    for after_others in (False, True):
        around = Surroundings(site, tuple(rendered.values()))
        for page in content.pages:
            if page.generated is None:
                if after_others:
                    continue
                if memo is not None:
                    rendered[page.id] = memo.render(page, content, site, render_sections)
                else:
                    rendered[page.id] = render_sections(page, content, site)
                continue
            generator = GENERATED_PAGES[page.generated]
            if generator.after_others == after_others:
                rendered[page.id] = generator.render(page, content, around)
    if memo is not None:
        memo.prune()
    return [rendered[p.id] for p in content.pages]


def page_inputs(rendered: RenderedPage, content: Content) -> frozenset[str]:
    """The content files a rendered page was made from (project-relative paths)."""
    page = rendered.page
    paths = {page.origin.path, rendered.edit_path}
    paths.update(content.sections[s].origin.path for s in page.sections)
    paths.update(content.facts[f].origin.path for f in rendered.fact_ids)
    paths.update(content.sources[s].origin.path for s in rendered.source_ids)
    if page.generated == "timeline" or page.key_dates:
        paths.update(e.origin.path for e in content.timeline)
    return frozenset(paths)
