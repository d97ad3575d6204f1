"""Share images: a 1200×630 PNG per page for link previews (Open Graph, Twitter), made at build time.

The page's title, its key figure when it has one (the first of `figures:`, with
its label), and the site's name, in DejaVu Sans shipped beside this file
under its licence (`fonts/LICENSE-DejaVu.txt`): nothing is downloaded, and
the same input gives the same bytes (no timestamps or text chunks in the
PNG, fixed compression). Values come from `explainer.language.locale`, as on the page.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from explainer.kinds import format_value
from explainer.language.locale import label
from explainer.model import Content, Page
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


@dataclass(frozen=True)
class ShareCard:
    title: str
    site_name: str
    figure: str | None = None
    figure_label: str | None = None


def share_card(page: Page, content: Content, site_name: str, lang: str) -> ShareCard:
    """What a page's image says, in `lang` (each edition has its own images)."""
    title = page_title(page, lang)
    fact = content.facts.get(page.figures[0]) if page.figures else None
    if fact is None:
        return ShareCard(title, site_name)
    return ShareCard(title, site_name, format_value(fact, lang), label(fact, lang))


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
    site = _font(True, 30)
    draw.text((_MARGIN, 64), card.site_name, font=site, fill=_BAND)
    y = 140
    title_font, title_lines = _fit(draw, card.title, (72, 64, 56, 48), width, 3 if card.figure else 4)
    for line in title_lines:
        draw.text((_MARGIN, y), line, font=title_font, fill=_INK)
        y += int(title_font.size * 1.2)
    if card.figure:
        y = max(y + 30, 380)
        figure_font, figure_lines = _fit(draw, card.figure, (84, 72, 60, 48), width, 1)
        draw.text((_MARGIN, y), figure_lines[0], font=figure_font, fill=_BAND)
        y += int(figure_font.size * 1.25)
        if card.figure_label:
            label_font, label_lines = _fit(draw, card.figure_label, (34, 30), width, 1, bold=False)
            draw.text((_MARGIN, y), label_lines[0], font=label_font, fill=_QUIET)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()
