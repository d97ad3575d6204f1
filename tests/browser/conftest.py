"""The browser suite: one strict build, one static server and one chromium for the whole session.

Without /usr/bin/chromium (or java and vnu.jar for the HTML checker) the tests that need it are
skipped, and the run ends with a summary line saying so and how to install it. With CI=true a
missing tool fails those tests instead: CI always runs the whole suite.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from browser.checks import (
    SCROLL_TO_BOTTOM,
    SITE_URL,
    HtmlcsPage,
    Recorder,
    htmlcs_pages,
    page_name,
    run_axe,
    sitemap_paths,
    use_search,
)
from helpers import ROOT, copy_project, mkdocs_env, project_content, run_mkdocs
from toolkit.server import serve_directory

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))  # Debian's; override for another system
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VNU_JAR = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
PA11Y = ROOT / "node_modules/pa11y/package.json"
REPORTS = ROOT / "reports"
HERE = Path(__file__).parent
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
PALETTES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's data-md-color-scheme
_missing: dict[str, str] = {}


def search_query() -> str:
    """A word every explainer's search finds: the longest word of the home page's title."""
    home = next(p for p in project_content().pages if p.id == "index")
    return max(home.title.replace("×", " ").split(), key=len)


def require(ok: bool, what: str, install: str) -> None:
    """Skip the test loudly when a tool is missing, or fail it in CI."""
    if ok:
        return
    message = f"{what} is missing: install it with `{install}`"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true: the browser suite must run in CI)", pytrace=False)
    _missing[what] = install
    pytest.skip(f"BROWSER SUITE SKIPPED: {message}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _missing:
        terminalreporter.section("browser suite skipped", sep="!", red=True, bold=True)
    for what, install in _missing.items():
        terminalreporter.write_line(
            f"{what} is missing, so tests marked `browser` were SKIPPED. Install it: {install}", red=True, bold=True
        )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with `mkdocs build --strict` from a copy of the project kept in git
    with a correction in its history, so /changes/, "Updated on" and the citation blocks are all there."""
    project = copy_project(tmp_path_factory.mktemp("browser-project"))
    with_a_correction(project)
    env = {**mkdocs_env(), "SITE_URL": SITE_URL}
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"), env=env)
    assert result.returncode == 0, result.stderr
    return project / "site"


def with_a_correction(project: Path) -> None:
    """Commit the project with its first source's title wrong, then corrected (a `Correction:` trailer)."""
    sources = project / "content/sources.yml"
    right = sources.read_text(encoding="utf-8")
    wrong = re.sub(r"^(  title: ).*$", r'\1"An earlier, wrong title"', right, count=1, flags=re.M)
    assert wrong != right, "no source title to change"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for text, message, date in (
        (wrong, "Content", "2026-01-10T12:00:00+00:00"),
        (right, "Source title as published\n\nCorrection: The title was mistyped.", "2026-02-10T12:00:00+00:00"),
    ):
        sources.write_text(text, encoding="utf-8")
        dated = {**env, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", message]):
            if args[0] != "init" or not (project / ".git").exists():
                subprocess.run(["git", *args], cwd=project, env=dated, check=True, capture_output=True)


@pytest.fixture(scope="session")
def pages(site: Path) -> list[str]:
    paths = sitemap_paths(site)
    assert paths, "sitemap.xml lists no page"
    return paths


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with serve_directory(site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    require(CHROMIUM.is_file(), "chromium", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    require(shutil.which("java") is not None, "java", "apt-get install default-jre-headless")
    require(VNU_JAR.is_file(), "vnu.jar", "npm ci --ignore-scripts")
    return VNU_JAR


HtmlCodeSniffer = Callable[[Sequence[str], Sequence[str]], list[HtmlcsPage]]


@pytest.fixture(scope="session")
def htmlcs() -> HtmlCodeSniffer:
    """HTML_CodeSniffer at WCAG 2 AA (pa11y from node_modules) on the given URLs, in the given palettes."""
    require(CHROMIUM.is_file(), "chromium", "apt-get install chromium")
    require(shutil.which("node") is not None, "node", "apt-get install npm")
    require(PA11Y.is_file(), "pa11y", "npm ci --ignore-scripts")

    def run(urls: Sequence[str], palettes: Sequence[str] = tuple(PALETTES)) -> list[HtmlcsPage]:
        return htmlcs_pages(
            list(urls),
            chromium=CHROMIUM,
            chromium_args=CHROMIUM_ARGS,
            schemes=list(palettes),
            viewport=VIEWPORTS["desktop"],
        )

    return run


@dataclass
class Visit:
    """What one page did in one viewport and palette: loaded, scrolled, searched."""

    path: str
    palette: str  # the data-md-color-scheme Material applied
    axe: list[str]
    search_results: int
    records: dict[str, list[str]]
    screenshot: Path


@dataclass
class Visits:
    """Visits every sitemap page once per viewport and palette, in one browser context each, on demand."""

    browser: Browser
    base_url: str
    pages: list[str]
    done: dict[tuple[str, str], list[Visit]] = field(default_factory=dict)

    def __call__(self, viewport: str, palette: str) -> list[Visit]:
        if (viewport, palette) not in self.done:
            self.done[viewport, palette] = self._visit_all(viewport, palette)
        return self.done[viewport, palette]

    def _visit_all(self, viewport: str, palette: str) -> list[Visit]:
        context = self.browser.new_context(
            viewport=VIEWPORTS[viewport],  # type: ignore[arg-type]
            color_scheme=palette,  # type: ignore[arg-type]
            is_mobile=viewport == "phone",
            has_touch=viewport == "phone",
        )
        recorder = Recorder(context, self.base_url)
        page = context.new_page()
        visits = []
        try:
            for path in self.pages:
                page.goto(self.base_url + path, wait_until="networkidle")
                scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
                violations = run_axe(page)
                page.evaluate(SCROLL_TO_BOTTOM)
                shot = REPORTS / "screenshots" / f"{page_name(path)}-{viewport}-{palette}.png"
                page.evaluate("() => window.scrollTo(0, 0)")
                page.screenshot(path=shot, full_page=True)
                results = use_search(page, search_query())
                violations += [f"with search open: {v}" for v in run_axe(page)]
                visits.append(Visit(path, scheme, violations, results, recorder.take(), shot))
        finally:
            context.close()
        return visits


@pytest.fixture(scope="session")
def visits(browser: Browser, base_url: str, pages: list[str]) -> Visits:
    return Visits(browser, base_url, pages)
