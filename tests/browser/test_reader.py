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
        if content.facts[ref.fact_id].formula is None  # a derived fact's tooltip shows its formula instead
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


def test_the_changes_log_lists_the_correction_and_pages_link_to_it(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "changes/")
    entry = page.locator("h2.changes__entry--correction").first
    assert entry.is_visible() and "Source title as published" in entry.inner_text()  # titled by its commit
    assert "Correction" in page.locator(".changes__meta").first.inner_text()
    assert "The title was mistyped." in page.locator(".changes__reason").first.inner_text()
    anchor = entry.get_attribute("id")
    data = next(p for p in project_content().pages if p.generated == "data")  # it shows every source
    page.goto(base_url + _path(data))
    page.locator(f'.page-updated a[href$="#{anchor}"]').click()
    page.wait_for_load_state()  # the click navigates to another page: its entry is there once it has loaded
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert page.locator(f"#{anchor}").is_visible()
    page.close()


def test_a_citation_is_copied_with_the_keyboard(browser: Browser, base_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url)
    short = page.locator(".cite-this__text").first
    button = page.locator(".cite-copy").first
    button.focus()
    assert page.evaluate("document.activeElement.classList.contains('cite-copy')")
    page.keyboard.press("Enter")
    page.locator(".cite-copy__status").first.filter(has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == " ".join(short.inner_text().split())
    context.close()


def test_without_javascript_citations_are_selectable_text_and_no_button_shows(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url)
    assert page.locator(".cite-copy").count() == 0
    texts = page.locator(".cite-this__text")
    assert texts.count() == 2 and texts.first.is_visible()
    assert texts.first.evaluate("e => getComputedStyle(e).userSelect") in ("all", "text", "auto")
    context.close()
