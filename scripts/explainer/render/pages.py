"""Content to page Markdown: fact references become values with citations.

Each page is a Markdown string MkDocs renders as usual. A reference becomes
inline HTML: the formatted value, a tooltip (source titles, as-of date,
confidence) reachable by mouse and keyboard, and a citation number linking to
the page's numbered source list; sources are numbered in order of first
citation on the page.

Every page renders in one language (`render_site(..., lang="fr")`): values
through the locale layer, interface words from `strings.py`, prose from the
section's translation with that language's typography. A section not yet
translated is shown in the original inside `lang="en"` with a short note; a
translation whose original changed since says so and links to the original.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from explainer.changelog import ChangeLog, Entry
from explainer.kinds import format_value
from explainer.language.locale import ORIGINAL, MissingTranslation, format_as_of, format_date, label, note
from explainer.language.strings import plural, strings
from explainer.load.evidence import excerpt
from explainer.model import (
    Chart,
    ChartReference,
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
from explainer.render.chart_html import chart_figure
from explainer.render.charts import build_chart, chart_facts
from explainer.render.citation import Citation, cite_page, human
from explainer.render.derivation import derivation_text
from explainer.render.pagememo import page_charts, page_entries
from explainer.site import LICENCES, SiteInfo
from explainer.text import references as refs
from explainer.text.typography import typography

if TYPE_CHECKING:
    from explainer.render.pagememo import PageMemo

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


def say(text: str, lang: str) -> str:
    """Interface or content text for a page in `lang`, escaped: the language's typography, then HTML escapes."""
    return escape(typography(text, lang))


def fill(template: str, lang: str, **values: str | int) -> str:
    """An interface template with the language's typography, its placeholders filled with escaped values.

    The template's own words are trusted text and stay as written (`:` and `;` included)."""
    return typography(template, lang).format(**{k: escape(str(v)) for k, v in values.items()})


@dataclass(frozen=True)
class RenderedPage:
    page: Page
    markdown: str
    edit_path: str
    """Project-relative path of the file an editor changes for this page."""
    source_ids: tuple[str, ...]
    fact_ids: tuple[str, ...]
    lang: str = ORIGINAL
    """The language the page is written in."""
    section_paths: tuple[str, ...] = ()
    """The section files the page shows (translations included), project-relative."""
    updated: dt.date | None = None
    """The date of the page's last content change, from history (None: unknown)."""
    citation: Citation | None = None
    """How to cite the page, when it has a "Cite this" block (written as BibTeX and CSL-JSON too)."""

    @property
    def title(self) -> str:
        """The page's title in its language (the original's while the page has no translation)."""
        forms = self.page.translations.get(self.lang)
        return self.page.title if forms is None else forms.title

    @property
    def nav_title(self) -> str:
        """The page's name in the navigation, in its language."""
        forms = self.page.translations.get(self.lang)
        if forms is None:
            return self.page.nav_title or self.page.title
        return forms.nav_title or forms.title

    @property
    def description(self) -> str | None:
        """The page's summary from pages.yml in its language (None when it has none)."""
        forms = self.page.translations.get(self.lang)
        return self.page.description if forms is None else forms.description

    @property
    def translated(self) -> bool:
        """Whether the page's own words (title, description) are in its language."""
        return self.lang == ORIGINAL or self.lang in self.page.translations


@dataclass
class _Citations:
    """Numbers sources in order of first citation on one page; counts tooltips."""

    numbers: dict[str, int] = field(default_factory=dict)
    fact_ids: dict[str, None] = field(default_factory=dict)
    tips: int = 0
    changes: ChangeLog = field(default_factory=ChangeLog.unavailable)
    """The content's history, for "was X until DATE"."""
    lang: str = ORIGINAL
    """The language of the page (or of the part being rendered: an untranslated section is in the original)."""

    def cite(self, source_ids: Sequence[str], content: Content) -> str:
        for s in source_ids:  # new sources get the next numbers, in the order cited
            self.numbers.setdefault(s, len(self.numbers) + 1)
        cited = sorted({(self.numbers[s], s) for s in source_ids})
        words = strings(self.lang)
        links = ", ".join(
            f'<a href="#source-{n}" aria-label="'
            f'{fill(words.source_label, self.lang, number=n, title=content.sources[s].title)}">{n}</a>'
            for n, s in cited
        )
        return f'<sup class="fact-cite">[{links}]</sup>'


def quoted(text: str, lang: str = ORIGINAL) -> str:
    """An excerpt as the page shows it: in the language's quotation marks."""
    return strings(lang).quote.format(text=text)


def earlier_value(fact: Fact, changes: ChangeLog, lang: str = ORIGINAL) -> str:
    """`Was €1.0 billion until 12 May 2026.` (and why, for a correction) when the value changed, else ``."""
    found = changes.previous_value(fact.id)
    if found is None:
        return ""
    change, entry = found
    words = strings(lang)
    old = value_then(change.before, change.old, lang, fact)
    text = words.was_until.format(old=old, date=human(entry.date, lang))
    reason = change.correction or entry.correction
    return text + (" " + words.corrected.format(reason=reason) if reason else "")


def value_then(then: Fact | None, as_shown: str, lang: str, now: Fact | None = None) -> str:
    """A past value (`then`, the fact in an older commit) written in `lang`.

    History records the value as the original's pages showed it (`as_shown`). In another language,
    the old fact is formatted again, with its words in that language (or, when the old commit had no
    translation yet, today's words); the original's text when that cannot be done.
    """
    if lang == ORIGINAL or then is None:
        return as_shown
    forms = then.translations.get(lang) or (now.translations.get(lang) if now is not None else None)
    if forms is not None and lang not in then.translations:
        then = replace(then, translations={**then.translations, lang: forms})
    try:
        return format_value(then, lang)
    except MissingTranslation:
        return as_shown


def tooltip_text(
    fact: Fact,
    sources: dict[str, Source],
    lang: str = ORIGINAL,
    changes: ChangeLog | None = None,
    facts: Mapping[str, Fact] | None = None,
) -> str:
    """What the tooltip says: where the value comes from, in the source's words, how old it is, how sure.

    A derived fact (given `facts`) says how it was computed and where each input comes from."""
    words = strings(lang)
    if fact.formula is not None and facts is not None:
        as_of = words.tip_as_of.format(as_of=format_as_of(fact.as_of, lang))
        parts = [derivation_text(fact, facts, sources, lang), as_of[:1].upper() + as_of[1:]]
        fact_note = note(fact, lang)
        return " ".join(parts + ([fact_note] if fact_note else []))
    cited = [sources[s] for s in fact.sources]
    named = "; ".join(
        words.tip_source_named.format(publisher=s.publisher, title=s.title)
        + (words.tip_says.format(quote=quoted(e, lang)) if (e := excerpt(fact.evidence, s.id)) else "")
        for s in cited
    )
    close = quoted("", lang).rstrip()[-1]
    ends_sentence = named.rstrip(f" \u00a0{close}").endswith((".", "!", "?")) and named.endswith(close)
    end = "" if ends_sentence else "."  # a quotation that ends a sentence ends this one
    if len(cited) == 1:
        parts = [words.tip_one_source.format(named=named, end=end)]
    else:
        parts = [words.tip_sources.format(count=len(cited), named=named, end=end)]
    as_of = words.tip_as_of.format(as_of=format_as_of(fact.as_of, lang))
    parts.append(as_of[:1].upper() + as_of[1:])
    if fact.confidence is Confidence.SINGLE_SOURCE:
        parts.append(words.single_source)
    elif fact.confidence is Confidence.DISPUTED:
        parts.append(words.sources_disagree)
    fact_note = note(fact, lang)
    if fact_note:
        parts.append(fact_note)
    if changes is not None and (was := earlier_value(fact, changes, lang)):
        parts.append(was)
    return " ".join(parts)


def render_fact(fact: Fact, content: Content, citations: _Citations) -> str:
    """The value as a link to its (first) source, a tooltip it describes itself with, citations."""
    lang = citations.lang
    citations.fact_ids[fact.id] = None
    citations.tips += 1
    tip_id = f"fact-tip-{citations.tips}"
    cite = citations.cite(fact.sources, content)
    first = citations.numbers[fact.sources[0]]
    flagged = fact.confidence in (Confidence.SINGLE_SOURCE, Confidence.DISPUTED)
    classes = "fact" + (f" fact--{fact.confidence}" if flagged else "")
    flag = (
        f' <span class="fact-flag">{say(strings(lang).disputed_flag, lang)}</span>'
        if fact.confidence is Confidence.DISPUTED
        else ""
    )
    return (
        f'<span class="{classes}" data-fact="{escape(fact.id)}">'
        f'<a class="fact__value" href="#source-{first}" aria-describedby="{tip_id}">'
        f"{escape(format_value(fact, lang))}</a>"
        f'<span class="fact__tip" role="tooltip" id="{tip_id}">'
        f"{say(tooltip_text(fact, content.sources, lang, citations.changes, content.facts), lang)}</span>"
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


def in_language(section: Section) -> Section:
    """The section with its language's typography applied to the body (references and charts found again)."""
    body = typography(section.body, section.lang)
    if body == section.body:
        return section
    found = refs.scan(body, first_line=section.body_line)
    charts = tuple(
        ChartReference(f.target, f.start, f.end, f.line, f.col) for f in found if f.prefix == "chart" and not f.escaped
    )
    return replace(section, body=body, references=refs.references(found), charts=charts)


def render_chart(chart: Chart, content: Content, citations: _Citations) -> str:
    """A chart with its table, in the citations' language; its facts count as the page's (as-of date, sources,
    rebuilds)."""
    view = build_chart(chart, content, citations.lang)
    citations.fact_ids.update((f, None) for f in chart_facts(chart, content))
    return chart_figure(view, lambda sources: citations.cite(sources, content) if sources else "", citations.lang)


def render_body(section: Section, content: Content, citations: _Citations) -> str:
    section = in_language(section)
    text = substitute(
        section,
        content,
        lambda fact: render_fact(fact, content, citations),
        lambda chart: render_chart(chart, content, citations),
    )
    if "\\[[" in text:
        text = text.replace("\\[[", "[[")
    return text.strip("\n")


def _dated(templates: tuple[str, str, str], date: PartialDate, lang: str) -> str:
    """`published 25 March 2026`, `publié le 25 mars 2026`, `publié en mars 2026`: by the date's precision."""
    template = templates[2] if date.month is None else templates[1] if date.day is None else templates[0]
    return template.format(format_date(date, lang))


def source_entry(source: Source, lang: str = ORIGINAL) -> str:
    """One source as inline HTML: linked title, publisher, dates, and its URL in full for print."""
    words = strings(lang)
    dates = f"{_dated(words.published, source.published, lang)}; {_dated(words.accessed, source.accessed, lang)}."
    text = f'<a href="{escape(source.url)}">{escape(source.title)}</a>. {escape(source.publisher)}, {say(dates, lang)}'
    if source.note:
        text += f' <span class="source-note">{escape(source.note)}</span>'
    return text + f' <span class="source-url">{escape(source.url)}</span>'


def source_list(content: Content, citations: _Citations) -> str:
    lang = citations.lang
    items = [f'<li id="source-{n}">{source_entry(content.sources[s], lang)}</li>' for s, n in citations.numbers.items()]
    heading = say(strings(lang).sources_heading, lang)
    return f"## {heading}\n\n" + '<ol class="source-list">\n' + "\n".join(items) + "\n</ol>"


def _time(date: PartialDate, lang: str = ORIGINAL) -> str:
    return f'<time datetime="{date.iso()}">{format_date(date, lang)}</time>'


def key_figures(page: Page, content: Content, citations: _Citations) -> str:
    lang = citations.lang
    cards = [
        f'<li class="key-figure">{render_fact(content.facts[f], content, citations)}'
        f'<span class="key-figure__label">{say(label(content.facts[f], lang), lang)}</span></li>'
        for f in page.figures
    ]
    name = say(strings(lang).key_figures, lang)
    return f'<ul class="key-figures" aria-label="{name}">\n' + "\n".join(cards) + "\n</ul>"


def excerpts_html(evidence: Evidence, citations: _Citations, css: str) -> str:
    """Each excerpt in quotation marks with the number of its source on the page, or nothing."""
    lang = citations.lang
    words = strings(lang)
    return "".join(
        f' <span class="{css}" data-source="{escape(s)}">{say(quoted(text, lang), lang)}'
        f' [<a href="#source-{citations.numbers[s]}" '
        f'aria-label="{say(words.source_number.format(number=citations.numbers[s]), lang)}">'
        f"{citations.numbers[s]}</a>]</span>"
        for s, text in evidence
        if s in citations.numbers
    )


def timeline_items(
    entries: Iterable[TimelineEntry], content: Content, citations: _Citations, css: str, quotes: bool = False
) -> str:
    """The entries as list items; `quotes` adds each source's excerpt (the timeline page, not the strip)."""
    lang = citations.lang
    entries = list(entries)
    citations.fact_ids.update((e.fact, None) for e in entries if e.fact)
    items = []
    for e in entries:
        cite = citations.cite(e.sources, content)
        said = excerpts_html(e.evidence, citations, f"{css}__excerpt") if quotes else ""
        title = e.title if lang == ORIGINAL else e.translations[lang]
        items.append(
            f'<li class="{css}__entry" id="{escape(e.id)}">{_time(e.date, lang)} '
            f'<span class="{css}__title">{say(title, lang)}</span>{cite}{said}</li>'
        )
    return "\n".join(items)


def key_dates(page: Page, content: Content, citations: _Citations) -> str:
    lang = citations.lang
    words = strings(lang)
    wanted = set(page.key_dates)
    entries = [e for e in content.timeline if e.id in wanted]
    strip = (
        f'<nav class="key-dates" aria-label="{say(words.key_dates, lang)}">\n<ol>\n'
        + timeline_items(entries, content, citations, "key-dates")
        + "\n</ol>\n</nav>"
    )
    timeline_page = next((p for p in content.pages if p.generated is PageKind.TIMELINE), None)
    link = f"\n\n[{say(words.full_timeline, lang)}]({timeline_page.src_uri})" if timeline_page else ""
    return strip + link


def term_forms(term: GlossaryTerm, lang: str) -> tuple[str, str, tuple[str, ...]]:
    """(term, definition, aliases) in `lang`."""
    if lang == ORIGINAL:
        return term.term, term.definition, term.aliases
    forms = term.translations[lang]
    return forms.term, forms.definition, forms.aliases


def glossary_markdown(glossary: dict[str, GlossaryTerm], lang: str = ORIGINAL) -> str:
    """Abbreviation definitions: Material shows them wherever the term appears."""
    lines = []
    for term in glossary.values():
        spelled, definition, aliases = term_forms(term, lang)
        definition = typography(" ".join(definition.split()), lang)
        for spelling in (spelled, *aliases):
            lines.append(f"*[{spelling}]: {definition}")
    return "\n".join(lines)


def page_title(page: Page, lang: str) -> str:
    """The page's title in `lang`, or in the original while it has none."""
    forms = page.translations.get(lang)
    return page.title if forms is None else forms.title


def page_description(page: Page, lang: str) -> str | None:
    forms = page.translations.get(lang)
    return page.description if forms is None else forms.description


def original_href(page: Page, lang: str) -> str:
    """The address of `page` in the original language, relative to the page in `lang` (at `/<lang>/<id>/`)."""
    return "../" * (1 if page.id == "index" else 2) + ("" if page.id == "index" else f"{page.id}/")


@dataclass
class _PageBuilder:
    page: Page
    content: Content
    site: SiteInfo | None = None
    """Given: the page says when it was updated and how to cite it."""
    lang: str = ORIGINAL
    citations: _Citations = field(default_factory=_Citations)
    head: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    section_paths: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.citations.lang = self.lang
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

    def say(self, text: str) -> str:
        return say(text, self.lang)

    def description(self) -> None:
        """The page's description from pages.yml as its first paragraph (generated pages)."""
        text = page_description(self.page, self.lang)
        if text:
            self.parts.append(self.say(text))

    def heading(self) -> list[str]:
        """The page's title, marked as the original language (with a note) while the page has no translation."""
        lang = self.lang
        if lang == ORIGINAL or lang in self.page.translations:
            return [f"# {self.say(page_title(self.page, lang))}"]
        note_text = self.say(strings(lang).untranslated_page)
        return [
            f'# {escape(self.page.title)} {{: lang="{ORIGINAL}" }}',
            f'<p class="untranslated-note">{note_text}</p>',
        ]

    def finish(
        self, edit_path: str, glossary: bool = True, cite: str | None = None, cite_note: str = ""
    ) -> RenderedPage:
        """The page; `cite` titles its "Cite this" block (none when None or no site is given)."""
        facts = [self.content.facts[f] for f in self.citations.fact_ids]
        as_of = max((f.as_of for f in facts), key=lambda d: d.latest(), default=None)
        parts = self.heading()
        if as_of is not None:
            phrase = format_as_of(as_of, self.lang)
            line = self.say(strings(self.lang).facts_as_of.format(as_of=phrase))
            date = escape(typography(format_date(as_of, self.lang), self.lang))
            parts.append(f'<p class="facts-as-of">{line.replace(date, _time(as_of, self.lang), 1)}</p>')
        updated, citation = None, None
        if self.site is not None:
            changes = self.site.changes
            updated = changes.last_change(self.keys())
            if updated is not None:
                parts.append(updated_line(updated, changes.entries_about(self.keys()), self.content, self.lang))
        parts += self.head + self.parts
        if self.citations.numbers:
            parts.append(source_list(self.content, self.citations))
        if self.site is not None and cite is not None:
            dataset = self.page.generated is PageKind.DATA
            citation = cite_page(self.page, self.site, updated, dataset=dataset, lang=self.lang)
            parts.append(cite_block(cite, citation, cite_note))
        if glossary and self.content.glossary:
            parts.append(glossary_markdown(self.content.glossary, self.lang))
        return RenderedPage(
            self.page,
            "\n\n".join(parts) + "\n",
            edit_path,
            tuple(self.citations.numbers),
            tuple(self.citations.fact_ids),
            lang=self.lang,
            section_paths=tuple(self.section_paths),
            updated=updated,
            citation=citation,
        )


MAX_LINKED_ENTRIES = 5


def _changes_page(content: Content) -> Page | None:
    return next((p for p in content.pages if p.generated is PageKind.CHANGES), None)


def updated_line(updated: dt.date, entries: Sequence[Entry], content: Content, lang: str = ORIGINAL) -> str:
    """`Updated on D. What changed: D1, D2 (all changes).` with links into the changes log."""
    words = strings(lang)
    text = say(words.updated_on.format(date="\0"), lang).replace(
        "\0", _time(PartialDate.parse(updated.isoformat()), lang)
    )
    log = _changes_page(content)
    if log is not None and entries:
        links = []
        for e in entries[:MAX_LINKED_ENTRIES]:
            kind = f" ({words.correction.lower()})" if e.is_correction else ""
            links.append(f"[{say(human(e.date, lang) + kind, lang)}]({log.src_uri}#{e.anchor})")
        everything = f"[{say(words.all_changes, lang)}]({log.src_uri})"
        text += f" {say(words.page_changes, lang)} " + ", ".join(links) + f" ({everything})."
    return text + "\n{ .page-updated }"


def cite_block(title: str, citation: Citation, note: str = "") -> str:
    """The "Cite this" section: a short and a full citation (plain, selectable text) and the two files,
    in the citation's language."""
    lang = citation.lang
    words = strings(lang)
    files = (
        fill(words.cite_files.format(bibtex="\0", csl="\1"), lang)
        .replace("\0", f"[BibTeX](cite/{citation.key}.bib)")
        .replace("\1", f"[CSL-JSON](cite/{citation.key}.json)")
    )
    return (
        f"## {say(title, lang)}\n\n"
        f'<div class="cite-this" data-cite="{escape(citation.key)}" '
        f'data-copy="{say(words.copy, lang)}" data-copied="{say(words.copied, lang)}">\n'
        f'<p><span class="cite-this__label">{say(words.cite_short, lang)}</span> '
        f'<span class="cite-this__text">{escape(citation.short())}</span></p>\n'
        f'<p><span class="cite-this__label">{say(words.cite_full, lang)}</span> '
        f'<span class="cite-this__text">{escape(citation.full())}</span></p>\n'
        "</div>\n\n"
        f"{files}\n{{ .cite-this__files }}" + (f"\n\n{say(note, lang)}" if note else "")
    )


def section_edit_link(section: Section, site: SiteInfo) -> str:
    """A link that opens the section's own file for editing (the page's edit button opens the first)."""
    lang = section.lang
    words = strings(lang)
    href = escape(f"{site.edit_url}{section.origin.path}")
    text = words.edit_section_titled.format(title=section.title) if section.title else words.edit_section
    return f'<p class="section-edit"><a href="{href}">{say(text, lang)}</a></p>'


def render_sections(page: Page, content: Content, site: SiteInfo | None = None, lang: str = ORIGINAL) -> RenderedPage:
    """A page made of sections, in `lang`; given `site`, with edit links, its update date and "Cite this"."""
    b = _PageBuilder(page, content, site, lang)
    first_path = None
    for i, section_id in enumerate(page.sections):
        original = content.sections[section_id]
        section = original if lang == ORIGINAL else original.translations.get(lang)
        untranslated = section is None
        shown = original if section is None else section
        first_path = first_path or shown.origin.path
        b.section_paths.append(shown.origin.path)
        part: list[str] = []
        if shown.title:
            part.append(f"## {say(shown.title, shown.lang)}")
        if site is not None and site.edit_url and i > 0:
            part.append(section_edit_link(shown, site))
        if shown.stale:
            b.section_paths.append(original.origin.path)
            words = strings(lang)
            part.append(
                f'<p class="translation-stale" role="note">{b.say(words.stale_section)} '
                f'<a href="{original_href(page, lang)}" hreflang="{ORIGINAL}">{b.say(words.stale_link)}</a></p>'
            )
        b.citations.lang = shown.lang
        part.append(render_body(shown, content, b.citations))
        b.citations.lang = lang
        if untranslated:
            note_text = b.say(strings(lang).untranslated_section)
            part = [
                f'<p class="untranslated-note">{note_text}</p>',
                f'<div class="untranslated" lang="{ORIGINAL}" markdown>',
                *part,
                "</div>",
            ]
        b.parts.extend(part)
    assert first_path is not None
    return b.finish(first_path, cite=strings(lang).cite_title)


@dataclass(frozen=True)
class Surroundings:
    """What a generated page may draw on besides the content."""

    site: SiteInfo
    others: Sequence[RenderedPage] = ()
    dated: bool = True
    """The site was given (not defaults): pages may say when they were updated and how to cite them."""
    """The pages rendered before it (for a page rendered after the others: all of them)."""
    lang: str = ORIGINAL
    """The language the page is rendered in."""


def render_sources_page(page: Page, content: Content, around: Surroundings) -> RenderedPage:
    """Every source, what it supports, and the pages that cite it."""
    lang = around.lang
    words = strings(lang)
    cited_by: dict[str, list[RenderedPage]] = {}
    for r in around.others:
        for s in r.source_ids:
            cited_by.setdefault(s, []).append(r)
    facts_by_source: dict[str, list[Fact]] = {}
    for fact in content.facts.values():
        for s in fact.sources:
            facts_by_source.setdefault(s, []).append(fact)
    b = _PageBuilder(page, content, lang=lang)
    lines = [*b.heading(), ""]
    description = page_description(page, lang)
    if description:
        lines += [say(description, lang), ""]
    for source in sorted(content.sources.values(), key=lambda s: (s.publisher.lower(), s.title.lower())):
        pages = cited_by.get(source.id, [])
        supports = facts_by_source.get(source.id, [])
        where = ", ".join(f"[{say(r.title, lang)}]({r.page.src_uri})" for r in pages) or say(words.no_page_yet, lang)
        count = plural(lang, len(supports), words.facts_count)
        entry = source_entry(source, lang) + source_record(source, lang)
        lines.append(f'- <span id="{escape(source.id)}"></span>{entry}')
        lines.append("")
        lines.append("    " + typography(words.supports, lang).format(count=say(count, lang), where=where))
        lines.append("")
        quotes = [(label(f, lang), text) for f in supports if (text := excerpt(f.evidence, source.id))]
        if quotes:
            lines += [
                f'    - <span class="source-excerpt">{say(quoted(text, lang), lang)}</span> ({say(what, lang)})'
                for what, text in quotes
            ]
            lines.append("")
    edit_path = next(iter(content.sources.values())).origin.path if content.sources else page.origin.path
    return RenderedPage(page, "\n".join(lines).rstrip() + "\n", edit_path, (), (), lang)


def source_record(source: Source, lang: str = ORIGINAL) -> str:
    """What the sources page adds to a source: its licence, language and archived copy, when recorded."""
    words = strings(lang)
    parts = []
    if source.licence:
        lic = LICENCES[source.licence]
        name = f'<a href="{escape(lic.url)}">{escape(lic.name)}</a>' if lic.url else escape(lic.name)
        parts.append(f"{say(words.licence, lang)} {name}.")
    if source.language:
        parts.append(f"{say(words.language, lang)} <code>{escape(source.language)}</code>.")
    if source.archived:
        copy = say(words.archived.format(date=format_date(source.archived.date, lang)), lang)
        parts.append(f'<a class="source-archived" href="{escape(source.archived.url)}">{copy}</a>.')
    return f' <span class="source-record">{" ".join(parts)}</span>' if parts else ""


def render_changes_page(page: Page, content: Content, around: Surroundings) -> RenderedPage:
    """The changes and corrections log, newest first, or why it is unavailable (never an empty log).

    In another language than the original, values are formatted in it and facts named by their
    translated labels; what history holds only in the original (reasons, removed facts) is marked so."""
    lang = around.lang
    words = strings(lang)
    changes = around.site.changes
    b = _PageBuilder(page, content, lang=lang)
    lines = [*b.heading(), "", say(page_description(page, lang) or words.changes_intro, lang), ""]
    if not changes.available:
        reason = fill(words.changes_unavailable, lang, reason=changes.reason)
        lines += [f'<p class="changes-unavailable" role="note">{reason}</p>', ""]
    elif not any(not e.first for e in changes.logged):
        lines += [say(words.no_changes, lang), ""]
    for entry in changes.logged if changes.available else ():
        kind = words.correction if entry.is_correction else words.update
        css = "changes__entry changes__entry--correction" if entry.is_correction else "changes__entry"
        heading = say(f"{human(entry.date, lang)}: {kind}", lang)
        lines += [f"## {heading} {{ #{entry.anchor} .{css.replace(' ', ' .')} }}", ""]
        if entry.reasons:
            why = " ".join(r if r.endswith((".", "!", "?")) else r + "." for r in entry.reasons)
            lines += [
                f'<p class="changes__reason"><strong>{say(words.reason, lang)}</strong> {_original(why, lang)}</p>',
                "",
            ]
        lines += [f"- {item}" for item in _entry_items(entry, content, lang)]
        commit = say(words.commit.format(commit=entry.commit[:10]), lang)
        lines += ["", f'<p class="changes__commit">{commit}</p>', ""]
    edit_path = page.origin.path
    return RenderedPage(page, "\n".join(lines).rstrip() + "\n", edit_path, (), (), lang)


def _original(text: str, lang: str) -> str:
    """Words history holds only in the original language, escaped, and marked as such on another edition."""
    if lang == ORIGINAL:
        return escape(text)
    return f'<span lang="{ORIGINAL}">{escape(text)}</span>'


def _entry_items(entry: Entry, content: Content, lang: str = ORIGINAL) -> list[str]:
    words = strings(lang)
    if entry.first:
        facts, sources = len(entry.facts_added), len(entry.sources_added)
        return [say(words.first_published.format(facts=facts, sources=sources), lang)]
    data = next((p for p in content.pages if p.generated is PageKind.DATA), None)

    def fact(fact_id: str, english: str) -> str:
        """The fact's name (its label in `lang` while it exists), linked to its row on the data page."""
        now = content.facts.get(fact_id)
        name = say(label(now, lang), lang) if now is not None else _original(english, lang)
        if data is not None and now is not None:
            return f"[{name}]({data.src_uri}#fact-{fact_id})"
        return name

    def line(template: str, name: str, **values: str) -> str:
        return say(template.format(label="\0", **values), lang).replace("\0", name, 1)

    def fields(names: Sequence[str]) -> str:
        return ", ".join(words.changed_fields.get(n, n) for n in names)

    items = []
    for v in entry.values:
        now = content.facts.get(v.fact_id)
        old = value_then(v.before, v.old, lang, now)
        new = value_then(v.after, v.new, lang, now)
        text = line(words.value_changed, fact(v.fact_id, v.label), old=old, new=new)
        if v.correction and v.correction not in (entry.correction,):
            corrected = say(words.corrected.format(reason="\0"), lang).replace("\0", _original(v.correction, lang))
            text += f" ({corrected})"
        items.append(text)
    items += [
        line(words.fact_added, fact(i.id, i.label), value=value_then(i.fact, i.detail, lang, content.facts.get(i.id)))
        for i in entry.facts_added
    ]
    items += [
        line(words.fact_removed, _original(i.label, lang), value=value_then(i.fact, i.detail, lang))
        for i in entry.facts_removed
    ]
    items += [
        line(words.fact_renamed, fact(r.new_id, r.label), old=r.old_id, new=r.new_id) for r in entry.facts_renamed
    ]
    items += [line(words.fact_revised, fact(r.id, r.label), fields=fields(r.fields)) for r in entry.facts_revised]
    items += [say(words.source_added.format(title=i.label, publisher=i.detail), lang) for i in entry.sources_added]
    items += [say(words.source_removed.format(title=i.label, publisher=i.detail), lang) for i in entry.sources_removed]
    items += [
        say(words.source_revised.format(title=r.label, fields=fields(r.fields)), lang) for r in entry.sources_revised
    ]
    return items


def render_timeline_page(page: Page, content: Content, around: Surroundings) -> RenderedPage:
    b = _PageBuilder(page, content, around.site if around.dated else None, around.lang)
    b.description()
    b.parts.append(
        '<ol class="timeline">\n'
        + timeline_items(content.timeline, content, b.citations, "timeline", quotes=True)
        + "\n</ol>"
    )
    edit_path = content.timeline[0].origin.path if content.timeline else page.origin.path
    return b.finish(edit_path)


def render_glossary_page(page: Page, content: Content, around: Surroundings) -> RenderedPage:
    lang = around.lang
    words = strings(lang)
    b = _PageBuilder(page, content, around.site if around.dated else None, lang)
    b.description()
    items = []
    for term in sorted(content.glossary.values(), key=lambda t: term_forms(t, lang)[0].lower()):
        spelled, definition, aliases = term_forms(term, lang)
        also = (
            f' <span class="glossary__aliases">{fill(words.also, lang, aliases=words.list_separator.join(aliases))}'
            "</span>"
            if aliases
            else ""
        )
        cite = b.citations.cite(term.sources, content) if term.sources else ""
        said = excerpts_html(term.evidence, b.citations, "glossary__excerpt")
        items.append(
            f'<dt id="{escape(term.id)}">{b.say(spelled)}</dt>\n<dd>{b.say(definition)}{cite}{said}{also}</dd>'
        )
    b.parts.append('<dl class="glossary">\n' + "\n".join(items) + "\n</dl>")
    edit_path = next(iter(content.glossary.values())).origin.path if content.glossary else page.origin.path
    return b.finish(edit_path, glossary=False)


def render_data_page(page: Page, content: Content, around: Surroundings) -> RenderedPage:
    site = around.site
    lang = around.lang
    words = strings(lang)
    b = _PageBuilder(page, content, site if around.dated else None, lang)
    b.description()
    downloads = fill(words.data_downloads, lang, licence=site.licence.name)
    b.parts.append(downloads)
    header = " | ".join(b.say(c) for c in words.data_columns)
    rows = [f"| {header} |", "|---|---|---|---|---|"]
    for fact in sorted(content.facts.values(), key=lambda f: f.id):
        # The table shows as-of dates and sources itself: a plain value, no tooltip link.
        b.citations.fact_ids[fact.id] = None
        value = (
            f'<span class="fact" data-fact="{escape(fact.id)}"><span class="fact__value">'
            f"{escape(format_value(fact, lang))}</span></span>{b.citations.cite(fact.sources, content)}"
        )
        said = excerpts_html(fact.evidence, b.citations, "data-excerpt").strip()
        if fact.formula is not None:  # a derived fact: how it was computed, from which facts
            derivation = derivation_text(fact, content.facts, content.sources, lang)
            said = f'<span class="data-formula">{b.say(derivation)}</span>'
        anchor = f"fact-{escape(fact.id)}"
        was = earlier_value(fact, b.citations.changes, lang)
        if was:
            value += f' <span class="data-was">{b.say(was)}</span>'
        rows.append(
            f"| {b.say(label(fact, lang))} | {value} | {said} | {_time(fact.as_of, lang)} "
            f'| <a class="data-anchor" id="{anchor}" href="#{anchor}"><code>{escape(fact.id)}</code></a> |'
        )
    b.parts.append(f"## {b.say(words.all_facts)}\n\n" + "\n".join(rows))
    if not around.dated:
        b.parts.append(b.say(words.cite_original))
    first = min(content.facts.values(), key=lambda f: f.id, default=None)
    return b.finish(
        first.origin.path if first else page.origin.path, cite=words.cite_dataset_title, cite_note=words.cite_original
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


def render_site(
    content: Content, site: SiteInfo | None = None, lang: str = ORIGINAL, memo: PageMemo[RenderedPage] | None = None
) -> list[RenderedPage]:
    """Every page of the site in `lang` (one of `content.languages`), in navigation order.

    Given `site`, pages say when they were updated and how to cite them (without it, the defaults
    would date them by the clock). Given a `memo` (`pagememo`), a section page whose inputs (its
    language included) are those of the last render in `lang` is not rendered again; the result is
    the same.
    """
    if lang not in content.languages:
        raise ValueError(f"the site is not published in '{lang}' (its languages: {', '.join(content.languages)})")
    given = site
    site = site or SiteInfo.create()
    rendered: dict[str, RenderedPage] = {}
    for after_others in (False, True):
        around = Surroundings(site, tuple(rendered.values()), dated=given is not None, lang=lang)
        for page in content.pages:
            if page.generated is None:
                if after_others:
                    continue
                if memo is not None:
                    rendered[page.id] = memo.render(page, content, given, render_sections, lang)
                else:
                    rendered[page.id] = render_sections(page, content, given, lang)
                continue
            generator = GENERATED_PAGES[page.generated]
            if generator.after_others == after_others:
                rendered[page.id] = generator.render(page, content, around)
    if memo is not None:
        memo.prune(lang)
    return [rendered[p.id] for p in content.pages]


def page_inputs(rendered: RenderedPage, content: Content) -> frozenset[str]:
    """The content files a rendered page was made from (project-relative paths)."""
    page = rendered.page
    paths = {page.origin.path, rendered.edit_path, *rendered.section_paths}
    paths.update(content.sections[s].origin.path for s in page.sections)
    paths.update(content.facts[f].origin.path for f in rendered.fact_ids)
    paths.update(content.sources[s].origin.path for s in rendered.source_ids)
    charts = page_charts(page, content)
    paths.update(c.origin.path for c in charts)
    paths.update(e.origin.path for e in page_entries(page, content, charts))
    return frozenset(paths)
