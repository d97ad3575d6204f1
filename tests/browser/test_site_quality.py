"""The real site in a real browser: accessible, private, healthy, valid, at two viewports and two palettes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from browser.checks import (
    SITE_URL,
    Recorder,
    apply_allowlist,
    broken_links,
    images_without_alt,
    load_allowlist,
    other_origin_resources,
    readable_without_js,
    unused_js_allowlist_entries,
    vnu_errors,
)
from browser.conftest import HERE, PALETTES, VIEWPORTS, HtmlCodeSniffer, Visits
from helpers import copy_project, mkdocs_env
from toolkit.server import serve_directory

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]
COMBOS = [pytest.param(v, p, id=f"{v}-{p}") for v in VIEWPORTS for p in PALETTES]
JS_ALLOWLIST = HERE / "privacy-allowlist.yml"
VNU_ALLOWLIST = HERE / "vnu-allowlist.yml"


@pytest.mark.parametrize(("viewport", "palette"), COMBOS)
def test_axe_finds_no_violation(visits: Visits, viewport: str, palette: str) -> None:
    found = [f"/{v.path}: {problem}" for v in visits(viewport, palette) for problem in v.axe]
    assert found == []


@pytest.mark.parametrize(("viewport", "palette"), COMBOS)
def test_every_page_shows_the_palette_asked_for(visits: Visits, viewport: str, palette: str) -> None:
    assert {v.path: v.palette for v in visits(viewport, palette)} == {
        v.path: PALETTES[palette] for v in visits(viewport, palette)
    }


@pytest.mark.parametrize(("viewport", "palette"), COMBOS)
def test_no_request_leaves_the_origin(visits: Visits, viewport: str, palette: str) -> None:
    found = [f"/{v.path}: {url}" for v in visits(viewport, palette) for url in v.records["other origin"]]
    assert found == []


@pytest.mark.parametrize(("viewport", "palette"), COMBOS)
def test_no_console_error_or_failed_request(visits: Visits, viewport: str, palette: str) -> None:
    found = [f"/{v.path}: {e}" for v in visits(viewport, palette) for e in v.records["console"] + v.records["failed"]]
    assert found == []


@pytest.mark.parametrize(("viewport", "palette"), COMBOS)
def test_search_finds_results_on_every_page(visits: Visits, viewport: str, palette: str) -> None:
    assert {v.path: v.search_results > 0 for v in visits(viewport, palette)} == {
        v.path: True for v in visits(viewport, palette)
    }


@pytest.mark.parametrize(("viewport", "palette"), COMBOS)
def test_a_screenshot_of_every_page_is_saved(visits: Visits, viewport: str, palette: str) -> None:
    for visit in visits(viewport, palette):
        assert visit.screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", visit.screenshot


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_readable_without_javascript(browser: Browser, base_url: str, pages: list[str], viewport: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport], java_script_enabled=False)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        problems = [
            problem
            for path in pages
            for problem in readable_without_js(page, base_url + path, pages, open_drawer=viewport == "phone")
        ]
    finally:
        context.close()
    assert problems == []


def test_no_built_file_loads_anything_from_another_origin(site: Path) -> None:
    assert other_origin_resources(site, load_allowlist(JS_ALLOWLIST)) == []


def test_every_script_allowlist_entry_still_matches(site: Path) -> None:
    assert unused_js_allowlist_entries(site, load_allowlist(JS_ALLOWLIST)) == []


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    assert broken_links(site) == []


def test_every_image_has_alternative_text(site: Path) -> None:
    assert images_without_alt(site) == []


def test_html_codesniffer_finds_no_error(htmlcs: HtmlCodeSniffer, base_url: str, pages: list[str]) -> None:
    # A second engine, independent of axe: HTML_CodeSniffer at WCAG 2 AA, in both palettes.
    results = htmlcs([base_url + path for path in pages], list(PALETTES))
    assert {(r.url, r.scheme): r.palette for r in results} == {
        (base_url + path, scheme): PALETTES[scheme] for path in pages for scheme in PALETTES
    }
    assert [f"{r.url} ({r.scheme}): {error}" for r in results for error in r.errors] == []


def test_html_is_valid_but_for_the_allowlist(site: Path, vnu_jar: Path) -> None:
    unexpected, unused = apply_allowlist(vnu_errors(vnu_jar, site), load_allowlist(VNU_ALLOWLIST))
    assert [str(e) for e in unexpected] == [], "errors no allow-list entry explains"
    assert unused == [], f"allow-list entries that match no error any more: remove them from {VNU_ALLOWLIST.name}"


def test_a_github_repository_link_makes_no_request_to_github(tmp_path: Path, browser: Browser) -> None:
    # Material fetches a GitHub repository's stars for the header's repository link unless overridden.
    project = copy_project(tmp_path)
    env = {**mkdocs_env(), "SITE_URL": SITE_URL, "REPO_URL": "https://github.com/example/explainer"}
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")]
    assert subprocess.run(build, cwd=project, env=env, capture_output=True, check=False).returncode == 0
    with serve_directory(project / "site") as url:
        context = browser.new_context()
        recorder = Recorder(context, url)
        page = context.new_page()
        page.goto(url, wait_until="networkidle")  # the home page: every explainer has one
        assert page.locator('a.md-source[href="https://github.com/example/explainer"]').first.is_visible()
        page.wait_for_timeout(500)
        context.close()
    assert recorder.take()["other origin"] == []
