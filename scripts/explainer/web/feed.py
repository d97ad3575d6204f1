"""The Atom feed of the changes log (RFC 4287), one per language edition: `feed.xml` at its root.

Each entry is one entry of `/changes/` (newest first): its heading as the
title, what it changed (and, for a correction, why) as HTML content, and a link
to it on the changes page. Everything comes from the commit, never the build:

- an entry's id is `urn:uuid:` and a name-based UUID (version 5) of the full
  commit hash and the edition's language, so it survives a rebuild, a new site
  address and a new wording of the log, and the English and French entries of
  one change are two entries (they are two texts);
- its `updated` and `published` times are the commit's date (UTC midnight),
  the feed's `updated` the newest entry's date (else the site's date);
- the feed's id is its own address, as feed readers key a subscription.

The same commit gives the same bytes. feedgen (on lxml) writes the XML; a
site without a changes page has no feed. Without history the feed has no
entries and its subtitle says why, as the changes page does.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from urllib.parse import urljoin

import markdown
from feedgen.feed import FeedGenerator
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from explainer.changelog import Entry
from explainer.language.locale import typography
from explainer.language.strings import strings
from explainer.model import Content, Page, PageKind
from explainer.render.changes import entry_title
from explainer.render.citation import page_url
from explainer.render.generated import entry_lines
from explainer.render.parts import page_title
from explainer.site import SiteInfo

FEED_PATH = "feed.xml"
"""Where each edition's feed is, relative to the edition's root (`/feed.xml`, `/fr/feed.xml`)."""
FEED_TYPE = "application/atom+xml"

ENTRY_NAMESPACE = uuid.UUID("5b0f2c52-7d1e-4f49-9a3c-3f7e2a6c1d84")
"""The namespace of the entries' name-based UUIDs: fixed, so an entry's id depends on its commit alone."""


@dataclass(frozen=True)
class FeedLink:
    """What a page's head says about the feed: `<link rel="alternate" type="…" title="…" href="…">`."""

    path: str
    """Relative to the edition's root; the template makes it relative to the page (`| url`)."""
    title: str
    type: str = FEED_TYPE


def changes_page(content: Content) -> Page | None:
    return next((p for p in content.pages if p.generated is PageKind.CHANGES), None)


def feed_title(page: Page, site_name: str, lang: str) -> str:
    """`<site>: <title of the changes page>`, in `lang`."""
    return typography(strings(lang).feed_title.format(site=site_name, page=page_title(page, lang)), lang)


def feed_link(content: Content, site_name: str, lang: str) -> FeedLink | None:
    """The feed's link for the head of every page of the `lang` edition; None without a changes page."""
    page = changes_page(content)
    return FeedLink(FEED_PATH, feed_title(page, site_name, lang)) if page is not None else None


def entry_id(entry: Entry, lang: str) -> str:
    """The entry's permanent id: from its commit and the feed's language only."""
    return f"urn:uuid:{uuid.uuid5(ENTRY_NAMESPACE, f'{entry.commit}/{lang}')}"


def atom_feed(content: Content, site: SiteInfo, lang: str) -> bytes | None:
    """The Atom feed of the `lang` edition (whose address is `site.url`), UTF-8; None without a changes page."""
    page = changes_page(content)
    if page is None:
        return None
    words = strings(lang)
    log_url = page_url(site, page)
    changes = site.changes
    logged = changes.logged if changes.available else ()
    fg = FeedGenerator()
    fg.id(urljoin(site.url, FEED_PATH))
    fg.title(feed_title(page, site.name, lang))
    if changes.available:
        fg.subtitle(typography(words.changes_intro, lang))
    else:
        fg.subtitle(typography(words.changes_unavailable.format(reason=changes.reason), lang))
    fg.author({"name": site.publisher})
    fg.link(href=urljoin(site.url, FEED_PATH), rel="self", type=FEED_TYPE)
    fg.link(href=log_url, rel="alternate", type="text/html")
    fg.language(lang)
    fg.rights(f"{site.licence.name}: {site.licence.url}" if site.licence.url else site.licence.name)
    fg.generator("explainer")
    fg.updated(_midnight(logged[0].date if logged else site.modified))
    for entry in logged:  # newest first, as on the page
        fe = fg.add_entry(order="append")
        fe.id(entry_id(entry, lang))
        fe.title(typography(entry_title(entry, content, lang), lang))
        fe.link(href=f"{log_url}#{entry.anchor}", rel="alternate", type="text/html")
        fe.updated(_midnight(entry.date))
        fe.published(_midnight(entry.date))
        fe.content(_entry_html(entry, content, page, site, lang), type="html")
        if entry.is_correction:
            fe.category(term="correction", label=words.correction)
        else:
            fe.category(term="update", label=words.update)
    atom: bytes = fg.atom_str(pretty=True, encoding="UTF-8")
    return atom


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _entry_html(entry: Entry, content: Content, page: Page, site: SiteInfo, lang: str) -> str:
    """The entry as the changes page shows it (its reason once, then its items), links made absolute."""
    return markdown.markdown("\n".join(entry_lines(entry, content, page, lang)), extensions=[_AbsoluteLinks(site.url)])


class _AbsoluteLinks(Extension):
    """Links to pages by file name (`data.md#fact-x`) become the pages' addresses (`<site>/data/#fact-x`)."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_LinkRewriter(md, self.base), "explainer-absolute-links", 0)


class _LinkRewriter(Treeprocessor):
    def __init__(self, md: markdown.Markdown, base: str) -> None:
        super().__init__(md)
        self.base = base

    def run(self, root: etree.Element) -> None:
        for a in root.iter("a"):
            href = a.get("href", "")
            path, hash_, fragment = href.partition("#")
            if path.endswith(".md") and "/" not in path and ":" not in path:
                stem = path.removesuffix(".md")
                path = "" if stem == "index" else f"{stem}/"
            a.set("href", urljoin(self.base, path) + hash_ + fragment)
