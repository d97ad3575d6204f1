"""Charts as readers meet them, in a real browser: each chart is an image named by its title and
described from its data, followed by a table whose values and citation numbers are the facts'
own; its colours follow the palette switch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from explainer import Content, Page
from explainer.kinds import format_value
from explainer.language.locale import format_date
from explainer.model import Chart, ChartKind
from explainer.render.chart_html import element_id
from explainer.render.charts import build_chart, strip_events
from helpers import project_content

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def charts_on_pages(content: Content) -> Iterator[tuple[Page, Chart]]:
    for page in content.pages:
        for section_id in page.sections:
            for ref in content.sections[section_id].charts:
                yield page, content.charts[ref.chart_id]


def expected_values(chart: Chart, content: Content) -> list[str]:
    """What the table must show, computed from the facts (not from the chart builder)."""
    if chart.kind is ChartKind.BAR:
        return [format_value(content.facts[f], "en") for f in chart.facts]
    if chart.kind is ChartKind.STRIP:
        return [f"{format_date(date, 'en')} {title}" for date, title, _ in strip_events(chart, content, "en")]
    return [format_value(content.facts[m.fact], "en").removeprefix("up to ") for m in chart.marks if m.axis == "y"]


def _path(page: Page) -> str:
    return "" if page.id == "index" else f"{page.id}/"


def test_each_chart_is_named_described_and_tabled_from_its_facts(browser: Browser, base_url: str) -> None:
    content = project_content()
    placed = list(charts_on_pages(content))
    if not placed:
        pytest.skip("this explainer places no chart")
    page = browser.new_page()
    for where, chart in placed:
        view = build_chart(chart, content, "en")
        page.goto(base_url + _path(where))
        figure = page.locator(f"#{element_id(chart.id)}")
        image = figure.get_by_role("img", name=chart.title, exact=True)
        assert image.count() == 1, f"chart '{chart.id}' has no image named '{chart.title}'"
        described = image.evaluate("e => document.getElementById(e.getAttribute('aria-describedby')).textContent")
        assert described == view.description
        # The table follows the picture (and the phone's drawing or list of it), and holds the facts' values.
        assert figure.evaluate("f => f.querySelector('svg').parentElement.lastElementChild.matches('details')")
        # The table may be closed (not rendered): read its cells' text, a space between cells.
        table_text = " ".join(
            figure.locator("details table")
            .evaluate(
                "t => [...t.querySelectorAll('tr')].map(r => [...r.cells].map(c => c.textContent).join(' ')).join(' ')"
            )
            .split()
        )
        for value in expected_values(chart, content):
            assert " ".join(value.split()) in table_text, f"chart '{chart.id}': table lacks {value!r}"
        # Each row's citation numbers lead to its sources, in the page's numbered list.
        rows = figure.locator("details tbody tr")
        assert rows.count() == len(view.rows)
        for i, row in enumerate(view.rows):
            links = rows.nth(i).locator("td:last-child a")
            titles = {
                page.locator(f"li{links.nth(k).get_attribute('href')} > a").first.inner_text()
                for k in range(links.count())
            }
            assert titles == {content.sources[s].title for s in row.sources}
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_colours_follow_the_palette_and_stand_out(browser: Browser, base_url: str, scheme: str) -> None:
    content = project_content()
    placed = list(charts_on_pages(content))
    if not placed:
        pytest.skip("this explainer places no chart")
    where, chart = placed[0]
    page = browser.new_page(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(base_url + _path(where))
    svg = page.locator(f"#{element_id(chart.id)} svg >> visible=true")
    contrast = svg.evaluate(
        """svg => {
          const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
          const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
          const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
            return (x + 0.05) / (y + 0.05); };
          let bg = getComputedStyle(document.body).backgroundColor;
          const out = {};
          for (const cls of ['chart-ink', 'chart-series', 'chart-mark']) {
            const el = svg.querySelector('.' + cls);
            if (el) out[cls] = ratio(getComputedStyle(el).color, bg);
          }
          return out;
        }"""
    )
    assert contrast, "the chart has no coloured part"
    assert contrast.get("chart-ink", 7) >= 7, contrast  # text in the chart: AAA, like the page
    assert all(v >= 3 for v in contrast.values()), contrast  # graphics: WCAG 1.4.11
    page.close()
