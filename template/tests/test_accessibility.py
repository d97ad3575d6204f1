"""axe-core finds no accessibility violation on any page of the built site, in the light and the dark
palette. The site is served over HTTP from the build, as readers get it (not from file:// URLs)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest
from axe_playwright_python.sync_playwright import Axe

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt: str, *args: Any) -> None:
        """Nothing on the test output for each request."""


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """`folder` over HTTP on 127.0.0.1, on a free port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()


def url_path(site: Path, html: Path) -> str:
    """The address of a built file: `index.html` files by their folder, as links give them."""
    path = html.relative_to(site).as_posix()
    return path.removesuffix("index.html") if html.name == "index.html" else path


@pytest.fixture(scope="module")
def base_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation(
    browser: Browser, built_site: Path, base_url: str, scheme: Literal["light", "dark"]
) -> None:
    paths = [url_path(built_site, html) for html in sorted(built_site.rglob("*.html"))]
    assert paths, "the build holds no HTML page"
    axe = Axe()
    reports = []
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        for path in paths:
            page.goto(base_url + path, wait_until="load")
            page.evaluate(  # let transitions end: axe would measure colours half-faded
                """() => Promise.race([
                    Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
                    new Promise(resolve => setTimeout(resolve, 3000)),
                ])"""
            )
            results = axe.run(page)
            if results.violations_count:
                reports.append(f"/{path}:\n{results.generate_report()}")
    finally:
        context.close()
    assert reports == [], f"axe-core found violations ({scheme} palette):\n" + "\n".join(reports)
