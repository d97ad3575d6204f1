"""Every page of the built site runs under its Content-Security-Policy with
no violation: Material's inline scripts are allowed by hash, its bundle,
search worker and index load from 'self', and nothing else runs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage

from browser.conftest import search_query
from toolkit.server import serve_directory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
});
"""


def test_no_page_reports_a_csp_violation(browser: Browser, base_url: str, pages: list[str]) -> None:
    violations: list[str] = []
    context = browser.new_context()
    context.add_init_script(LISTEN)
    for rel in pages:
        page = context.new_page()
        console: list[str] = []

        def on_console(message: ConsoleMessage, seen: list[str] = console) -> None:
            if "Content Security Policy" in message.text:
                seen.append(message.text)

        page.on("console", on_console)
        page.goto(base_url + rel, wait_until="networkidle")
        # Exercise what loads more code: the search worker and index, the palette toggle.
        page.keyboard.press("s")
        page.keyboard.type(search_query())
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        page.keyboard.press("Escape")
        page.click("label.md-header__button[for^='__palette']:visible")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]') !== null")
        violations += [f"{rel}: {v}" for v in page.evaluate("window.__csp")]
        violations += [f"{rel}: console: {m}" for m in console]
        page.close()
    context.close()
    assert violations == []


def test_a_planted_inline_script_is_blocked(browser: Browser, site: Path, tmp_path: Path) -> None:
    """The check above can fail: a script the theme did not write is blocked and reported."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    index = copy / "index.html"
    planted = index.read_text(encoding="utf-8").replace(
        "</article>", "<script>document.title='pwned'</script></article>"
    )
    index.write_text(planted, encoding="utf-8")
    with serve_directory(copy) as url:
        page = browser.new_page()
        page.add_init_script(LISTEN)
        page.goto(url, wait_until="networkidle")
        assert page.title() != "pwned"
        assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
        page.close()
