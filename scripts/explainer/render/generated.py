"""Generated pages (`generated:` in pages.yml): sources, timeline, glossary, data and changes.

`GENERATED_PAGES` is the one table from a page kind to its renderer: a new kind is a renderer here
and an entry there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from explainer.changelog import Entry, Item
from explainer.kinds import format_value
from explainer.language.locale import ORIGINAL, format_date, label, publisher, typography
from explainer.language.strings import plural, strings
from explainer.load.evidence import excerpt
from explainer.model import Content, Fact, Page, PageKind, PartialDate, Source
from explainer.render.changes import entry_title
from explainer.render.derivation import derivation_text
from explainer.render.facts import earlier_value, excerpts_html, value_then
from explainer.render.glossing import term_forms
from explainer.render.html import Marked, escape, fill, quoted_words, say, time_tag
from explainer.render.parts import (
    PageBuilder,
    RenderedPage,
    original_href,
    page_description,
    source_entry,
    timeline_items,
)
from explainer.site import LICENCES, SiteInfo


@dataclass(frozen=True)
class Surroundings:
    """What a generated page may draw on besides the content."""

    site: SiteInfo
    others: Sequence[RenderedPage] = ()
    dated: bool = True
    """The site was given (not defaults): pages may say when they were updated and how to cite them."""
    """The pages rendered before it (for a page rendered after the others: all of them)."""
    lang: str = field(kw_only=True)
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
    b = PageBuilder(page, content, None, lang)
    lines = [*b.heading(), ""]
    description = page_description(page, lang)
    if description:
        lines += [say(description, lang), ""]
    for source in sorted(content.sources.values(), key=lambda s: (publisher(s, lang).lower(), s.title.lower())):
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
                f'    - <span class="source-excerpt">{quoted_words(text, source.language, lang)}</span>'
                f" ({say(what, lang)})"
                for what, text in quotes
            ]
            lines.append("")
    edit_path = next(iter(content.sources.values())).origin.path if content.sources else page.origin.path
    return RenderedPage(page, "\n".join(lines).rstrip() + "\n", edit_path, (), (), lang)


def source_record(source: Source, lang: str) -> str:
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
    b = PageBuilder(page, content, None, lang)
    lines = [*b.heading(), "", say(page_description(page, lang) or words.changes_intro, lang), ""]
    if not changes.available:
        reason = fill(words.changes_unavailable, lang, reason=changes.reason)
        lines += [f'<p class="changes-unavailable" role="note">{reason}</p>', ""]
    elif not any(not e.first for e in changes.logged):
        lines += [say(words.no_changes, lang), ""]
    for entry in changes.logged if changes.available else ():
        kind = words.correction if entry.is_correction else words.update
        css = "changes__entry changes__entry--correction" if entry.is_correction else "changes__entry"
        heading = say(entry_title(entry, content, lang), lang)
        lines += [f"## {heading} {{ #{entry.anchor} .{css.replace(' ', ' .')} }}", ""]
        date = time_tag(PartialDate.parse(entry.date.isoformat()), lang)
        lines += [f'<p class="changes__meta">{date} · <strong>{say(kind, lang)}</strong></p>', ""]
        lines += entry_lines(entry, content, page, lang)
        commit = say(words.commit.format(commit=entry.commit[:10]), lang)
        lines += ["", f'<p class="changes__commit">{commit}</p>', ""]
    edit_path = page.origin.path
    return RenderedPage(page, "\n".join(lines).rstrip() + "\n", edit_path, (), (), lang)


def _shown_reason(entry: Entry) -> str | None:
    """The reason shown under an entry's title: its commit's (a trailer), or else its one fact reason.

    A fact's own reason that differs from it is shown beside that fact's change instead, so each
    reason is shown once."""
    if entry.correction:
        return entry.correction
    reasons = {v.correction for v in entry.values if v.correction}
    return reasons.pop() if len(reasons) == 1 else None


def _reason(reason: str, entry: Entry, page: Page, lang: str) -> str:
    """A correction's reason in `lang`; where history holds it only in the original, a link to it there."""
    if lang != ORIGINAL:
        translated = entry.correction_translations.get(lang) if reason == entry.correction else None
        if translated is None:
            words = strings(lang)
            href = f"{original_href(page, lang)}#{entry.anchor}"
            link = f'<a href="{href}" hreflang="{ORIGINAL}">{say(words.stale_link, lang)}</a>'
            return f"{say(words.reason_untranslated, lang)} {link}"
        reason = translated
    return escape(reason if reason.endswith((".", "!", "?")) else reason + ".")


def _removed_label(item: Item, lang: str) -> str:
    """A removed fact's label in `lang` when it had one, else in the original (marked so)."""
    if item.fact is not None and (lang == ORIGINAL or lang in item.fact.translations):
        return say(label(item.fact, lang), lang)
    return _original(item.label, lang)


def _original(text: str, lang: str) -> str:
    """Words history holds only in the original language, escaped, and marked as such on another edition."""
    if lang == ORIGINAL:
        return escape(text)
    return f'<span lang="{ORIGINAL}">{escape(text)}</span>'


def entry_lines(entry: Entry, content: Content, page: Page, lang: str) -> list[str]:
    """What the changes page (`page`) shows of an entry under its heading and date, as Markdown lines:
    its reason, once, then what it changed (the feed shows the same)."""
    words = strings(lang)
    lines = []
    shown = _shown_reason(entry)
    if shown:
        why = _reason(shown, entry, page, lang)
        lines += [f'<p class="changes__reason"><strong>{say(words.reason, lang)}</strong> {why}</p>', ""]
    return lines + [f"- {item}" for item in _entry_items(entry, content, lang, shown, page)]


def _entry_items(entry: Entry, content: Content, lang: str, shown_reason: str | None, page: Page) -> list[str]:
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
        if old == new:  # the earlier wording exists only in the original: no value to show in `lang`
            text = line(words.value_reworded, fact(v.fact_id, v.label))
        else:
            text = line(words.value_changed, fact(v.fact_id, v.label), old=old, new=new)
        if v.correction and v.correction != shown_reason:
            corrected = say(words.corrected.format(reason="\0"), lang).replace(
                "\0", _reason(v.correction, entry, page, lang)
            )
            text += f" ({corrected})"
        items.append(text)
    items += [
        line(words.fact_added, fact(i.id, i.label), value=value_then(i.fact, i.detail, lang, content.facts.get(i.id)))
        for i in entry.facts_added
    ]
    items += [
        line(words.fact_removed, _removed_label(i, lang), value=value_then(i.fact, i.detail, lang))
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
    b = PageBuilder(page, content, around.site if around.dated else None, around.lang)
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
    b = PageBuilder(page, content, around.site if around.dated else None, lang)
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
        said = excerpts_html(term.evidence, b.citations, "glossary__excerpt", content.sources)
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
    b = PageBuilder(page, content, site if around.dated else None, lang)
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
        said = excerpts_html(fact.evidence, b.citations, "data-excerpt", content.sources).strip()
        if fact.formula is not None:  # a derived fact: how it was computed, from which facts
            marked = Marked(lang)
            derivation = derivation_text(fact, content.facts, content.sources, lang, marked)
            said = f'<span class="data-formula">{marked.html(derivation)}</span>'
        anchor = f"fact-{escape(fact.id)}"
        marked = Marked(lang)
        was = earlier_value(fact, b.citations.changes, lang, marked)
        if was:
            value += f' <span class="data-was">{marked.html(was)}</span>'
        rows.append(
            f"| {b.say(label(fact, lang))} | {value} | {said} | {time_tag(fact.as_of, lang)} "
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
