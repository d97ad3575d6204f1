"""Links written in sections, checked where they are written.

Every page is a file at the top of the site (`index.md`, `history.md`),
so a link to another page is its id followed by `.md` (`[the story](history.md)`,
`[the figures](history.md#key-figures)`), and the same link works from any
section on any page. A link to a page that does not exist, to a section's file
instead of the page that shows it, an absolute path, or an anchor the target
page does not have is reported at the section's `path:line:col`, before
MkDocs would report it against a generated file with no line.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Collection
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown

from explainer.check.sanitize import link_targets
from explainer.diagnostics import Diagnostic, close_match, error, warning
from explainer.model import Content, Page, PageKind, Section
from explainer.render.pages import render_site
from explainer.text.positions import LineIndex

_ID = re.compile(r"""\bid\s*=\s*"([^"]*)\"""")
_ANCHOR_EXTENSIONS = ("toc", "attr_list", "md_in_html", "tables", "def_list", "admonition")


def page_anchors(markdown_text: str) -> set[str]:
    """Every `id` in a page's HTML, as Python-Markdown's table of contents writes them."""
    html = markdown.Markdown(extensions=list(_ANCHOR_EXTENSIONS)).convert(markdown_text)
    return set(_ID.findall(html))


def files_under(folder: Path) -> set[str]:
    """Hand-made files a section may link to (`docs/`), as paths relative to `folder`."""
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def rendered_lazily(content: Content, lang: str | None = None) -> Callable[[str], str]:
    """`page_markdown` for `check_links` that renders the site (in `lang`, default the original) once, on first use."""
    site = functools.cache(
        lambda: {r.page.id: r.markdown for r in render_site(content, lang=lang or content.languages[0])}
    )
    return lambda page_id: site()[page_id]


def generated_files(content: Content) -> set[str]:
    """Files the build adds beside the pages (the fact downloads)."""
    return {"data/facts.json", "data/facts.csv"} if any(p.generated is PageKind.DATA for p in content.pages) else set()


def check_links(
    content: Content,
    page_markdown: Callable[[str], str],
    assets: Collection[str] | None = None,
    lang: str | None = None,
) -> list[Diagnostic]:
    """Problems with the relative links in every section that a page shows (in `lang`: its translations).

    `page_markdown(page_id)` gives a page's rendered Markdown (to find its
    anchors; asked only for pages that a link names with `#anchor`).
    `assets` are the hand-made files beside the pages (`docs/`), relative to
    it; None leaves links to other files unchecked.
    """
    pages_of: dict[str, list[Page]] = {}
    for page in content.pages:
        for section_id in page.sections:
            pages_of.setdefault(section_id, []).append(page)
    by_uri = {p.src_uri: p for p in content.pages}
    anchors = functools.cache(lambda page_id: page_anchors(page_markdown(page_id)))
    known = set(by_uri) | generated_files(content) | set(assets or ())
    problems: list[Diagnostic] = []
    for section_id in pages_of:
        section = content.sections[section_id]
        if lang is not None and lang != section.lang:
            if lang not in section.translations:
                continue  # shown in the original, whose links are checked with it
            section = section.translations[lang]
        lines = LineIndex(section.body, section.body_line)
        for offset, address in link_targets(section.body):
            found = _judge(address, section, pages_of, by_uri, known, assets is not None, anchors)
            if found is not None:
                line, col = lines.position(offset)
                is_error, message = found
                problems.append((error if is_error else warning)(section.origin.path, line, col, message))
    return problems


def _judge(
    address: str,
    section: Section,
    pages_of: dict[str, list[Page]],
    by_uri: dict[str, Page],
    known: set[str],
    check_files: bool,
    anchors: Callable[[str], set[str]],
) -> tuple[bool, str] | None:
    """(is it an error, message) for a bad address; None when it works."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return None  # another site: its address was judged by the sanitizer
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        if not fragment:
            return None
        missing = [p for p in pages_of[section.id] if fragment not in anchors(p.id)]
        if not missing:
            return None
        where = ", ".join(f"'{p.id}'" for p in missing)
        hint = _closest(fragment, anchors(missing[0].id))
        return False, f"link to '#{fragment}': no such anchor on page {where}{hint}"
    if path.startswith("/"):
        page = _page_named(path, by_uri)
        fix = f"write '{page.src_uri}'" if page else "write the page's id followed by .md"
        return True, f"link to '{address}' is an absolute path, which breaks when the site moves: {fix}"
    target = posixpath.normpath(path)
    if target in by_uri:
        if fragment and fragment not in anchors(by_uri[target].id):
            hint = _closest(fragment, anchors(by_uri[target].id))
            return False, f"link to '{address}': page '{by_uri[target].id}' has no anchor '#{fragment}'{hint}"
        return None
    if target in known or (not check_files and not target.endswith(".md")):
        return None
    page = _page_named(target, by_uri)
    if page is not None:
        return True, f"link to '{address}' does not lead to a page: write '{page.src_uri}'"
    shown_on = _pages_showing(path, section, pages_of)
    if shown_on:
        names = " or ".join(f"'{p}'" for p in shown_on)
        return True, f"link to '{address}' names a section file; link to the page that shows it: {names}"
    hint = _closest(target, known)
    return True, f"link to '{address}' leads to no page or file{hint}; a page is linked as its id followed by .md"


def _page_named(path: str, by_uri: dict[str, Page]) -> Page | None:
    """The page a link means when it spells the page's path another way (`/history/`, `history`)."""
    stem = path.strip("/").removesuffix("index.html").removesuffix(".html").removesuffix(".md").strip("/")
    return by_uri.get(f"{stem or 'index'}.md")


def _pages_showing(path: str, section: Section, pages_of: dict[str, list[Page]]) -> list[str]:
    """Page files that show the section a link names by its file (`../history/start.md`)."""
    if not path.endswith(".md"):
        return []
    here = posixpath.dirname(section.id)
    for candidate in (posixpath.normpath(posixpath.join(here, path)), posixpath.normpath(path)):
        pages = pages_of.get(candidate.removesuffix(".md"), [])
        if pages:
            return [p.src_uri for p in pages]
    return []


def _closest(word: str, candidates: Collection[str]) -> str:
    match = close_match(word, candidates)
    return f" (did you mean '{match}'?)" if match else ""
