"""A whole edition, as any static site generator can take it: pages with front matter, the
navigation, every generated file; and the step after the generator (`postbuild`).

What a page's head says (its title, description, `og:` data, JSON-LD, alternates, language
switcher, share image) is the page's front matter, so a template reads it from `page.meta` in
MkDocs, ProperDocs and Zensical alike. `edition_files` holds every file the generator publishes
as it is (downloads, citation files, share images). `postbuild` does what no template can: it fills
each finished page's Content-Security-Policy (`csp`) and writes the sitemaps with their alternates
(one per edition, and at the root one for all).

Plain Python: `scripts/mkdocs_state.py` hands this to MkDocs, and `python -m explainer.web edition`
writes it into a folder for any other generator (`scripts/zensical_build.py`).
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from explainer.model import Content, PageKind
from explainer.render.parts import RenderedPage, page_title
from explainer.site import SiteInfo
from explainer.web import csp
from explainer.web.cite import citation_files
from explainer.web.data import FACTS_SCHEMA, facts_csv, facts_json, facts_schema_json
from explainer.web.datapackage import datapackage_json
from explainer.web.editions import Edition, alternates, merge_sitemaps, switch_links
from explainer.web.feed import FEED_PATH, atom_feed
from explainer.web.metadata import description, script_json, structured_data
from explainer.web.share_image import share_card, share_path, share_png

HOME = "index.md"


@dataclass(frozen=True)
class EditionPage:
    """One page of an edition as a generator takes it."""

    src_uri: str
    """Its path among the edition's Markdown files: `index.md`, `about.md`."""
    nav_title: str
    meta: dict[str, Any]
    """The front matter: what the page's head and language switcher write."""
    markdown: str
    """The page's Markdown without front matter."""
    edit_path: str
    """The project-relative file an editor changes for this page."""

    @property
    def source(self) -> str:
        """The Markdown file: front matter, then the page."""
        return with_front_matter(self.meta, self.markdown)


def page_url(src_uri: str) -> str:
    """The page's address relative to its edition's root, with directory URLs: `index.md` -> ``,
    `about.md` and `about/index.md` -> `about/`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def edition_meta(src_uri: str, edition: Edition, editions: Sequence[Edition]) -> dict[str, Any]:
    """What every page of an edition says about the editions: its Open Graph locales, its
    alternates and the switcher's links to the same page in each language."""
    url = page_url(src_uri)
    return {
        "og_locale": edition.og_locale,
        "og_locale_alternate": [e.og_locale for e in editions if e != edition],
        "alternates": [vars(a) for a in alternates(url, editions)],
        "switch": [vars(s) for s in switch_links(url, edition, editions)] if len(editions) > 1 else [],
    }


def page_meta(rendered: RenderedPage, content: Content, site: SiteInfo, lang: str) -> dict[str, Any]:
    """What the page's head says of the page itself: its description (HTML-escaped, as templates
    write it unescaped), JSON-LD (script-safe), Open Graph type and title."""
    meta = {"description": html.escape(description(rendered.page, content, lang))}
    data = structured_data(rendered, content, site, lang=lang)
    if data is not None:
        meta["jsonld"] = script_json(data)
    meta["og_type"] = "article" if rendered.page.generated is None else "website"
    # The browser tab and link previews carry the page's title; `nav_title` names it in
    # the navigation only. Titles are markup-free (schema), so they need no escaping.
    meta["title"] = page_title(rendered.page, lang)
    return meta


def front_matter(
    rendered: RenderedPage,
    content: Content,
    site: SiteInfo,
    edition: Edition,
    editions: Sequence[Edition],
    share_images: bool,
) -> dict[str, Any]:
    """The whole front matter of a page of `edition` (`site` is that edition's descriptor)."""
    meta = edition_meta(rendered.page.src_uri, edition, editions)
    meta.update(page_meta(rendered, content, site, edition.lang))
    if rendered.page.src_uri == HOME:
        meta.pop("title", None)  # the home page's tab shows the site's name
    if share_images and site.url:  # link previews need an absolute address
        meta["share_image"] = html.escape(site.url.rstrip("/") + "/" + share_path(rendered.page))
    return meta


def edition_pages(
    pages: Iterable[RenderedPage],
    content: Content,
    site: SiteInfo,
    edition: Edition,
    editions: Sequence[Edition],
    share_images: bool,
) -> list[EditionPage]:
    """Every page of `edition`, in navigation order (`content/pages.yml`)."""
    return [
        EditionPage(
            r.page.src_uri,
            r.nav_title,
            front_matter(r, content, site, edition, editions, share_images),
            r.markdown,
            r.edit_path,
        )
        for r in pages
    ]


def with_front_matter(meta: Mapping[str, Any], markdown: str) -> str:
    """Markdown with YAML front matter, as MkDocs, ProperDocs and Zensical read it."""
    if not meta:
        return markdown
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: a tenth of the time
    data = yaml.dump(dict(meta), Dumper=dumper, allow_unicode=True, sort_keys=False, width=1 << 30)
    return f"---\n{data}---\n\n{markdown}"


def edition_files(
    pages: Sequence[RenderedPage], content: Content, site: SiteInfo, lang: str, share_images: bool
) -> dict[str, str | bytes]:
    """Every file an edition publishes besides its pages, by path in the edition: each page's
    share image, the downloads of the data page, each page's citation files, the Atom feed."""
    files: dict[str, str | bytes] = {}
    if share_images:  # a 1200×630 link-preview image per page
        for rendered in pages:
            files[share_path(rendered.page)] = share_png(share_card(rendered.page, content, site.name, lang))
    if any(p.page.generated is PageKind.DATA for p in pages):
        files["data/facts.json"] = facts_json(content)
        files[f"data/{FACTS_SCHEMA}"] = facts_schema_json(content)
        files["data/facts.csv"] = facts_csv(content)
        files["data/datapackage.json"] = datapackage_json(content, site)
    # "Cite this" files of each page, in this edition's language (its title, address and dates).
    files.update(citation_files(p.citation for p in pages if p.citation is not None))
    feed = atom_feed(content, site, lang)  # the changes log as an Atom feed (none without a changes page)
    if feed is not None:
        files[FEED_PATH] = feed
    return files


def sitemap(urls: Iterable[str], edition: Edition, editions: Sequence[Edition], lastmod: str) -> str:
    """The sitemap of an edition: each page (by its address in the edition) with its alternates,
    in the form MkDocs 1.6 writes."""
    entries = []
    for url in urls:
        links = "".join(
            f'\n         <xhtml:link rel="alternate" hreflang="{a.hreflang}" href="{_xml(a.href)}"/>'
            for a in alternates(url, editions)
        )
        entries.append(
            f"\n    <url>\n         <loc>{_xml(edition.url + url)}</loc>\n"
            f"         <lastmod>{lastmod}</lastmod>{links}\n    </url>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:xhtml="http://www.w3.org/1999/xhtml">{"".join(entries)}\n</urlset>'
    )


def _xml(text: str) -> str:
    """Escaped as MkDocs' templates escape (`|e`)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")
    )


def postbuild(site_dir: Path, editions: Sequence[Edition], urls: Sequence[str], epoch: int) -> None:
    """After the generator wrote every edition into `site_dir` (the original at its root, each
    other under its prefix): each page's CSP filled in, each edition's sitemap written (with
    `sitemap.xml.gz` beside it), and the root's listing every page of every edition.

    `urls` are the pages' addresses in an edition (`page_url`); the day of the day of `epoch` (seconds,
    as SOURCE_DATE_EPOCH) dates the sitemaps and their gzip headers, so builds stay reproducible.
    """
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        filled = csp.fill(text)
        if filled != text:
            page.write_text(filled, encoding="utf-8")
    day = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    maps = [sitemap(urls, e, editions, day.isoformat()) for e in editions]
    midnight = int(dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp())  # as MkDocs dates it
    for edition, text in zip(editions[1:], maps[1:], strict=True):
        _write_sitemap(site_dir / edition.prefix, text, midnight)
    _write_sitemap(site_dir, merge_sitemaps(*maps) if len(maps) > 1 else maps[0], midnight)


def _write_sitemap(folder: Path, text: str, epoch: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitemap.xml").write_text(text, encoding="utf-8")
    with (
        (folder / "sitemap.xml.gz").open("wb") as raw,
        gzip.GzipFile(fileobj=raw, filename="sitemap.xml", mode="wb", mtime=epoch) as packed,
    ):
        packed.write(text.encode("utf-8"))
