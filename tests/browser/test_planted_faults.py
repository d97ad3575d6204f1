"""Every check can fail: each test plants a known fault in a copy of the built site and sees it caught."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from browser.checks import (
    Recorder,
    VnuError,
    apply_allowlist,
    broken_links,
    images_without_alt,
    load_allowlist,
    other_origin_resources,
    readable_without_js,
    run_axe,
    unused_js_allowlist_entries,
    vnu_errors,
)
from browser.conftest import HERE, HtmlCodeSniffer
from helpers import project_content
from toolkit.server import serve_directory

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGE = "<target>/index.html"  # in parameters: stands for the target page's file
ARTICLE = '<article class="md-content__inner md-typeset">'
JS_ALLOWLIST = load_allowlist(HERE / "privacy-allowlist.yml")


@pytest.fixture
def copy(site: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(site, tmp_path / "site"))


@dataclass(frozen=True)
class Target:
    """The page faults are planted in: the first page made of sections, other than the home page."""

    path: str  # "background/"
    file: str  # "background/index.html"
    other: str  # another page's path, linked from this one's navigation: "timeline/"


@pytest.fixture(scope="module")
def target() -> Target:
    pages = [p.id for p in project_content().pages if p.id != "index"]
    first = next(p.id for p in project_content().pages if p.id != "index" and p.sections)
    other = next(p for p in pages if p != first)
    return Target(f"{first}/", f"{first}/index.html", f"{other}/")


def plant(site: Path, rel: str, after: str, fault: str) -> None:
    """Insert `fault` right after the first `after` in the built file `rel`."""
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert after in text, f"{rel} has no {after!r} to plant after"
    path.write_text(text.replace(after, after + fault, 1), encoding="utf-8")


def replace(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_image_without_alt_text_is_caught(copy: Path, browser: Browser, target: Target) -> None:
    plant(copy, target.file, ARTICLE, '<img src="../assets/images/favicon.png">')
    assert images_without_alt(copy) == [f'{target.file}: <img src="../assets/images/favicon.png">']
    with serve_directory(copy) as url:
        page = browser.new_page()
        page.goto(url + target.path, wait_until="networkidle")
        violations = run_axe(page)
        page.close()
    assert [v.split(":")[0] for v in violations] == ["image-alt (critical)"]


@pytest.mark.parametrize(
    ("rel", "after", "fault", "found"),
    [
        pytest.param(
            PAGE,
            "<head>",
            '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
            f'{PAGE}: <link rel="stylesheet"> https://fonts.googleapis.com/css?family=Roboto',
            id="stylesheet",
        ),
        pytest.param(
            PAGE,
            "<head>",
            '<link rel="preconnect" href="https://fonts.gstatic.com">',
            f'{PAGE}: <link rel="preconnect"> https://fonts.gstatic.com',
            id="preconnect",
        ),
        pytest.param(
            PAGE,
            ARTICLE,
            '<img alt="" srcset="https://cdn.example.net/a.png 1x, b.png 2x">',
            f"{PAGE}: <img srcset> https://cdn.example.net/a.png",
            id="srcset",
        ),
        pytest.param(
            PAGE,
            ARTICLE,
            '<p style="background: url(//tracker.example.net/p.gif)">x</p>',
            f"{PAGE}: inline style //tracker.example.net/p.gif",
            id="style-attribute",
        ),
        pytest.param(
            "stylesheets/explainer.css",
            "\n",
            '@import "https://fonts.googleapis.com/css2?family=Inter";\n',
            "stylesheets/explainer.css: https://fonts.googleapis.com/css2?family=Inter",
            id="css-import",
        ),
        pytest.param(
            PAGE,
            "<script>",
            'fetch("https://stats.example.net/hit");',
            f"{PAGE}: inline script: script URL https://stats.example.net/hit",
            id="inline-script",
        ),
    ],
)
def test_a_resource_from_another_origin_is_caught_in_the_built_files(
    copy: Path, target: Target, rel: str, after: str, fault: str, found: str
) -> None:
    rel, found = rel.replace(PAGE, target.file), found.replace(PAGE, target.file)
    assert other_origin_resources(copy, JS_ALLOWLIST) == []
    plant(copy, rel, after, fault)
    assert other_origin_resources(copy, JS_ALLOWLIST) == [found]


def test_a_script_url_is_caught_and_a_stale_script_allowlist_entry_too(copy: Path) -> None:
    bundle = next(copy.glob("assets/javascripts/bundle.*.min.js"))
    bundle.write_text(bundle.read_text(encoding="utf-8") + '\nfetch("https://stats.example.net/hit");\n')
    assert other_origin_resources(copy, JS_ALLOWLIST) == [
        f"{bundle.relative_to(copy).as_posix()}: script URL https://stats.example.net/hit"
    ]
    stale = {"pattern": "^https://cdn\\.example\\.org/gone", "reason": "planted"}
    assert unused_js_allowlist_entries(copy, [*JS_ALLOWLIST, stale]) == [stale["pattern"]]


def test_a_request_to_another_origin_is_recorded_in_the_browser(copy: Path, browser: Browser, target: Target) -> None:
    plant(copy, target.file, "<head>", '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">')
    with serve_directory(copy) as url:
        context = browser.new_context()
        recorder = Recorder(context, url)
        context.new_page().goto(url + target.path, wait_until="networkidle")
        context.close()
    assert recorder.take()["other origin"] == ["https://fonts.googleapis.com/css?family=Roboto"]


def test_a_console_error_and_a_failed_request_are_recorded(copy: Path, browser: Browser, target: Target) -> None:
    # An external same-origin script: the page's Content-Security-Policy would block an inline one.
    (copy / "planted.js").write_text('console.error("planted");\n', encoding="utf-8")
    plant(copy, target.file, ARTICLE, '<script src="../planted.js"></script><img alt="" src="missing.png">')
    with serve_directory(copy) as url:
        context = browser.new_context()
        recorder = Recorder(context, url)
        context.new_page().goto(url + target.path, wait_until="networkidle")
        context.close()
    records = recorder.take()
    assert [e.split(" (")[0] for e in records["console"] if "planted" in e] == ["console.error: planted"]
    assert f"HTTP 404 {url}{target.path}missing.png" in records["failed"]


def test_a_form_without_submit_and_an_unlabelled_field_are_caught_by_html_codesniffer(
    copy: Path, htmlcs: HtmlCodeSniffer, target: Target
) -> None:
    # What Material's palette toggle, search form and empty table-of-contents toggle did before overrides/.
    plant(copy, target.file, ARTICLE, '<form id="planted-form"><input type="checkbox" id="planted-box"></form>')
    with serve_directory(copy) as url:
        (result,) = htmlcs([url + target.path], ["light"])
    assert sorted((e.split(": ")[0], e.split(": ")[1]) for e in result.errors) == [
        ("WCAG2AA.Principle1.Guideline1_3.1_3_1.F68", "#planted-box"),
        ("WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2", "#planted-form"),
        ("WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputCheckbox.Name", "#planted-box"),
    ]


def test_a_broken_anchor_and_a_broken_link_are_caught(copy: Path, target: Target) -> None:
    replace(copy, target.file, 'href="#source-1"', 'href="#source-99"')
    replace(copy, target.file, f'href="../{target.other}"', f'href="../{target.other[:-1]}s/"')
    assert broken_links(copy) == [
        f"{target.file}: link ../{target.other[:-1]}s/ points at a missing file",
        f"{target.file}: link #source-99 points at a missing anchor",
    ]


def test_an_html_error_is_caught_and_a_stale_allowlist_entry_too(copy: Path, vnu_jar: Path, target: Target) -> None:
    plant(copy, target.file, ARTICLE, '<p id="planted">a</p><p id="planted">b</p>')
    stale = {"pattern": "^A message vnu never gives", "reason": "planted"}
    unexpected, unused = apply_allowlist(
        vnu_errors(vnu_jar, copy), [*load_allowlist(HERE / "vnu-allowlist.yml"), stale]
    )
    assert [(e.file, e.message) for e in unexpected] == [(target.file, "Duplicate ID “planted”.")]
    assert unused == [stale["pattern"]]


def test_an_allowlist_entry_that_allows_nothing_is_reported() -> None:
    errors = [VnuError("a.html", 3, "Stray end tag “div”.")]
    entry = {"pattern": "autocomplete", "reason": "planted"}
    assert apply_allowlist(errors, [entry]) == (errors, ["autocomplete"])


def test_a_page_unreadable_without_javascript_is_caught(copy: Path, browser: Browser, target: Target) -> None:
    plant(copy, target.file, "<head>", "<style>.no-js .md-content, .no-js .md-sidebar { display: none }</style>")
    with serve_directory(copy) as url:
        context = browser.new_context(java_script_enabled=False)
        problems = readable_without_js(context.new_page(), url + target.path, ["", target.path], open_drawer=False)
        context.close()
    assert problems == [
        f"{url}{target.path}: the main text is not visible without JavaScript",
        f"{url}{target.path}: no visible navigation link to / without JavaScript",
    ]
