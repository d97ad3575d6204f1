"""Share images: a 1200×630 PNG per page for link previews (Open Graph, Twitter), made at build time.

What the page is about at a glance, in the page's language:

- a page with key figures (`figures:` in pages.yml) shows them as cards, each value with
  its label, and the line of the sources they come from, as the page's headline cards do;
- otherwise a page that places a chart shows that chart (the spec the page draws, rendered
  to PNG by vl-convert) with its sources; a dated strip, whose dots are only numbered, shows
  its (latest six) events as cards instead, each date over what happened;
- any other page shows its title alone.

Text is DejaVu Sans shipped beside this file under its licence (`fonts/LICENSE-DejaVu.txt`),
for Pillow and for vl-convert alike: nothing is downloaded, and the same input gives the same
bytes (no timestamps or text chunks in the PNG, fixed compression). Values come from
`explainer.language.locale`, as on the page, and words from the language's file.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explainer.kinds import format_value
from explainer.language.locale import label, typography
from explainer.language.picture_words import words
from explainer.model import Chart, ChartKind, Content, Page
from explainer.render.charts import GRID, INK, MARK, SERIES, build_chart
from explainer.render.parts import page_title

if TYPE_CHECKING:  # Pillow is imported when a card is drawn: a build without share images never loads it
    from PIL import ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).parent / "fonts"
_PAPER = (255, 255, 255)
_INK = (26, 26, 32)
_QUIET = (70, 70, 80)
_BAND = (48, 63, 161)  # the site's indigo (#303fa1), as in docs/stylesheets/extra.css
_MARGIN = 80
_CHART_COLOURS = {INK: "#1a1a20", GRID: "#d4d4dc", SERIES: "#303fa1", MARK: "#9c3d00"}
"""The chart's placeholder colours, as the light palette shows them (docs/stylesheets/extra.css)."""
MAX_FIGURES = 6


@dataclass(frozen=True)
class ShareFigure:
    value: str
    label: str


@dataclass(frozen=True)
class ShareCard:
    title: str
    site_name: str
    figures: tuple[ShareFigure, ...] = ()
    chart: str | None = None
    """The chart's Vega-Lite spec as JSON, in the card's colours and font, when the card shows a chart."""
    sources: str | None = None
    """The line naming the sources of what the card shows (`Sources: Example Corp, Reuters`)."""


def _source_line(source_ids: Iterable[str], content: Content, lang: str) -> str | None:
    publishers = list(dict.fromkeys(content.sources[s].publisher for s in source_ids if s in content.sources))
    if not publishers:
        return None
    w = words(lang)
    line = w["share_source" if len(publishers) == 1 else "share_sources"].format(sources=", ".join(publishers))
    return typography(line, lang)


def page_chart(page: Page, content: Content) -> Chart | None:
    """The first chart the page places, if any."""
    for section_id in page.sections:
        section = content.sections.get(section_id)
        for ref in section.charts if section is not None else ():
            if ref.chart_id in content.charts:
                return content.charts[ref.chart_id]
    return None


def _card_spec(spec: Mapping[str, Any]) -> str:
    """The spec in the card's colours and font (vl-convert draws it without the page's stylesheet)."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    for placeholder, colour in _CHART_COLOURS.items():
        text = text.replace(json.dumps(placeholder), json.dumps(colour))
    return text.replace('"sans-serif"', '"DejaVu Sans"')


def share_card(page: Page, content: Content, site_name: str, lang: str) -> ShareCard:
    """What a page's image says, in `lang` (each edition has its own images)."""
    title = page_title(page, lang)
    facts = [content.facts[f] for f in page.figures if f in content.facts][:MAX_FIGURES]
    if facts:
        figures = tuple(ShareFigure(format_value(f, lang), typography(label(f, lang), lang)) for f in facts)
        sources = _source_line((s for f in facts for s in f.sources), content, lang)
        return ShareCard(title, site_name, figures=figures, sources=sources)
    chart = page_chart(page, content)
    if chart is not None:
        view = build_chart(chart, content, lang)
        sources = _source_line((s for row in view.rows for s in row.sources), content, lang)
        if chart.kind is ChartKind.STRIP:  # its dots are numbered only: its events as cards, date over event
            events = tuple(ShareFigure(row.cells[1], row.cells[2]) for row in view.rows[-MAX_FIGURES:])
            return ShareCard(title, site_name, figures=events, sources=sources)
        return ShareCard(title, site_name, chart=_card_spec(view.spec), sources=sources)
    return ShareCard(title, site_name)


def share_path(page: Page) -> str:
    """Where the image is published, relative to the site root."""
    return f"assets/share/{page.id}.png"


@functools.lru_cache(maxsize=16)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _fit(
    draw: ImageDraw.ImageDraw, text: str, sizes: tuple[int, ...], width: int, max_lines: int, bold: bool = True
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which `text` fits in `max_lines` lines (the last line ellipsed if none does)."""
    for size in sizes:
        font = _font(bold, size)
        lines = _wrap(draw, text, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    while draw.textlength(lines[-1] + "…", font=font) > width and " " in lines[-1]:
        lines[-1] = lines[-1].rsplit(" ", 1)[0]
    lines[-1] += "…"
    return font, lines


@functools.lru_cache(maxsize=64)
def share_png(card: ShareCard) -> bytes:
    """The card as PNG bytes (cached: serve rebuilds redraw only what changed)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), _PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill=_BAND)
    width = WIDTH - 2 * _MARGIN
    draw.text((_MARGIN, 48), card.site_name, font=_font(True, 28), fill=_BAND)
    shows = bool(card.figures or card.chart)
    y = 100 if shows else 140
    sizes = (48, 42, 36) if shows else (72, 64, 56, 48)
    title_font, title_lines = _fit(draw, card.title, sizes, width, 2 if shows else 4)
    for line in title_lines:
        draw.text((_MARGIN, y), line, font=title_font, fill=_INK)
        y += int(title_font.size * 1.2)
    bottom = HEIGHT - 48
    if card.sources:
        source_font, source_lines = _fit(draw, card.sources, (24, 22, 20), width, 2, bold=False)
        bottom -= int(source_font.size * 1.3) * len(source_lines)
        for i, line in enumerate(source_lines):
            draw.text((_MARGIN, bottom + i * int(source_font.size * 1.3)), line, font=source_font, fill=_QUIET)
        bottom -= 20
    box = (_MARGIN, y + 24, WIDTH - _MARGIN, bottom)
    if card.figures:
        _draw_figures(draw, card.figures, box)
    elif card.chart:
        _paste_chart(image, card.chart, box)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


def _draw_figures(draw: ImageDraw.ImageDraw, figures: tuple[ShareFigure, ...], box: tuple[int, int, int, int]) -> None:
    """The figures as cards in a grid: up to three a row, each value in bold over its label."""
    left, top, right, bottom = box
    columns = len(figures) if len(figures) <= 3 else (2 if len(figures) == 4 else 3)
    rows = -(-len(figures) // columns)
    gap = 24
    cell_w = (right - left - gap * (columns - 1)) // columns
    cell_h = (bottom - top - gap * (rows - 1)) // rows
    for i, figure in enumerate(figures):
        x = left + (i % columns) * (cell_w + gap)
        y = top + (i // columns) * (cell_h + gap)
        draw.rectangle((x, y, x + 6, y + cell_h), fill=_BAND)
        inner = cell_w - 24
        value_font, value_lines, label_font, label_lines = _fit_cell(draw, figure, inner, cell_h, rows == 1)
        line_y = y + 4
        for line in value_lines:
            draw.text((x + 20, line_y), line, font=value_font, fill=_INK)
            line_y += int(value_font.size * 1.2)
        line_y += 4
        for line in label_lines:
            draw.text((x + 20, line_y), line, font=label_font, fill=_QUIET)
            line_y += int(label_font.size * 1.25)


def _fit_cell(
    draw: ImageDraw.ImageDraw, figure: ShareFigure, width: int, height: int, tall: bool
) -> tuple[ImageFont.FreeTypeFont, list[str], ImageFont.FreeTypeFont, list[str]]:
    """The largest value and label sizes at which both fit the card whole (value in at most two lines);
    the smallest sizes (value in up to three lines, the label ellipsed) when nothing does."""
    for value_size in (56, 48, 44, 38, 32, 28, 24) if tall else (44, 38, 32, 28, 24):
        value_font = _font(True, value_size)
        value_lines = _wrap(draw, figure.value, value_font, width)
        if len(value_lines) > 2 or any(draw.textlength(v, font=value_font) > width for v in value_lines):
            continue
        room = height - 8 - int(value_size * 1.2) * len(value_lines)
        for label_size in (24, 22, 20):
            label_font = _font(False, label_size)
            label_lines = _wrap(draw, figure.label, label_font, width)
            if len(label_lines) * int(label_size * 1.25) <= room:
                return value_font, value_lines, label_font, label_lines
    value_font, value_lines = _fit(draw, figure.value, (24,), width, 3)
    room = height - 8 - int(24 * 1.2) * len(value_lines)
    label_font, label_lines = _fit(draw, figure.label, (20,), width, max(1, room // 25), bold=False)
    return value_font, value_lines, label_font, label_lines


@functools.cache
def _vl_fonts() -> None:
    import vl_convert

    vl_convert.register_font_directory(str(FONTS))  # the card's font, whatever the system has


def _paste_chart(image: Any, spec_json: str, box: tuple[int, int, int, int]) -> None:
    """The chart rendered by vl-convert, scaled to fit the box (its proportions kept), pasted at its top left."""
    import vl_convert
    from PIL import Image

    _vl_fonts()
    png = vl_convert.vegalite_to_png(json.loads(spec_json), scale=2.0)
    chart = Image.open(io.BytesIO(png)).convert("RGBA")
    left, top, right, bottom = box
    ratio = min((right - left) / chart.width, (bottom - top) / chart.height)
    size = (max(1, round(chart.width * ratio)), max(1, round(chart.height * ratio)))
    chart = chart.resize(size, Image.Resampling.LANCZOS)
    image.paste(chart, (left, top), chart)
