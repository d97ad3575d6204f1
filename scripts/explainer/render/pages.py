"""Content to page Markdown, the whole site in one language: `render_site`, and the pages made of sections.

Each page is a Markdown string MkDocs renders as usual. A reference becomes
inline HTML: the formatted value, a tooltip (source titles, as-of date,
confidence) reachable by mouse and keyboard, and a citation number linking to
the page's numbered source list; sources are numbered in order of first
citation on the page.

Every page renders in one language (`render_site(..., lang="fr")`): values
through the locale layer, interface words from the language file (`language/<code>.toml`), prose from the
section's translation with that language's typography. A section not yet
translated is shown in the original inside `lang="en"` with a short note; a
translation whose original changed since says so and links to the original.

Where the rest is (each imports only those before it): `html` (escapes, typography, `<time>`),
`facts` (a fact reference: value, tooltip, citation number), `parts` (a page's heading, dates,
key figures, source list, "Cite this", and `PageBuilder`), `generated` (the generated page kinds).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explainer.diagnostics import Diagnostic, error
from explainer.language.locale import ORIGINAL
from explainer.language.strings import strings
from explainer.model import Content, OriginalChanges, Page, Section
from explainer.render.facts import in_language, render_body
from explainer.render.generated import GENERATED_PAGES, Surroundings
from explainer.render.html import escape, say
from explainer.render.pagememo import page_charts, page_entries
from explainer.render.parts import PageBuilder, RenderedPage, original_href, section_edit_link
from explainer.site import SiteInfo
from explainer.text import references as refs

if TYPE_CHECKING:
    from explainer.render.pagememo import PageMemo


def render_sections(page: Page, content: Content, site: SiteInfo | None, lang: str) -> RenderedPage:
    """A page made of sections, in `lang`; given `site`, with edit links, its update date and "Cite this"."""
    b = PageBuilder(page, content, site, lang)
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
            part.append(_original_changes(shown.behind, b, lang))
        b.citations.lang = shown.lang
        b.problems += leftover_markers(page, shown, lang)
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


def leftover_markers(page: Page, section: Section, lang: str) -> list[Diagnostic]:
    """The last guard before a page: reference syntax in the section's text as the page in `lang` shows
    it (the language's typography applied) that no reference replaces, each an error naming the page."""
    return [
        error(
            section.origin.path,
            f.line,
            f.col,
            f"page '{page.id}' ({lang}) would show raw reference syntax from section '{section.id}': {f.message}",
        )
        for f in refs.fragments(in_language(section).body, section.body_line)
    ]


def check_markers(content: Content, lang: str) -> list[Diagnostic]:
    """`leftover_markers` for every page made of sections in `lang`, without rendering them (for the check)."""
    found: list[Diagnostic] = []
    for page in content.pages:
        for section_id in page.sections:
            original = content.sections[section_id]
            found += leftover_markers(page, original.translations.get(lang, original), lang)
    return found


MAX_SHOWN_CHANGES = 20
"""How many of the original's changes a stale translation lists on its page (the rest are counted)."""


def _original_changes(behind: OriginalChanges | None, b: PageBuilder, lang: str) -> str:
    """Under a stale translation's notice: the original's words removed and added since it was translated."""
    words = strings(lang)
    if behind is None or behind.since is None:
        return f'<p class="translation-stale__unknown">{b.say(words.stale_unknown)}</p>'

    def marked(template: str, tag: str, text: str) -> str:
        return b.say(template.format(words="\0")).replace("\0", f'<{tag} lang="{ORIGINAL}">{escape(text)}</{tag}>', 1)

    items = []
    for change in behind.changes[:MAX_SHOWN_CHANGES]:
        shown = [marked(words.stale_removed, "del", change.removed)] if change.removed else []
        shown += [marked(words.stale_added, "ins", change.added)] if change.added else []
        items.append(f"<li>{' '.join(shown)}</li>")
    more = len(behind.changes) - MAX_SHOWN_CHANGES
    if more > 0:
        items.append(f"<li>{b.say(words.stale_more.format(count=more))}</li>")
    return (
        f'<details class="translation-stale__changes"><summary>{b.say(words.stale_changes)}</summary>'
        f"<ul>{''.join(items)}</ul></details>"
    )


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
