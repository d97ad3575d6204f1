"""Share images hold the story: a page's key figures with their sources, or its chart, in the page's
language; always a 1200×630 PNG, the same bytes for the same input. Expectations come from the loaded
content, never from today's values."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from explainer.kinds import format_value
from explainer.language.locale import typography
from explainer.language.picture_words import words
from explainer.model import ChartKind, Content, Page
from explainer.web.share_image import HEIGHT, WIDTH, ShareCard, page_chart, share_card, share_png
from helpers import project_content

SITE = "An explainer"


def _size(png: bytes) -> tuple[int, int]:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image.size


def _inked_between(png: bytes, top: int, bottom: int) -> bool:
    """Whether anything is drawn in a band of the image (between the title's end and the source line)."""
    band = Image.open(io.BytesIO(png)).convert("L").crop((100, top, WIDTH, bottom))
    return band.point(lambda v: 255 if v < 128 else 0).getbbox() is not None


def _assert_drawn(card: ShareCard, message: str) -> None:
    """The card's image: its size, more than a title card, and ink where its figures or chart go."""
    png = share_png(card)
    assert _size(png) == (WIDTH, HEIGHT)
    assert png != share_png(ShareCard(card.title, SITE))
    assert _inked_between(png, 260, 460), message


def _pages(content: Content, with_figures: bool) -> list[Page]:
    return [p for p in content.pages if bool(p.figures) is with_figures]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_page_with_figures_shows_each_value_and_its_sources(lang: str) -> None:
    content = project_content()
    if lang not in content.languages:
        pytest.skip(f"this explainer has no {lang} edition")
    pages = _pages(content, with_figures=True)
    if not pages:
        pytest.skip("no page of this explainer has figures")
    for page in pages:
        card = share_card(page, content, SITE, lang)
        facts = [content.facts[f] for f in page.figures]
        assert [f.value for f in card.figures] == [format_value(f, lang) for f in facts]
        assert card.sources is not None
        for fact in facts:
            for source in fact.sources:
                assert content.sources[source].publisher in card.sources
        word = (
            "share_source"
            if len({content.sources[s].publisher for f in facts for s in f.sources}) == 1
            else "share_sources"
        )
        assert card.sources.startswith(typography(words(lang)[word].split("{", 1)[0], lang))
        _assert_drawn(card, f"'{page.id}': nothing drawn where the figures go")


def test_a_page_with_a_chart_and_no_figures_shows_the_chart() -> None:
    content = project_content()
    charted = [(p, c) for p in _pages(content, with_figures=False) if (c := page_chart(p, content)) is not None]
    if not charted:
        pytest.skip("no page of this explainer has a chart and no figures")
    for page, chart in charted:
        card = share_card(page, content, SITE, content.languages[0])
        if chart.kind is ChartKind.STRIP:  # numbered dots alone say nothing: the events, as dated cards
            assert card.figures and card.chart is None
        else:
            assert card.chart is not None and not card.figures
        assert card.sources is not None
        _assert_drawn(card, f"'{page.id}': nothing drawn where the chart goes")


def test_the_same_card_gives_the_same_bytes() -> None:
    content = project_content()
    page = next(iter(_pages(content, with_figures=True) or content.pages))
    card = share_card(page, content, SITE, content.languages[0])
    first = share_png(card)
    share_png.cache_clear()
    assert share_png(card) == first


def test_a_page_with_neither_is_its_title() -> None:
    content = project_content()
    plain = [p for p in _pages(content, with_figures=False) if page_chart(p, content) is None]
    if not plain:
        pytest.skip("every page has figures or a chart")
    card = share_card(plain[0], content, SITE, content.languages[0])
    assert card == ShareCard(card.title, SITE)
    assert _size(share_png(card)) == (WIDTH, HEIGHT)
