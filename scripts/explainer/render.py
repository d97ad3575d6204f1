"""Content to page Markdown: fact references become values with citations.

Each page is a Markdown string MkDocs renders as usual. A reference becomes
an inline HTML span with the formatted value and a citation number linking
to the page's numbered source list; sources are numbered in order of first
citation on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .formatting import format_value
from .model import Content, Fact, Page, Section, Source

# HTML's special characters, and those Markdown (or one of Material's
# extensions) could act on inside inline HTML, as character references.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
    | {c: f"&#{ord(c)};" for c in "\\`*_{}[]#+!|~^=:"}
)
_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _ESCAPES))) + "]")


def escape(text: str) -> str:
    """Text for HTML (content or attribute) inside Markdown: nothing in it is markup."""
    if _SPECIAL.search(text) is None:  # most ids and values: nothing to replace
        return text
    return text.translate(_ESCAPES)


@dataclass(frozen=True)
class RenderedPage:
    page: Page
    markdown: str
    edit_path: str
    """Project-relative path of the file an editor changes for this page."""
    source_ids: tuple[str, ...]
    fact_ids: tuple[str, ...]


class _Citations:
    """Numbers sources in order of first citation on one page."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.fact_ids: dict[str, None] = {}

    def number(self, source_id: str) -> int:
        return self.numbers.setdefault(source_id, len(self.numbers) + 1)


def render_fact(fact: Fact, sources: dict[str, Source], citations: _Citations) -> str:
    citations.fact_ids[fact.id] = None
    links = ", ".join(
        f'<a href="#source-{n}" title="{escape(sources[s].title)}">{n}</a>'
        for s in fact.sources
        for n in [citations.number(s)]
    )
    return (
        f'<span class="fact" data-fact="{escape(fact.id)}">{escape(format_value(fact))}</span>'
        f'<sup class="fact-cite">[{links}]</sup>'
    )


def render_body(section: Section, content: Content, citations: _Citations) -> str:
    body = section.body
    out: list[str] = []
    pos = 0
    for ref in section.references:
        out.append(body[pos : ref.start])
        out.append(render_fact(content.facts[ref.fact_id], content.sources, citations))
        pos = ref.end
    out.append(body[pos:])
    text = "".join(out)
    if "\\[[" in text:
        text = text.replace("\\[[", "[[")
    return text.strip("\n")


def source_entry(source: Source) -> str:
    """One source as inline HTML: linked title, publisher, dates."""
    parts = [
        f'<a href="{escape(source.url)}">{escape(source.title)}</a>',
        f"{escape(source.publisher)}, published {source.published.human()}; accessed {source.accessed.human()}.",
    ]
    if source.note:
        parts.append(f'<span class="source-note">{escape(source.note)}</span>')
    return ". ".join(parts[:1]) + ". " + " ".join(parts[1:])


def source_list(content: Content, citations: _Citations) -> str:
    items = [f'<li id="source-{n}">{source_entry(content.sources[s])}</li>' for s, n in citations.numbers.items()]
    return '## Sources\n\n<ol class="source-list">\n' + "\n".join(items) + "\n</ol>"


def render_sections(page: Page, content: Content) -> RenderedPage:
    citations = _Citations()
    parts = [f"# {page.title}"]
    for section_id in page.sections:
        section = content.sections[section_id]
        if section.title:
            parts.append(f"## {section.title}")
        parts.append(render_body(section, content, citations))
    if citations.numbers:
        parts.append(source_list(content, citations))
    first = content.sections[page.sections[0]]
    return RenderedPage(
        page,
        "\n\n".join(parts) + "\n",
        first.origin.path,
        tuple(citations.numbers),
        tuple(citations.fact_ids),
    )


def render_sources_page(page: Page, content: Content, cited_by: dict[str, list[Page]]) -> RenderedPage:
    """Every source, what it supports, and the pages that cite it."""
    facts_by_source: dict[str, list[Fact]] = {}
    for fact in content.facts.values():
        for s in fact.sources:
            facts_by_source.setdefault(s, []).append(fact)
    lines = [f"# {page.title}", ""]
    if page.description:
        lines += [page.description, ""]
    for source in sorted(content.sources.values(), key=lambda s: (s.publisher.lower(), s.title.lower())):
        pages = cited_by.get(source.id, [])
        supports = facts_by_source.get(source.id, [])
        where = ", ".join(f"[{escape(p.title)}]({p.src_uri})" for p in pages) or "no page yet"
        count = f"{len(supports)} fact{'s' if len(supports) != 1 else ''}"
        lines.append(f'- <span id="{escape(source.id)}"></span>{source_entry(source)}')
        lines.append("")
        lines.append(f"    Supports {count}; cited on: {where}.")
        lines.append("")
    edit_path = next(iter(content.sources.values())).origin.path if content.sources else page.origin.path
    return RenderedPage(page, "\n".join(lines).rstrip() + "\n", edit_path, (), ())


def render_site(content: Content) -> list[RenderedPage]:
    """Every page of the site, in navigation order."""
    rendered: dict[str, RenderedPage] = {}
    for page in content.pages:
        if not page.generated:
            rendered[page.id] = render_sections(page, content)
    cited_by: dict[str, list[Page]] = {}
    for r in rendered.values():
        for s in r.source_ids:
            cited_by.setdefault(s, []).append(r.page)
    for page in content.pages:
        if page.generated == "sources":
            rendered[page.id] = render_sources_page(page, content, cited_by)
    return [rendered[p.id] for p in content.pages]
