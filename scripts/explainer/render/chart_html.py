"""A chart as the page shows it: title and caption, the inline SVG, then the same values as a table
with their citation numbers, so a chart's numbers are as traceable as the prose's."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from explainer.language.picture_words import words
from explainer.model import ChartKind
from explainer.render.charts import ChartView
from explainer.render.chartsvg import inline_svg


def element_id(chart_id: str) -> str:
    return "chart-" + chart_id.replace(".", "-")


def event_list(view: ChartView, eid: str) -> str:
    """A strip's events as a list (date, then what happened), shown instead of the picture on narrow screens."""
    items = "".join(
        f'<li><span class="chart__when">{html.escape(row.cells[1])}</span> {html.escape(row.cells[2])}</li>'
        for row in view.rows
    )
    return f'<ol class="chart__list" id="{eid}-list">{items}</ol>'


def chart_figure(view: ChartView, cite: Callable[[Sequence[str]], str], lang: str) -> str:
    """One line of HTML (a Markdown raw HTML block): `<figure>` with caption, SVG and data table."""
    chart = view.chart
    eid = element_id(chart.id)
    esc = html.escape
    caption = f'<span class="chart__title">{esc(view.name)}</span>'
    if chart.caption:
        caption += f" {esc(chart.caption)}"
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in view.header)
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row.cells) + f"<td>{cite(row.sources)}</td></tr>"
        for row in view.rows
    )
    table = (
        f'<details class="chart__data"><summary>{esc(words(lang)["data_summary"])}</summary>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></details>"
    )
    if view.narrow is not None:  # a phone's column gets a picture drawn for it (its text stays legible)
        svg = inline_svg(view.spec, eid, view.name, view.description, "wide")
        svg += inline_svg(view.narrow, f"{eid}-narrow", view.name, view.description, "narrow")
    elif chart.kind is ChartKind.STRIP:  # on a phone, a strip is the list of its events, top to bottom
        svg = inline_svg(view.spec, eid, view.name, view.description, "wide") + event_list(view, eid)
    else:
        svg = inline_svg(view.spec, eid, view.name, view.description)
    return (
        f'<figure class="chart chart--{chart.kind}" id="{eid}">'
        f'<figcaption class="chart__caption">{caption}</figcaption>{svg}{table}</figure>'
    )
