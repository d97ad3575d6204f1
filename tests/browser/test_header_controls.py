"""The header's controls that overrides/ changed for HTML_CodeSniffer's WCAG 3.2.2 check still work.

The search form's submit button (overrides/partials/search.html, overrides/assets/javascripts/search-submit.js),
there for screen readers, does what Enter does; the palette toggle, now in a <div> rather than a
<form> (overrides/partials/palette.html), still works from the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page

from browser.checks import use_search
from browser.conftest import search_query

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SUBMIT = ".md-search__form button[type=submit]"
# Record which search result gets opened, without leaving the page.
RECORD_OPENED = """() => document.addEventListener("click", event => {
    const link = event.target.closest && event.target.closest("a.md-search-result__link");
    if (link) { window.__opened = link.href; event.preventDefault(); }
}, true)"""
# Click the button as a screen reader does (it is visually hidden) and report whether the form's
# submission was cancelled: click() dispatches the submit event before it returns.
CLICK_AND_REPORT = """button => {
    let cancelled = null;
    window.addEventListener("submit", event => { cancelled = event.defaultPrevented; }, {once: true});
    button.click();
    return cancelled;
}"""


def opened_by(browser: Browser, url: str, act: Callable[[Page], object]) -> str:
    page = browser.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        page.evaluate(RECORD_OPENED)
        assert use_search(page, search_query()) > 0
        act(page)
        opened: str = page.evaluate("window.__opened")
        return opened
    finally:
        page.close()


def test_the_submit_button_opens_the_result_enter_opens(browser: Browser, base_url: str, pages: list[str]) -> None:
    url = base_url + pages[0]
    by_enter = opened_by(browser, url, lambda page: page.keyboard.press("Enter"))
    by_button = opened_by(browser, url, lambda page: page.locator(SUBMIT).evaluate(CLICK_AND_REPORT))
    assert by_enter.startswith(base_url)
    assert by_button == by_enter


def test_the_submit_button_never_sends_the_form_and_without_results_returns_to_the_box(
    browser: Browser, base_url: str, pages: list[str]
) -> None:
    # (With an empty box there is no submit event at all: the query field is `required`, so the
    # browser asks the reader to fill it in.)
    url = base_url + pages[0]
    page = browser.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        page.keyboard.press("/")
        page.keyboard.type("qzxjv")
        button = page.locator(SUBMIT)
        assert button.get_attribute("tabindex") == "-1"  # out of the tab order: Tab closes the search
        assert button.text_content() == page.locator(".md-search[role=dialog]").get_attribute("aria-label")
        assert page.locator(".md-search-result__item").count() == 0
        page.evaluate("document.activeElement.blur()")
        assert button.evaluate(CLICK_AND_REPORT) is True
        assert page.evaluate("document.activeElement.name") == "query"
        assert page.url == url
    finally:
        page.close()


def test_the_palette_toggle_works_from_the_keyboard(browser: Browser, base_url: str, pages: list[str]) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    try:
        page.goto(base_url + pages[0], wait_until="networkidle")
        scheme = "() => document.body.getAttribute('data-md-color-scheme')"
        assert page.evaluate(scheme) == "default"
        page.focus("#__palette_0")  # the radio button of the palette in use, visually hidden behind its label
        page.keyboard.press("Enter")
        assert page.evaluate(scheme) == "slate"
        assert page.evaluate("document.activeElement.id") == "__palette_1"
        page.keyboard.press("Enter")
        assert page.evaluate(scheme) == "default"
    finally:
        context.close()
