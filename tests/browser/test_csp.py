"""Every page of the built site runs under its Content-Security-Policy with
no violation: Material's inline scripts are allowed by hash, its bundle,
search worker and index load from 'self', and nothing else runs.

Self-contained (its own server and browser); skipped when Debian's
chromium is missing.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists() or shutil.which("chromium") is None, reason="needs chromium"),
]

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
});
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


def test_no_page_reports_a_csp_violation(built_site: Path, site_url: str) -> None:
    from playwright.sync_api import ConsoleMessage, sync_playwright

    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len(pages) >= 5
    violations: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context()
            context.add_init_script(LISTEN)
            for rel in pages:
                page = context.new_page()
                console: list[str] = []

                def on_console(message: ConsoleMessage, seen: list[str] = console) -> None:
                    if "Content Security Policy" in message.text:
                        seen.append(message.text)

                page.on("console", on_console)
                page.goto(site_url + rel.removesuffix("index.html"), wait_until="networkidle")
                # Exercise what loads more code: the search worker and index, the palette toggle.
                page.keyboard.press("s")
                page.keyboard.type("ovhcloud")
                page.wait_for_selector(".md-search-result__item", timeout=10_000)
                page.keyboard.press("Escape")
                page.click("label.md-header__button[for^='__palette']:visible")
                page.wait_for_load_state("networkidle")
                assert page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]') !== null")
                violations += [f"{rel}: {v}" for v in page.evaluate("window.__csp")]
                violations += [f"{rel}: console: {m}" for m in console]
                page.close()
        finally:
            browser.close()
    assert violations == []


def test_a_planted_inline_script_is_blocked(built_site: Path, tmp_path: Path) -> None:
    """The check above can fail: a script the theme did not write is blocked and reported."""
    from playwright.sync_api import sync_playwright

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    index = site / "index.html"
    planted = index.read_text(encoding="utf-8").replace(
        "</article>", "<script>document.title='pwned'</script></article>"
    )
    index.write_text(planted, encoding="utf-8")
    with serve(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.add_init_script(LISTEN)
            page.goto(url, wait_until="networkidle")
            assert page.title() != "pwned"
            assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
        finally:
            browser.close()
