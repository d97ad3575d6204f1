"""Content to page Markdown: fact references become values with citations.

Each page is a Markdown string MkDocs renders as usual. A reference becomes
inline HTML: the formatted value, a tooltip (source titles, as-of date,
confidence) reachable by mouse and keyboard, and a citation number linking to
the page's numbered source list; sources are numbered in order of first
citation on the page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .changelog import ChangeLog, Entry
from .chart_html import chart_figure
from .charts import build_chart, chart_facts
from .citation import Citation, cite_page, human
from .derivation import derivation_text
from .evidence import excerpt
from .formatting import format_value
from .model import (
    Chart,
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
from .site import LICENCES, SiteInfo
from .wording import EN

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
    updated: dt.date | None = None
    """The date of the page's last content change, from history (None: unknown)."""
    citation: Citation | None = None
    """How to cite the page, when it has a "Cite this" block (written as BibTeX and CSL-JSON too)."""


@dataclass
class _Citations:
    """Numbers sources in order of first citation on one page; counts tooltips."""

    numbers: dict[str, int] = field(default_factory=dict)
    fact_ids: dict[str, None] = field(default_factory=dict)
    tips: int = 0
    changes: ChangeLog = field(default_factory=ChangeLog.unavailable)
    """The content's history, for "was X until DATE"."""

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


def earlier_value(fact: Fact, changes: ChangeLog) -> str:
    """`Was €1.0 billion until 12 May 2026.` (and why, for a correction) when the value changed, else ``."""
    found = changes.previous_value(fact.id)
    if found is None:
        return ""
    change, entry = found
    text = EN.was_until.format(old=change.old, date=human(entry.date))
    reason = change.correction or entry.correction
    return text + (" " + EN.corrected.format(reason=reason) if reason else "")


def tooltip_text(
    fact: Fact, sources: dict[str, Source], changes: ChangeLog | None = None, facts: Mapping[str, Fact] | None = None
) -> str:
    """What the tooltip says: where the value comes from, in the source's words, how old it is, how sure.

    A derived fact says how it was computed and where each input comes from."""
    if fact.formula is not None and facts is not None:
        parts = [derivation_text(fact, facts, sources), f"As of {fact.as_of.human()}."]
        return " ".join(parts + ([fact.note] if fact.note else []))
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
    if changes is not None and (was := earlier_value(fact, changes)):
        parts.append(was)
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
    tip = escape(tooltip_text(fact, content.sources, citations.changes, content.facts))
    return (
        f'<span class="{classes}" data-fact="{escape(fact.id)}">'
        f'<a class="fact__value" href="#source-{first}" aria-describedby="{tip_id}">{escape(format_value(fact))}</a>'
        f'<span class="fact__tip" role="tooltip" id="{tip_id}">{tip}</span>'
        f"</span>{cite}{flag}"
    )


def substitute(
    section: Section, content: Content, show: Callable[[Fact], str], show_chart: Callable[[Chart], str] | None = None
) -> str:
    """The section body with each reference replaced by `show(fact)` (and each chart's by `show_chart(chart)`)."""
    body = section.body
    out: list[str] = []
    pos = 0
    found: list[tuple[int, int, Fact | Chart]] = [
        (r.start, r.end, content.facts[r.fact_id]) for r in section.references
    ]
    if show_chart is not None:
        found += [(c.start, c.end, content.charts[c.chart_id]) for c in section.charts]
        found.sort(key=lambda f: f[0])
    for start, end, item in found:
        out.append(body[pos:start])
        out.append(show(item) if isinstance(item, Fact) else show_chart(item) if show_chart else "")
        pos = end
    out.append(body[pos:])
    return "".join(out)


def render_chart(chart: Chart, content: Content, citations: _Citations) -> str:
    """A chart with its table; its facts count as the page's (as-of date, sources, rebuilds)."""
    view = build_chart(chart, content)
    citations.fact_ids.update((f, None) for f in chart_facts(chart, content))
    return chart_figure(view, lambda sources: citations.cite(sources, content) if sources else "")


def render_body(section: Section, content: Content, citations: _Citations) -> str:
    text = substitute(
        section,
        content,
        lambda fact: render_fact(fact, content, citations),
        lambda chart: render_chart(chart, content, citations),
    )
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
    site: SiteInfo | None = None
    """Given: the page says when it was updated and how to cite it."""
    citations: _Citations = field(default_factory=_Citations)
    head: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.site is not None:
            self.citations.changes = self.site.changes
        # Figures and key dates come first, so their sources are numbered first.
        if self.page.figures:
            self.head.append(key_figures(self.page, self.content, self.citations))
        if self.page.key_dates:
            self.head.append(key_dates(self.page, self.content, self.citations))

    def keys(self) -> set[str]:
        """What this page shows, as history keys (`fact:ID`, `source:ID`, `section:ID`, `page:ID`)."""
        return (
            {f"fact:{f}" for f in self.citations.fact_ids}
            | {f"source:{s}" for s in self.citations.numbers}
            | {f"section:{s}" for s in self.page.sections}
            | {f"page:{self.page.id}"}
        )

    def finish(
        self, edit_path: str, glossary: bool = True, cite: str | None = None, cite_note: str = ""
    ) -> RenderedPage:
        """The page; `cite` titles its "Cite this" block (none when None or no site is given)."""
        facts = [self.content.facts[f] for f in self.citations.fact_ids]
        as_of = max((f.as_of for f in facts), key=lambda d: d.latest(), default=None)
        parts = [f"# {escape(self.page.title)}"]
        if as_of is not None:
            parts.append(f'<p class="facts-as-of">Facts as of {_time(as_of)}.</p>')
        updated, citation = None, None
        if self.site is not None:
            changes = self.site.changes
            updated = changes.last_change(self.keys())
            if updated is not None:
                parts.append(updated_line(updated, changes.entries_about(self.keys()), self.content))
        parts += self.head + self.parts
        if self.citations.numbers:
            parts.append(source_list(self.content, self.citations))
        if self.site is not None and cite is not None:
            citation = cite_page(self.page, self.site, updated, dataset=self.page.generated is PageKind.DATA)
            parts.append(cite_block(cite, citation, cite_note))
        if glossary and self.content.glossary:
            parts.append(glossary_markdown(self.content.glossary))
        return RenderedPage(
            self.page,
            "\n\n".join(parts) + "\n",
            edit_path,
            tuple(self.citations.numbers),
            tuple(self.citations.fact_ids),
            updated,
            citation,
        )


MAX_LINKED_ENTRIES = 5


def _changes_page(content: Content) -> Page | None:
    return next((p for p in content.pages if p.generated is PageKind.CHANGES), None)


def updated_line(updated: dt.date, entries: Sequence[Entry], content: Content) -> str:
    """`Updated on D. What changed: D1, D2 (all changes).` with links into the changes log."""
    text = escape(EN.updated_on.format(date="\0")).replace("\0", _time(PartialDate.parse(updated.isoformat())))
    log = _changes_page(content)
    if log is not None and entries:
        links = []
        for e in entries[:MAX_LINKED_ENTRIES]:
            kind = f" ({EN.correction.lower()})" if e.is_correction else ""
            links.append(f"[{human(e.date)}{escape(kind)}]({log.src_uri}#{e.anchor})")
        text += f" {escape(EN.page_changes)} " + ", ".join(links) + f" ([{escape(EN.all_changes)}]({log.src_uri}))."
    return text + "\n{ .page-updated }"


def cite_block(title: str, citation: Citation, note: str = "") -> str:
    """The "Cite this" section: a short and a full citation (plain, selectable text) and the two files."""
    files = EN.cite_files.format(
        bibtex=f"[BibTeX](cite/{citation.key}.bib)", csl=f"[CSL-JSON](cite/{citation.key}.json)"
    )
    return (
        f"## {escape(title)}\n\n"
        f'<div class="cite-this" data-cite="{escape(citation.key)}" '
        f'data-copy="{escape(EN.copy)}" data-copied="{escape(EN.copied)}">\n'
        f'<p><span class="cite-this__label">{escape(EN.cite_short)}</span> '
        f'<span class="cite-this__text">{escape(citation.short())}</span></p>\n'
        f'<p><span class="cite-this__label">{escape(EN.cite_full)}</span> '
        f'<span class="cite-this__text">{escape(citation.full())}</span></p>\n'
        "</div>\n\n"
        f"{files}\n{{ .cite-this__files }}" + (f"\n\n{escape(note)}" if note else "")
    )


def section_edit_link(section: Section, site: SiteInfo) -> str:
    """A link that opens the section's own file for editing (the page's edit button opens the first)."""
    href = escape(f"{site.edit_url}{section.origin.path}")
    label = escape(f"Edit this section ({section.title})" if section.title else "Edit this section")
    return f'<p class="section-edit"><a href="{href}">{label}</a></p>'


def render_sections(page: Page, content: Content, site: SiteInfo | None = None) -> RenderedPage:
    b = _PageBuilder(page, content, site)
    for i, section_id in enumerate(page.sections):
        section = content.sections[section_id]
        if section.title:
            b.parts.append(f"## {escape(section.title)}")
        if site is not None and site.edit_url and i > 0:
            b.parts.append(section_edit_link(section, site))
        b.parts.append(render_body(section, content, b.citations))
    return b.finish(content.sections[page.sections[0]].origin.path, cite=EN.cite_title)


@dataclass(frozen=True)
class Surroundings:
    """What a generated page may draw on besides the content."""

    site: SiteInfo
    others: Sequence[RenderedPage] = ()
    dated: bool = True
    """The site was given (not defaults): pages may say when they were updated and how to cite them."""
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
        lines.append(f'- <span id="{escape(source.id)}"></span>{source_entry(source)}{source_record(source)}')
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


def source_record(source: Source) -> str:
    """What the sources page adds to a source: its licence, language and archived copy, when recorded."""
    parts = []
    if source.licence:
        lic = LICENCES[source.licence]
        name = f'<a href="{escape(lic.url)}">{escape(lic.name)}</a>' if lic.url else escape(lic.name)
        parts.append(f"{escape(EN.licence)} {name}.")
    if source.language:
        parts.append(f"{escape(EN.language)} <code>{escape(source.language)}</code>.")
    if source.archived:
        label = escape(EN.archived.format(date=source.archived.date.human()))
        parts.append(f'<a class="source-archived" href="{escape(source.archived.url)}">{label}</a>.')
    return f' <span class="source-record">{" ".join(parts)}</span>' if parts else ""


def render_changes_page(page: Page, content: Content, around: Surroundings) -> RenderedPage:
    """The changes and corrections log, newest first, or why it is unavailable (never an empty log)."""
    changes = around.site.changes
    lines = [f"# {escape(page.title)}", "", escape(page.description or EN.changes_intro), ""]
    if not changes.available:
        reason = EN.changes_unavailable.format(reason=changes.reason)
        lines += [f'<p class="changes-unavailable" role="note">{escape(reason)}</p>', ""]
    elif not any(not e.first for e in changes.logged):
        lines += [escape(EN.no_changes), ""]
    for entry in changes.logged if changes.available else ():
        kind = EN.correction if entry.is_correction else EN.update
        css = "changes__entry changes__entry--correction" if entry.is_correction else "changes__entry"
        lines += [f"## {human(entry.date)}: {escape(kind)} {{ #{entry.anchor} .{css.replace(' ', ' .')} }}", ""]
        if entry.reasons:
            why = " ".join(r if r.endswith((".", "!", "?")) else r + "." for r in entry.reasons)
            lines += [f'<p class="changes__reason"><strong>{escape(EN.reason)}</strong> {escape(why)}</p>', ""]
        lines += [f"- {item}" for item in _entry_items(entry, content)]
        lines += ["", f'<p class="changes__commit">{escape(EN.commit.format(commit=entry.commit[:10]))}</p>', ""]
    edit_path = page.origin.path
    return RenderedPage(page, "\n".join(lines).rstrip() + "\n", edit_path, (), ())


def _entry_items(entry: Entry, content: Content) -> list[str]:
    if entry.first:
        return [escape(EN.first_published.format(facts=len(entry.facts_added), sources=len(entry.sources_added)))]
    data = next((p for p in content.pages if p.generated is PageKind.DATA), None)

    def fact(fact_id: str, label: str) -> str:
        if data is not None and fact_id in content.facts:
            return f"[{escape(label)}]({data.src_uri}#fact-{fact_id})"
        return escape(label)

    items = []
    for v in entry.values:
        text = EN.value_changed.format(label="\0", old=v.old, new=v.new)
        line = escape(text).replace("\0", fact(v.fact_id, v.label), 1)
        if v.correction and v.correction not in (entry.correction,):
            line += f" ({escape(EN.corrected.format(reason=v.correction))})"
        items.append(line)
    items += [
        escape(EN.fact_added.format(label="\0", value=i.detail)).replace("\0", fact(i.id, i.label), 1)
        for i in entry.facts_added
    ]
    items += [escape(EN.fact_removed.format(label=i.label, value=i.detail)) for i in entry.facts_removed]
    items += [
        escape(EN.fact_renamed.format(label="\0", old=r.old_id, new=r.new_id)).replace("\0", fact(r.new_id, r.label), 1)
        for r in entry.facts_renamed
    ]
    items += [
        escape(EN.fact_revised.format(label="\0", fields=", ".join(r.fields))).replace("\0", fact(r.id, r.label), 1)
        for r in entry.facts_revised
    ]
    items += [escape(EN.source_added.format(title=i.label, publisher=i.detail)) for i in entry.sources_added]
    items += [escape(EN.source_removed.format(title=i.label, publisher=i.detail)) for i in entry.sources_removed]
    items += [
        escape(EN.source_revised.format(title=r.label, fields=", ".join(r.fields))) for r in entry.sources_revised
    ]
    return items


def render_timeline_page(page: Page, content: Content, around: Surroundings) -> RenderedPage:
    b = _PageBuilder(page, content, around.site if around.dated else None)
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
    b = _PageBuilder(page, content, around.site if around.dated else None)
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
    b = _PageBuilder(page, content, site if around.dated else None)
    if page.description:
        b.parts.append(escape(page.description))
    b.parts.append(
        "Download every fact with its sources: [facts.json](data/facts.json) or [facts.csv](data/facts.csv). "
        f"Both list the same facts in the same order (by id). The data is published under {escape(site.licence.name)}; "
        "each figure also belongs to the source it cites. [datapackage.json](data/datapackage.json) describes "
        "facts.csv as a Frictionless Data Package (every column typed and documented, the sources, the licences). "
        "Each row can be linked: its address ends in `#fact-` and the fact's id."
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
        if fact.formula is not None:  # a derived fact: how it was computed, from which facts
            said = f'<span class="data-formula">{escape(derivation_text(fact, content.facts, content.sources))}</span>'
        anchor = f"fact-{escape(fact.id)}"
        was = earlier_value(fact, b.citations.changes)
        if was:
            value += f' <span class="data-was">{escape(was)}</span>'
        rows.append(
            f"| {escape(fact.label)} | {value} | {said} | {_time(fact.as_of)} "
            f'| <a class="data-anchor" id="{anchor}" href="#{anchor}"><code>{escape(fact.id)}</code></a> |'
        )
    b.parts.append("## All facts\n\n" + "\n".join(rows))
    if not around.dated:
        b.parts.append(escape(EN.cite_figure))
    first = min(content.facts.values(), key=lambda f: f.id, default=None)
    return b.finish(
        first.origin.path if first else page.origin.path, cite=EN.cite_dataset_title, cite_note=EN.cite_figure
    )


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
    PageKind.CHANGES: GeneratedPage(render_changes_page),
}
"""Every kind of generated page (`generated:` in pages.yml) and its renderer."""


def render_site(content: Content, site: SiteInfo | None = None, memo: PageMemo | None = None) -> list[RenderedPage]:
    """Every page of the site, in navigation order.

    Given a `memo` (`pagememo`), a section page whose inputs are those of the
    last render is not rendered again; the result is the same.
    """
    given = site
    site = site or SiteInfo.create()
    rendered: dict[str, RenderedPage] = {}
    for after_others in (False, True):
        around = Surroundings(site, tuple(rendered.values()), dated=given is not None)
        for page in content.pages:
            if page.generated is None:
                if after_others:
                    continue
                if memo is not None:
                    rendered[page.id] = memo.render(page, content, given, render_sections)
                else:
                    rendered[page.id] = render_sections(page, content, given)
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
    charts = [content.charts[c.chart_id] for s in page.sections for c in content.sections[s].charts]
    paths.update(c.origin.path for c in charts)
    if page.generated == "timeline" or page.key_dates or any(c.kind == "strip" for c in charts):
        paths.update(e.origin.path for e in content.timeline)
    return frozenset(paths)
