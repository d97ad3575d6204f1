"""Every link and resource inside the built site resolves: each internal `href` and `src` to a file
of the site, each fragment to an element with that id. And no page loads anything from another
origin (scripts, stylesheets, images, fonts): readers' browsers contact no one but the site."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
LOADED = {"script", "img", "iframe", "source", "video", "audio", "track", "embed", "input"}
"""Elements whose `src` the browser loads with the page."""
LOADED_LINKS = {
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "manifest",
    "apple-touch-icon",
}
"""`<link rel=...>` values whose `href` the browser loads (or connects to) with the page."""


@dataclass
class PageLinks:
    """What one HTML file links to, and the ids and anchor names it holds."""

    urls: list[tuple[str, str]] = field(default_factory=list)  # (tag.attribute, url)
    loads: list[tuple[str, str]] = field(default_factory=list)  # what the page loads: (tag.attribute, url)
    ids: set[str] = field(default_factory=set)


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rel = set((dict(attrs).get("rel") or "").lower().split())
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.found.urls.append((f"{tag}.{name}", value.strip()))
                if (tag in LOADED and name == "src") or (tag == "link" and rel & LOADED_LINKS):
                    self.found.loads.append((f"{tag}.{name}", value.strip()))
            elif name == "id" or (name == "name" and tag == "a"):
                self.found.ids.add(value)

    handle_startendtag = handle_starttag


def scan(path: Path) -> PageLinks:
    parser = LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.found


def target(site: Path, page: Path, url: str, site_url: str) -> tuple[Path, str] | None:
    """The file and fragment `url` on `page` points at, or None for a link outside the site."""
    if url.startswith(site_url):  # an absolute address of the site itself (canonical, alternates)
        url = "/" + url[len(site_url) :]
    elif SCHEME.match(url) or url.startswith("//"):
        return None
    parts = urlsplit(url)
    fragment = unquote(parts.fragment)
    if not parts.path:  # "#id": this page
        return page, fragment
    root_path = urlsplit(site_url).path or "/"
    path = unquote(parts.path)
    if path.startswith("/"):
        relative = path[len(root_path) :] if path.startswith(root_path) else path.lstrip("/")
        resolved = site / relative
    else:
        resolved = page.parent / path
    resolved = resolved.resolve()
    if path.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved, fragment


def test_every_internal_link_and_anchor_resolves(built_site: Path, site_url: str) -> None:
    site = built_site.resolve()
    html_files = sorted(site.rglob("*.html"))
    assert html_files, "the build holds no HTML page"
    scans = {path: scan(path) for path in html_files}
    problems = []
    for page, links in scans.items():
        for what, url in links.urls:
            found = target(site, page, url, site_url)
            if found is None:
                continue
            file, fragment = found
            where = f"{page.relative_to(site)}: {what}={url!r}"
            if not file.is_relative_to(site):
                problems.append(f"{where} leads out of the site")
            elif not file.is_file():
                problems.append(f"{where}: no file {file.relative_to(site)}")
            elif fragment and file.suffix == ".html":
                ids = scans[file].ids if file in scans else scan(file).ids
                if fragment not in ids:
                    problems.append(f"{where}: no element with id {fragment!r}")
    assert problems == [], "broken links in the built site:\n" + "\n".join(problems)


def test_nothing_loads_from_another_origin(built_site: Path, site_url: str) -> None:
    site = built_site.resolve()
    problems = [
        f"{page.relative_to(site)}: {what}={url!r}"
        for page in sorted(site.rglob("*.html"))
        for what, url in scan(page).loads
        if target(site, page, url, site_url) is None and not url.startswith("data:")
    ]
    assert problems == [], "pages load from another origin:\n" + "\n".join(problems)
