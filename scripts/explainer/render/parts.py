"""The parts of a page, and the builder that puts them together.

The heading (marked as the original while a page is untranslated), the "Facts as of" and "Updated
on" lines, key figures and key dates, the numbered source list and the "Cite this" block;
`PageBuilder` assembles them into a `RenderedPage`, with each glossary term explained at its first
use (`glossing`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from explainer.changelog import Entry
from explainer.diagnostics import Diagnostic
from explainer.language.locale import (
    ORIGINAL,
    format_as_of,
    format_date,
    label,
    publisher,
    source_note,
    typography,
)
from explainer.language.strings import strings
from explainer.model import Content, Page, PageKind, PartialDate, Section, Source, TimelineEntry
from explainer.render.changes import entry_title
from explainer.render.citation import Citation, cite_page, human
from explainer.render.facts import Citations, excerpts_html, render_fact
from explainer.render.glossing import Glossing
from explainer.render.html import Marked, escape, fill, say, time_tag
from explainer.site import SiteInfo


@dataclass(frozen=True)
class RenderedPage:
    page: Page
    markdown: str
    edit_path: str
    """Project-relative path of the file an editor changes for this page."""
    source_ids: tuple[str, ...]
    fact_ids: tuple[str, ...]
    lang: str
    """The language the page is written in."""
    section_paths: tuple[str, ...] = ()
    """The section files the page shows (translations included), project-relative."""
    updated: dt.date | None = None
    """The date of the page's last content change, from history (None: unknown)."""
    citation: Citation | None = None
    """How to cite the page, when it has a "Cite this" block (written as BibTeX and CSL-JSON too)."""
    problems: tuple[Diagnostic, ...] = ()
    """Reference syntax that would reach the page raw (`pages.leftover_markers`): errors, never published."""

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


def _dated(templates: tuple[str, str, str], date: PartialDate, lang: str) -> str:
    """`published 25 March 2026`, `publié le 25 mars 2026`, `publié en mars 2026`: by the date's precision."""
    template = templates[2] if date.month is None else templates[1] if date.day is None else templates[0]
    return template.format(format_date(date, lang))


def source_entry(source: Source, lang: str) -> str:
    """One source as inline HTML: linked title, publisher, dates, and its URL in full for print."""
    words = strings(lang)
    dates = f"{_dated(words.published, source.published, lang)}; {_dated(words.accessed, source.accessed, lang)}."
    marked = Marked(lang)
    title = marked.html(marked.words(source.title, source.language))  # the document's own, in its language
    text = f'<a href="{escape(source.url)}">{title}</a>. {escape(publisher(source, lang))}, {say(dates, lang)}'
    note = source_note(source, lang)
    if note:
        text += f' <span class="source-note">{say(note, lang)}</span>'
    return text + f' <span class="source-url">{escape(source.url)}</span>'


def source_list(content: Content, citations: Citations) -> str:
    lang = citations.lang
    items = [f'<li id="source-{n}">{source_entry(content.sources[s], lang)}</li>' for s, n in citations.numbers.items()]
    heading = say(strings(lang).sources_heading, lang)
    return f"## {heading}\n\n" + '<ol class="source-list">\n' + "\n".join(items) + "\n</ol>"


def key_figures(page: Page, content: Content, citations: Citations) -> str:
    lang = citations.lang
    cards = [
        f'<li class="key-figure">{render_fact(content.facts[f], content, citations)}'
        f'<span class="key-figure__label">{say(label(content.facts[f], lang), lang)}</span></li>'
        for f in page.figures
    ]
    name = say(strings(lang).key_figures, lang)
    return f'<ul class="key-figures" aria-label="{name}">\n' + "\n".join(cards) + "\n</ul>"


def timeline_items(
    entries: Iterable[TimelineEntry], content: Content, citations: Citations, css: str, quotes: bool = False
) -> str:
    """The entries as list items; `quotes` adds each source's excerpt (the timeline page, not the strip)."""
    lang = citations.lang
    entries = list(entries)
    citations.fact_ids.update((e.fact, None) for e in entries if e.fact)
    items = []
    for e in entries:
        cite = citations.cite(e.sources, content)
        said = excerpts_html(e.evidence, citations, f"{css}__excerpt", content.sources) if quotes else ""
        title = e.title if lang == ORIGINAL else e.translations[lang]
        items.append(
            f'<li class="{css}__entry" id="{escape(e.id)}">{time_tag(e.date, lang, opens=True)} '
            f'<span class="{css}__title">{say(title, lang)}</span>{cite}{said}</li>'
        )
    return "\n".join(items)


def key_dates(page: Page, content: Content, citations: Citations) -> str:
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
class PageBuilder:
    page: Page
    content: Content
    site: SiteInfo | None
    """Given: the page says when it was updated and how to cite it."""
    lang: str
    citations: Citations = field(init=False)
    head: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    section_paths: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.citations = Citations(lang=self.lang)
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
            parts.append(f'<p class="facts-as-of">{line.replace(date, time_tag(as_of, self.lang), 1)}</p>')
        updated, citation = None, None
        if self.site is not None:
            changes = self.site.changes
            updated = changes.last_change(self.keys())
            if updated is not None:
                parts.append(updated_line(updated, changes.entries_about(self.keys()), self.content, self.lang))
        if glossary and self.content.glossary:
            names = [o.name for o in self.content.organisations.values()]
            glossing = Glossing(self.content.glossary.values(), self.lang, names)
            parts += [glossing.apply(part) for part in self.head + self.parts]
        else:
            parts += self.head + self.parts
        if self.citations.numbers:
            parts.append(source_list(self.content, self.citations))
        if self.site is not None and cite is not None:
            dataset = self.page.generated is PageKind.DATA
            citation = cite_page(self.page, self.site, updated, dataset=dataset, lang=self.lang)
            parts.append(cite_block(cite, citation, cite_note))
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
            problems=tuple(self.problems),
        )


MAX_LINKED_ENTRIES = 3


def _changes_page(content: Content) -> Page | None:
    return next((p for p in content.pages if p.generated is PageKind.CHANGES), None)


def updated_line(updated: dt.date, entries: Sequence[Entry], content: Content, lang: str) -> str:
    """`Updated on D. What changed: <title> (correction); <title> (D2) (all changes).`

    Each change is named once, by its title (`changes.entry_title`), and linked to its entry in the
    changes log; its date is given when it is not the update's."""
    words = strings(lang)
    text = say(words.updated_on.format(date="\0"), lang).replace(
        "\0", time_tag(PartialDate.parse(updated.isoformat()), lang)
    )
    log = _changes_page(content)
    if log is not None and entries:
        links = []
        for e in entries[:MAX_LINKED_ENTRIES]:
            notes = [words.correction.lower()] if e.is_correction else []
            if e.date != updated:
                notes.append(human(e.date, lang))
            after = f" ({say(words.list_separator.join(notes), lang)})" if notes else ""
            links.append(f"[{say(entry_title(e, content, lang), lang)}]({log.src_uri}#{e.anchor}){after}")
        everything = f"[{say(words.all_changes, lang)}]({log.src_uri})"
        listed = say(words.changes_separator, lang).join(links)
        text += f" {say(words.page_changes, lang)} {listed} ({everything})."
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
