"""Quality checks on a built site, as plain functions.

The browser suite runs them on the real site; the planted-fault tests run them
on a copy with a known fault, to show that each one can fail. Every function
returns a list of problems, one readable line each; an empty list is a pass.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

import yaml
from axe_playwright_python.base import AXE_SCRIPT

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, Route, WebError

# The URL the suite builds the site with; sitemap entries and absolute links start with it.
SITE_URL = "http://127.0.0.1:8000/"
_SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)""", re.IGNORECASE)
# A string literal in JavaScript that starts with an absolute URL: "https://…", '//…', `https://…${x}`.
_JS_URL_LITERAL = re.compile(r"""(["'`])((?:https?:)?//[^"'`\s]+)\1""")
_SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


# --- pages -------------------------------------------------------------------------------------------------


def sitemap_paths(site_dir: Path, site_url: str = SITE_URL) -> list[str]:
    """The pages listed in sitemap.xml, as paths relative to the site root ("" for the home page)."""
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    paths = []
    for loc in root.iterfind("s:url/s:loc", _SITEMAP_NS):
        url = (loc.text or "").strip()
        if not url.startswith(site_url):
            raise ValueError(f"sitemap.xml: {url} is not under {site_url}")
        paths.append(url[len(site_url) :])
    return paths


def page_name(path: str) -> str:
    """A file-name-safe name for a page path: "" -> "index", "europe/" -> "europe"."""
    return path.strip("/").replace("/", "-") or "index"


def html_file(site_dir: Path, path: str) -> Path:
    return site_dir / path / "index.html" if path == "" or path.endswith("/") else site_dir / path


# --- the built files ---------------------------------------------------------------------------------------


@dataclass
class _Page(HTMLParser):
    """What the static checks need to know of one HTML file."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>, <area href>, <link rel=prev|next|canonical…>
    resources: list[tuple[str, str]] = field(default_factory=list)  # (what, url) the browser fetches by itself
    images_without_alt: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    inline_styles: list[str] = field(default_factory=list)
    _in: str = ""

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag in ("a", "area") and "href" in a:
            self.links.append(a["href"])
        for attr in ("src", "poster", "data"):
            if a.get(attr) and tag != "a":
                self.resources.append((f"<{tag} {attr}>", a[attr]))
        for attr in ("srcset", "imagesrcset"):
            for candidate in a.get(attr, "").split(","):
                if candidate.strip():
                    self.resources.append((f"<{tag} {attr}>", candidate.split()[0]))
        if tag == "link" and a.get("href"):
            rels = set(a.get("rel", "").lower().split())
            if rels <= {"canonical", "alternate", "prev", "next", "author", "license", "help", "search"}:
                self.links.append(a["href"])
            else:
                self.resources.append((f'<link rel="{a.get("rel", "")}">', a["href"]))
        if a.get("style"):
            self.inline_styles.append(a["style"])
        if tag == "img" and "alt" not in a:
            self.images_without_alt.append(f'<img src="{a.get("src", "")}">')
        if tag == "input" and a.get("type", "").lower() == "image" and not a.get("alt"):
            self.images_without_alt.append(f'<input type="image" src="{a.get("src", "")}">')
        if tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in = "data"  # structured data: never run, and its URLs are never fetched
        elif tag in ("script", "style"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in or (tag == "script" and self._in == "data"):
            self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.inline_scripts.append(data)
        elif self._in == "style":
            self.inline_styles.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _is_foreign(url: str, site_url: str) -> bool:
    return bool(_ABSOLUTE.match(url)) and not url.startswith(site_url)


def _css_urls(text: str) -> list[str]:
    return _CSS_URL.findall(text) + _CSS_IMPORT.findall(text)


def other_origin_resources(
    site_dir: Path, js_allowlist: list[dict[str, str]] | None = None, site_url: str = SITE_URL
) -> list[str]:
    """Every URL in the built HTML, CSS and JS that would make the browser fetch from another origin.

    HTML: src, srcset, poster, data, <link href> (stylesheets, icons, preload and preconnect hints),
    url() and @import in style attributes and <style>, URL literals in inline scripts. CSS: url() and
    @import. JS: string literals that start with an absolute URL, except those matched by a
    `js_allowlist` entry (`pattern`, `reason`): code in Material's bundle that never runs on this site.
    """
    allowed = [re.compile(entry["pattern"]) for entry in js_allowlist or []]
    found: list[str] = []

    def js(where: str, text: str) -> None:
        for _, url in _JS_URL_LITERAL.findall(text):
            if _is_foreign(url, site_url) and not any(p.search(url) for p in allowed):
                found.append(f"{where}: script URL {url}")

    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            page = _parse(path)
            found += [f"{rel}: {what} {url}" for what, url in page.resources if _is_foreign(url, site_url)]
            for text in page.inline_styles:
                found += [f"{rel}: inline style {url}" for url in _css_urls(text) if _is_foreign(url, site_url)]
            for text in page.inline_scripts:
                js(f"{rel}: inline script", text)
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            found += [f"{rel}: {url}" for url in _css_urls(text) if _is_foreign(url, site_url)]
        elif path.suffix in (".js", ".mjs"):
            js(rel, path.read_text(encoding="utf-8"))
    return found


def unused_js_allowlist_entries(site_dir: Path, js_allowlist: list[dict[str, str]]) -> list[str]:
    """Allow-list patterns that match no URL literal in any built JS file any more."""
    urls = [u for p in site_dir.rglob("*.js") for _, u in _JS_URL_LITERAL.findall(p.read_text(encoding="utf-8"))]
    return [e["pattern"] for e in js_allowlist if not any(re.search(e["pattern"], u) for u in urls)]


def broken_links(site_dir: Path, site_url: str = SITE_URL) -> list[str]:
    """Internal links, resources and #anchors in the built HTML that point at nothing."""
    base = "http://site.invalid/"
    pages: dict[Path, _Page] = {}

    def page(path: Path) -> _Page:
        if path not in pages:
            pages[path] = _parse(path)
        return pages[path]

    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        urls = [("link", u) for u in page(path).links] + page(path).resources
        for what, url in urls:
            if url.startswith(site_url):
                url = base + url[len(site_url) :]
            elif url.lower().startswith(_SKIPPED_SCHEMES) or _ABSOLUTE.match(url):
                continue
            parts = urlsplit(urljoin(base + rel, url))
            target = site_dir / unquote(parts.path).lstrip("/")
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{rel}: {what} {url} points at a missing file")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in page(target).ids:
                problems.append(f"{rel}: {what} {url} points at a missing anchor")
    return problems


def images_without_alt(site_dir: Path) -> list[str]:
    """Images in the built HTML without an alt attribute (alt="" marks a decorative image and is fine)."""
    return [
        f"{path.relative_to(site_dir).as_posix()}: {img}"
        for path in sorted(site_dir.rglob("*.html"))
        for img in _parse(path).images_without_alt
    ]


# --- the Nu HTML Checker -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VnuError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def vnu_errors(vnu_jar: Path, site_dir: Path) -> list[VnuError]:
    """Every error the Nu HTML Checker reports on the site's HTML files."""
    files = sorted(site_dir.rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"vnu gave no JSON report (exit {result.returncode}): {result.stderr[:2000]}") from error
    errors = []
    for m in report["messages"]:
        if m["type"] in ("error", "non-document-error"):
            file = Path(urlsplit(m.get("url", "")).path)
            rel = file.relative_to(site_dir).as_posix() if file.is_relative_to(site_dir) else str(file)
            errors.append(VnuError(rel, int(m.get("lastLine", 0)), m["message"]))
    return errors


def load_allowlist(path: Path) -> list[dict[str, str]]:
    """An allow-list file: a list of entries, each with a `pattern` (regular expression) and a `reason`."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for entry in entries:
        if not (isinstance(entry, dict) and entry.get("pattern") and entry.get("reason")):
            raise ValueError(f"{path}: every entry needs a pattern and a reason: {entry!r}")
    return entries


def apply_allowlist(errors: list[VnuError], allowlist: list[dict[str, str]]) -> tuple[list[VnuError], list[str]]:
    """(errors no entry allows, entries that allow no error): both must be empty."""
    patterns = [re.compile(entry["pattern"]) for entry in allowlist]
    unexpected = [e for e in errors if not any(p.search(e.message) for p in patterns)]
    unused = [p.pattern for p in patterns if not any(p.search(e.message) for e in errors)]
    return unexpected, unused


# --- HTML_CodeSniffer, through pa11y -----------------------------------------------------------------------

HTMLCS_RUNNER = Path(__file__).with_name("htmlcs.cjs")


@dataclass(frozen=True)
class HtmlcsPage:
    """What HTML_CodeSniffer found on one page in one colour scheme."""

    url: str
    scheme: str  # the prefers-color-scheme the browser emulated: light or dark
    palette: str  # the data-md-color-scheme Material applied
    errors: list[str]  # one line each: code, CSS selector, message


def htmlcs_pages(
    urls: list[str],
    *,
    chromium: Path,
    chromium_args: list[str],
    schemes: list[str],
    viewport: dict[str, int],
    standard: str = "WCAG2AA",
) -> list[HtmlcsPage]:
    """HTML_CodeSniffer's errors at `standard` on each page, in each colour scheme (pa11y in node).

    `tests/browser/htmlcs.cjs` launches one chromium (pa11y's `chromeLaunchConfig`: the system
    browser, never puppeteer's download) and runs pa11y's htmlcs runner on every URL.
    """
    job = {
        "urls": urls,
        "standard": standard,
        "schemes": schemes,
        "viewport": viewport,
        "chromeLaunchConfig": {"executablePath": str(chromium), "args": chromium_args},
    }
    result = subprocess.run(
        ["node", str(HTMLCS_RUNNER)], input=json.dumps(job), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"pa11y failed (exit {result.returncode}): {result.stderr[-2000:]}")
    return [
        HtmlcsPage(
            r["url"],
            r["scheme"],
            r["palette"],
            [f"{i['code']}: {i['selector']}: {i['message']}" for i in r["issues"] if i["type"] == "error"],
        )
        for r in json.loads(result.stdout)
    ]


# --- in the browser ----------------------------------------------------------------------------------------


def run_axe(page: Page) -> list[str]:
    """axe-core's violations on the page as it is now, with every rule axe ships turned on.

    That is WCAG 2.x A, AA and AAA, best practices and the experimental rules: more than axe's
    default run, which leaves out AAA (e.g. enhanced contrast) and experimental rules.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    results: dict[str, Any] = page.evaluate(
        """async () => {
            const ids = axe.getRules().map(rule => rule.ruleId);
            return await axe.run(document, {runOnly: {type: "rule", values: ids}, resultTypes: ["violations"]});
        }"""
    )
    return [
        f"{v['id']} ({v['impact']}): {' '.join(map(str, node['target']))}: "
        + " ".join(node.get("failureSummary", "").split())
        for v in results["violations"]
        for node in v["nodes"]
    ]


class Recorder:
    """Records, for one browser context, what its pages do on the network and the console.

    Every request to another origin is recorded and aborted (routed to a failure), so a page can
    neither leak a reader's address nor silently depend on another site.
    """

    def __init__(self, context: BrowserContext, base_url: str) -> None:
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
        self.other_origin: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []
        context.route("**/*", self._route)
        context.on("requestfailed", self._failed)
        context.on("response", self._response)
        context.on("console", self._console)
        context.on("weberror", self._weberror)

    def _same_origin(self, url: str) -> bool:
        return "{0.scheme}://{0.netloc}".format(urlsplit(url)) == self.origin

    def _route(self, route: Route) -> None:
        if self._same_origin(route.request.url):
            route.continue_()
        else:
            self.other_origin.append(route.request.url)
            route.abort("blockedbyclient")

    def _failed(self, request: Request) -> None:
        if self._same_origin(request.url):
            self.failed.append(f"{request.failure} {request.url}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"HTTP {response.status} {response.url}")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"console.error: {message.text} ({message.location.get('url', '')})")

    def _weberror(self, error: WebError) -> None:
        self.console_errors.append(f"uncaught: {error.error}")

    def take(self) -> dict[str, list[str]]:
        """What was recorded since the last call, and start afresh."""
        taken = {"other origin": self.other_origin, "failed": self.failed, "console": self.console_errors}
        self.other_origin, self.failed, self.console_errors = [], [], []
        return taken


SCROLL_TO_BOTTOM = """async () => {
    for (let y = 0; y <= document.documentElement.scrollHeight; y += window.innerHeight / 2) {
        window.scrollTo(0, y);
        await new Promise(resolve => setTimeout(resolve, 20));
    }
}"""


def use_search(page: Page, query: str) -> int:
    """Open Material's search with its keyboard shortcut, type a query, return how many results show."""
    page.keyboard.press("/")
    page.keyboard.type(query)  # Material searches on key events, so fill() would find nothing
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="attached", timeout=10_000)
    page.wait_for_load_state("networkidle")
    settle(page)
    return results.count()


def settle(page: Page) -> None:
    """Wait until CSS transitions and animations end (axe would measure colours half-faded)."""
    page.wait_for_timeout(100)
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
            new Promise(resolve => setTimeout(resolve, 3000)),
        ])"""
    )


def readable_without_js(page: Page, url: str, nav_paths: list[str], *, open_drawer: bool) -> list[str]:
    """Problems reading `url` with JavaScript off: no visible main text, or no visible link to another page.

    (On a phone the link to the page itself gives way to its table of contents, as it should.)

    On a phone the navigation sits in a drawer that opens with a CSS-only toggle (a label for a
    checkbox), so `open_drawer` clicks the header's menu button first.
    """
    page.goto(url, wait_until="load")
    problems = []
    content = page.locator("article.md-content__inner")
    if not content.is_visible() or len(content.inner_text().strip()) < 40:
        problems.append(f"{url}: the main text is not visible without JavaScript")
    if open_drawer:
        page.locator('label.md-header__button[for="__drawer"]').click()
        page.wait_for_timeout(400)  # the drawer slides in with a CSS transition
    shown: list[str] = page.evaluate(VISIBLE_NAV_LINKS)
    for path in nav_paths:
        target = urljoin(url, "/" + path)
        if target != url and target not in shown:
            problems.append(f"{url}: no visible navigation link to /{path} without JavaScript")
    return problems


# Links of the main navigation that a reader can see: rendered, not hidden, and inside the window.
VISIBLE_NAV_LINKS = """() => [...document.querySelectorAll("nav.md-nav--primary a.md-nav__link")]
    .filter(a => {
        const box = a.getBoundingClientRect();
        return a.checkVisibility({visibilityProperty: true, opacityProperty: true})
            && box.width > 0 && box.height > 0 && box.right > 0 && box.left < window.innerWidth;
    })
    .map(a => a.href)"""
