"""Charts a phone can read, and share images that hold the story, in a real browser at 390 px.

Every expectation comes from the loaded content: the strip's events (dates and titles), the charts
placed on pages, the pages' key figures."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import Browser, ViewportSize

from browser.test_charts import charts_on_pages
from explainer.language.locale import format_date
from explainer.model import ChartKind
from explainer.render.chart_html import element_id
from explainer.render.charts import strip_events
from explainer.web.share_image import HEIGHT, WIDTH, share_card, share_png
from helpers import project_content

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE: ViewportSize = {"width": 390, "height": 844}
SMALLEST_TEXT_PX = 12

# The size each text of the shown picture is drawn at, in CSS px: its font size times the
# picture's scale (rotated axis titles included: the scale is the length of the first column).
_TEXT_SIZES = """f => [...f.querySelectorAll('svg text')].filter(t => t.getClientRects().length).map(t => {
  const m = t.getScreenCTM();
  return [t.textContent, parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b)];
})"""


def _path(page_id: str, lang: str, original: str) -> str:
    prefix = "" if lang == original else f"{lang}/"
    return prefix + ("" if page_id == "index" else f"{page_id}/")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_strip_names_each_event_on_a_phone(browser: Browser, base_url: str, lang: str) -> None:
    content = project_content()
    strips = [(p, c) for p, c in charts_on_pages(content) if c.kind is ChartKind.STRIP]
    if not strips or lang not in content.languages:
        pytest.skip("this explainer places no strip (or has no such edition)")
    page = browser.new_page(viewport=PHONE)
    for where, chart in strips:
        page.goto(base_url + _path(where.id, lang, content.languages[0]))
        figure = page.locator(f"#{element_id(chart.id)}")
        for date, title, _ in strip_events(chart, content, lang):
            event = figure.get_by_text(title, exact=False).locator("visible=true")
            assert event.count() >= 1, f"'{chart.id}': '{title}' is not shown at 390 px"
            assert figure.get_by_text(format_date(date, lang), exact=True).locator("visible=true").count() >= 1
    page.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_chart_text_is_at_least_12_px_on_a_phone_and_never_cut(browser: Browser, base_url: str, lang: str) -> None:
    content = project_content()
    placed = list(charts_on_pages(content))
    if not placed or lang not in content.languages:
        pytest.skip("this explainer places no chart (or has no such edition)")
    page = browser.new_page(viewport=PHONE)
    for where, chart in placed:
        page.goto(base_url + _path(where.id, lang, content.languages[0]))
        figure = page.locator(f"#{element_id(chart.id)}")
        sizes = figure.evaluate(_TEXT_SIZES)
        small = [(text, round(px, 1)) for text, px in sizes if px < SMALLEST_TEXT_PX]
        assert not small, f"'{chart.id}' at 390 px: text under {SMALLEST_TEXT_PX} px: {small}"
        cut = [text for text, _ in sizes if text.endswith("…")]
        assert not cut, f"'{chart.id}': labels cut off: {cut}"
        if chart.kind is not ChartKind.STRIP:
            assert sizes, f"'{chart.id}' shows no picture at 390 px"
    page.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_share_images_hold_the_key_figures(browser: Browser, base_url: str, lang: str) -> None:
    content = project_content()
    pages = [p for p in content.pages if p.figures]
    if not pages or lang not in content.languages:
        pytest.skip("no page of this explainer has figures (or no such edition)")
    page = browser.new_page()
    for where in pages:
        page.goto(base_url + _path(where.id, lang, content.languages[0]))
        image_url = page.locator('meta[property="og:image"]').get_attribute("content")
        assert image_url, f"'{where.id}' has no share image"
        site_name = page.locator('meta[property="og:site_name"]').get_attribute("content") or ""
        path = image_url.split("/", 3)[3]  # the address on the site, served here
        response = page.request.get(base_url + path)
        assert response.ok, f"{image_url}: {response.status}"
        image = Image.open(io.BytesIO(response.body()))
        assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT))
        # The card the image was drawn from holds the values the page's headline cards show.
        shown = [" ".join(v.split()) for v in page.locator(".key-figure .fact__value").all_inner_texts()]
        card = share_card(where, content, site_name, lang)
        assert [" ".join(f.value.split()) for f in card.figures] == shown
        assert card.sources
        assert response.body() == share_png(card), f"'{where.id}': the image is not the card with its figures"
    page.close()
