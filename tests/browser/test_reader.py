"""What a reader does with provenance, in a real browser: focus a figure to see
where it comes from, follow it to the source, print the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from explainer import Fact, Page, render_site
from helpers import project_content

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _a_fact_in_prose() -> tuple[Page, Fact]:
    """A fact cited in a section, preferring one with several sources (the richest tooltip)."""
    content = project_content()
    shown = [
        (page, content.facts[ref.fact_id])
        for page in content.pages
        for section in page.sections
        for ref in content.sections[section].references
    ]
    assert shown, "no section cites a fact"
    return max(shown, key=lambda pf: len(pf[1].sources))


def _path(page: Page) -> str:
    return "" if page.id == "index" else f"{page.id}/"


def test_keyboard_focus_shows_the_tooltip_and_the_link_leads_to_the_source(browser: Browser, base_url: str) -> None:
    where, fact = _a_fact_in_prose()
    sources = project_content().sources
    selector = f'[data-fact="{fact.id}"]'
    page = browser.new_page()
    page.goto(base_url + _path(where))
    tip = page.locator(f"{selector} .fact__tip").first
    value = page.locator(f"{selector} .fact__value").first
    assert tip.evaluate("e => getComputedStyle(e).opacity") == "0"
    value.focus()
    assert tip.evaluate("e => getComputedStyle(e).opacity") == "1"
    assert tip.is_visible()
    first = sources[fact.sources[0]]
    lead = "Source: " if len(fact.sources) == 1 else f"{len(fact.sources)} sources: "
    assert tip.inner_text().startswith(f"{lead}{first.publisher}, “{first.title}”")
    # Tab lands on the value link itself: it is in the keyboard order.
    assert page.evaluate("document.activeElement.classList.contains('fact__value')")
    value.press("Enter")
    target = page.evaluate("location.hash")
    assert target.startswith("#source-")
    assert page.locator(f"li{target}").inner_text().startswith(first.title)
    page.close()


def test_print_hides_navigation_and_writes_source_addresses_out(browser: Browser, base_url: str) -> None:
    where, _ = _a_fact_in_prose()
    page = browser.new_page()
    page.goto(base_url + _path(where))
    url = page.locator(".source-list .source-url").first
    assert not url.is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert url.is_visible() and url.inner_text().startswith("https://")
    assert page.locator(".fact-cite").first.is_visible()
    assert not page.locator(".fact__tip").first.is_visible()
    page.close()


def test_focus_shows_the_sources_own_words(browser: Browser, base_url: str) -> None:
    """The first fact on an explainer page that quotes its sources: the tooltip, once visible, quotes them."""
    content = project_content()
    quoted = [
        (r.page, content.facts[f])
        for r in render_site(content)
        if not r.page.generated
        for f in r.fact_ids
        if content.facts[f].evidence
    ]
    assert quoted, "no fact shown on an explainer page quotes its sources (make check requires evidence)"
    site_page, fact = quoted[0]
    page = browser.new_page()
    page.goto(base_url + ("" if site_page.id == "index" else f"{site_page.id}/"))
    value = page.locator(f'[data-fact="{fact.id}"] .fact__value').first
    tip = page.locator(f'[data-fact="{fact.id}"] .fact__tip').first
    value.focus()
    assert tip.is_visible()
    for _, text in fact.evidence:
        assert f"“{text}”" in tip.inner_text()
    page.close()
