"""The editions in a real browser: the switcher leads to the same page in the other language, and
search on a page searches that page's edition only, with that language's stemmer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from browser.checks import use_search
from browser.conftest import page_language, search_query
from helpers import project_content

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _prefix(lang: str) -> str:
    return "" if lang == project_content().languages[0] else f"{lang}/"


def _languages() -> tuple[str, ...]:
    languages = project_content().languages
    if len(languages) < 2:
        pytest.skip("the site has one language")
    return languages


def test_the_switcher_leads_to_the_same_page_in_each_language(
    browser: Browser, base_url: str, pages: list[str]
) -> None:
    languages = _languages()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    wrong = []
    try:
        for path in pages:
            here = page_language(path)
            same = path.removeprefix(_prefix(here))
            for other in languages:
                if other == here:
                    continue
                page.goto(base_url + path)
                page.hover(".md-select")  # Material opens the list on hover (and on focus)
                link = page.locator(f'a.md-select__link[hreflang="{other}"]')
                assert link.get_attribute("lang") == other
                link.click()
                page.wait_for_load_state()
                if page.url != base_url + _prefix(other) + same:
                    wrong.append(f"/{path} -> {other}: {page.url}")
                elif page.evaluate("document.documentElement.lang") != other:
                    wrong.append(f"/{path} -> {other}: <html lang> is not {other}")
    finally:
        context.close()
    assert wrong == []


@pytest.mark.parametrize("lang", [pytest.param(i, id=f"language-{i}") for i in range(2)])
def test_search_finds_only_pages_of_its_own_language(browser: Browser, base_url: str, lang: int) -> None:
    languages = _languages()
    code = languages[lang]
    context = browser.new_context()
    requested: list[str] = []

    def on_request(request: Request) -> None:
        requested.append(request.url)

    context.on("request", on_request)
    page = context.new_page()
    try:
        page.goto(base_url + _prefix(code), wait_until="networkidle")
        assert use_search(page, search_query(code)) > 0
        hrefs = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    finally:
        context.close()
    assert hrefs
    others = [f"{base_url}{_prefix(x)}" for x in languages if x != code and _prefix(x)]
    own = base_url + _prefix(code)
    assert [h for h in hrefs if not h.startswith(own) or any(h.startswith(o) for o in others)] == []
    stemmer = f"{own}assets/javascripts/lunr/min/lunr.{code}.min.js"
    if _prefix(code):  # English is lunr's own language: no extra stemmer to load
        assert stemmer in requested, "the search worker did not load the language's stemmer"
