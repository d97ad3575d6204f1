"""Charts as views of facts: the rules a chart must follow, and its Vega-Lite spec, description and table.

Plain Python (no MkDocs, no renderer): `check_chart` says what is wrong with a
chart declared in content/charts.yml (the loader locates it), `build_chart`
turns a valid chart into a `ChartView`: a Vega-Lite spec whose every number
comes from a fact, a formula over facts or the chart's declared x range;
the accessible name and a description written from the data; and the rows of
the table printed under the chart, each with the sources it rests on.

Labels (ticks, values, dates) are formatted by `explainer.language.locale`, in the
page's language, and handed to Vega-Lite as text, so the picture and the
prose can never write a figure two ways. Colours are four placeholder
values that `chartsvg` turns into CSS classes: the page's palette colours
the chart (light, dark and print).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from explainer import kinds
from explainer.kinds import format_value
from explainer.language.locale import ORIGINAL, format_date, label, typography
from explainer.language.picture_words import mid_sentence, words
from explainer.load import derived
from explainer.load.charts import line_formula, x_quantity
from explainer.model import Chart, ChartKind, Content, Fact, Origin, PartialDate
from explainer.render.derivation import bare_value
from explainer.text.references import REFERENCE

INK, GRID, SERIES, MARK = "#010101", "#020202", "#030303", "#040404"
"""Placeholder colours: text and axes, grid lines, the data, the marked facts (`chartsvg.ROLES`)."""

WIDTH = 560
SAMPLES = 96
"""Points computed along a line chart's range (plus every marked x)."""
FONT_SIZE = 16


@dataclass(frozen=True)
class Layout:
    """The size a chart is drawn at: its plot's width, its text size and the room for a bar's label (px)."""

    width: int
    font_size: int
    label_width: int


WIDE = Layout(WIDTH, FONT_SIZE, 240)
"""A column of 560 px or more (desktop, tablet, print): the picture scales to the column."""
NARROW = Layout(236, 14, 112)
"""A phone's column (358 px at 390): drawn about as wide as the column, so its text stays ≥ 12 CSS px."""
_CHAR_EM = 0.6
"""A generous average character width, in em, for wrapping (the page's sans-serif fonts are narrower)."""


VEGA_LITE = "https://vega.github.io/schema/vega-lite/v5.json"
"""The spec's `$schema` (an identifier; nothing is fetched)."""


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    sources: tuple[str, ...]
    """The sources this row rests on, cited in its last column."""


@dataclass(frozen=True)
class ChartView:
    chart: Chart
    spec: Mapping[str, Any]
    name: str
    description: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    narrow: Mapping[str, Any] | None = None
    """The spec drawn for a phone's column (`NARROW`); None for a strip, shown there as a list of its events."""


# --- Views ---------------------------------------------------------------------------------------


def format_amount(value: int | float, kind: str, unit: str | None, lang: str) -> str:
    """A number as a fact of this kind and unit would show it (the same locale layer)."""
    shown = int(value) if float(value).is_integer() else value
    probe = Fact("", "", kind, shown, PartialDate(2000), (), Origin(""), unit=unit)
    return format_value(probe, lang)


def _number(value: Decimal | float | int) -> int | float:
    """A JSON number: whole values as integers, others rounded to 10 significant digits (stable bytes)."""
    f = float(value)
    if f.is_integer() and abs(f) < 2**53:
        return int(f)
    return float(f"{f:.10g}")


def _label_expr(values: Sequence[int | float | str], labels: Sequence[str | list[str]]) -> str:
    """A Vega expression that shows each tick value as its locale-formatted label (a list: one line each)."""
    expr = '""'
    for value, text in reversed(list(zip(values, labels, strict=True))):
        expr = f"datum.value === {json.dumps(value)} ? {json.dumps(text, ensure_ascii=False)} : {expr}"
    return expr


def wrap(text: str, width: float, font_size: int) -> list[str]:
    """`text` in lines of at most `width` px at `font_size` (estimated), broken at ordinary spaces only
    (a no-break space keeps its neighbours together); a word longer than the width has a line of its own."""
    most = max(1, int(width / (font_size * _CHAR_EM)))
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += " " + word
        elif word:
            lines.append(word)
    return lines or [text]


def _config(layout: Layout) -> dict[str, Any]:
    axis = {
        "labelColor": INK,
        "titleColor": INK,
        "domainColor": INK,
        "tickColor": INK,
        "gridColor": GRID,
        "labelFontSize": layout.font_size,
        "titleFontSize": layout.font_size,
        "titleFontWeight": "normal",
        "labelLimit": 0,  # never cut a label: long ones are wrapped in lines before they get here
        "labelLineHeight": round(layout.font_size * 1.2),
        "titlePadding": 18,  # room for the page font, a little wider than the one vl-convert measures with
    }
    # Keyword form: a quoted key could match a page id of some explainer (tests/test_engine_is_generic.py).
    return dict(
        background=None,
        aria=False,
        font="sans-serif",
        view={"stroke": None},
        axis=axis,
        text={"color": INK, "fontSize": layout.font_size, "lineHeight": round(layout.font_size * 1.2)},
    )


def _log_ticks(low: float, high: float) -> list[int | float]:
    first, last = math.ceil(math.log10(low) - 1e-9), math.floor(math.log10(high) + 1e-9)
    step = max(1, math.ceil((last - first + 1) / 7))
    return [_number(Decimal(10) ** k) for k in range(first, last + 1, step)]


def _linear_ticks(high: float, count: int = 5) -> list[int | float]:
    if high <= 0:
        return [0]
    raw = high / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [_number(Decimal(str(step)) * i) for i in range(count + 2) if step * (i - 1) < high]


def _ticks_through_zero(low: float, high: float) -> list[int | float]:
    """Ticks from 0 to `high`, extended below zero to `low` with the same step when a value is negative
    (an outflow's bar runs left of zero)."""
    if low >= 0:
        return _linear_ticks(high)
    ticks = _linear_ticks(max(high, -low))
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1
    below = [_number(-Decimal(str(step)) * i) for i in range(1, len(ticks) + 1) if step * (i - 1) < -low]
    return [*reversed(below), *(t for t in ticks if t == 0 or t - step < high)]


def _sources(facts: Sequence[Fact]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for f in facts for s in f.sources))


def build_chart(chart: Chart, content: Content, lang: str) -> ChartView:
    """The chart's spec, accessible name, description and table in `lang` (the chart passed `check_chart`)."""
    builder = {ChartKind.BAR: _bar, ChartKind.STRIP: _strip, ChartKind.LINE: _line}[chart.kind]
    chart = typeset_chart(in_language(chart, lang), lang)
    view = builder(chart, content, lang, WIDE)
    narrow = None if chart.kind is ChartKind.STRIP else builder(chart, content, lang, NARROW).spec
    return replace(
        view,
        spec=_typeset(view.spec, lang),
        narrow=None if narrow is None else _typeset(narrow, lang),
        description=typography(view.description, lang),
        header=tuple(typography(h, lang) for h in view.header),
        rows=tuple(replace(r, cells=tuple(typography(c, lang) for c in r.cells)) for r in view.rows),
    )


def typeset_chart(chart: Chart, lang: str) -> Chart:
    """The chart's own words (title, caption, axis titles, mark labels) set by `lang`'s typography."""
    marks = tuple(replace(m, label=typography(m.label, lang)) if m.label else m for m in chart.marks)
    x_axis = replace(chart.x_axis, label=typography(chart.x_axis.label, lang)) if chart.x_axis else None
    y_axis = replace(chart.y_axis, label=typography(chart.y_axis.label, lang)) if chart.y_axis else None
    caption = typography(chart.caption, lang) if chart.caption else chart.caption
    return replace(
        chart, title=typography(chart.title, lang), caption=caption, x_axis=x_axis, y_axis=y_axis, marks=marks
    )


def _typeset(spec: Any, lang: str) -> Any:
    """Every text of a spec set by `lang`'s typography (French spaces before `: ; ! ?`), except its
    expressions (`labelExpr`, whose `?` and `:` are operators) and the `$schema` address."""
    if isinstance(spec, Mapping):
        return {k: v if k in ("labelExpr", "$schema") else _typeset(v, lang) for k, v in spec.items()}
    if isinstance(spec, list):
        return [_typeset(v, lang) for v in spec]
    return typography(spec, lang) if isinstance(spec, str) else spec


def in_language(chart: Chart, lang: str) -> Chart:
    """The chart with its words (title, caption, axis titles, mark labels) in `lang` (its `fr:` block);
    as it is when `lang` is the original or the chart has no words in it."""
    forms = chart.translations.get(lang) if lang != ORIGINAL else None
    if forms is None:
        return chart
    labels = iter(forms.marks)
    marks = tuple(replace(m, label=next(labels, m.label)) if m.label else m for m in chart.marks)
    x_axis = replace(chart.x_axis, label=forms.x) if chart.x_axis is not None and forms.x else chart.x_axis
    y_axis = replace(chart.y_axis, label=forms.y) if chart.y_axis is not None and forms.y else chart.y_axis
    caption = forms.caption if forms.caption is not None else chart.caption
    return replace(chart, title=forms.title, caption=caption, x_axis=x_axis, y_axis=y_axis, marks=marks)


def _bar(chart: Chart, content: Content, lang: str, layout: Layout) -> ChartView:
    w = words(lang)
    facts = [content.facts[f] for f in chart.facts]
    values = [float(f.value) for f in facts]  # type: ignore[arg-type]  # checked numeric
    shown = [format_value(f, lang) for f in facts]
    ticks = _ticks_through_zero(min(values), max(values))
    unit = facts[0]
    tick_labels = [format_amount(t, unit.kind, unit.unit, lang) for t in ticks]
    names = [typography(label(f, lang), lang) for f in facts]
    lines = [wrap(n, layout.label_width, layout.font_size) for n in names]  # a long label in lines, never cut
    data = [{"label": n, "value": _number(v), "text": s} for n, v, s in zip(names, values, shown, strict=True)]
    most_lines = max(len(ls) for ls in lines)
    spec = {
        "$schema": VEGA_LITE,
        "width": layout.width - layout.label_width,
        "height": {"step": max(40, round(layout.font_size * 1.2) * most_lines + 16)},
        "config": _config(layout),
        "data": {"values": data},
        "encoding": {
            "y": {
                "field": "label",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelExpr": _label_expr(names, list(lines))},
            },
            "x": {
                "field": "value",
                "type": "quantitative",
                "title": None,
                "scale": {"domain": [ticks[0], ticks[-1]], "nice": False},
                "axis": {"values": ticks, "labelExpr": _label_expr(ticks, tick_labels), "labelOverlap": True},
            },
        },
        "layer": [
            {"mark": {"type": "bar", "color": SERIES, "height": {"band": 0.7}}},
            {"mark": {"type": "text", "align": "left", "dx": 6, "color": INK}, "encoding": {"text": {"field": "text"}}},
        ],
    }
    top = facts[values.index(max(values))]
    unit_word = kinds.of(unit.kind).axis_word(unit, lang)
    items = w["sep"].join(w["item"].format(label=label(f, lang), value=s) for f, s in zip(facts, shown, strict=True))
    description = w["bar_desc"].format(n=len(facts), unit=unit_word, items=items, top=label(top, lang))
    rows = tuple(Row((label(f, lang), s), f.sources) for f, s in zip(facts, shown, strict=True))
    return ChartView(chart, spec, chart.title, description, (w["col_what"], w["col_value"], w["col_sources"]), rows)


def _fraction_of_year(date: PartialDate) -> float:
    start = date.earliest()
    days = 366 if start.year % 4 == 0 and (start.year % 100 != 0 or start.year % 400 == 0) else 365
    return round(start.year + (start.timetuple().tm_yday - 1) / days, 4)


def strip_events(chart: Chart, content: Content, lang: str) -> list[tuple[PartialDate, str, tuple[str, ...]]]:
    """(date, what happened, sources) of each event on a strip, in date order, in `lang`."""
    events: list[tuple[PartialDate, str, tuple[str, ...]]] = []
    if chart.entries or not chart.facts:
        wanted = set(chart.entries)
        for e in content.timeline:
            if not chart.entries or e.id in wanted:
                events.append((e.date, e.title if lang == ORIGINAL else e.translations.get(lang, e.title), e.sources))
    for fid in chart.facts:
        fact = content.facts[fid]
        assert isinstance(fact.value, PartialDate)
        events.append((fact.value, label(fact, lang), fact.sources))
    return sorted(events, key=lambda e: (e[0].earliest(), e[1]))


def _strip(chart: Chart, content: Content, lang: str, layout: Layout) -> ChartView:
    w = words(lang)
    events = strip_events(chart, content, lang)
    first, last = events[0][0].year, events[-1][0].year + 1
    step = max(1, math.ceil((last - first) / 8))
    years = list(range(first, last + 1, step))
    data = [
        {"t": _fraction_of_year(d), "n": str(i + 1), "lane": i % 3, "date": format_date(d, lang)}
        for i, (d, _, _) in enumerate(events)
    ]
    spec = {
        "$schema": VEGA_LITE,
        "width": layout.width,
        "height": 96,
        "config": _config(layout),
        "data": {"values": data},
        "encoding": {
            "x": {
                "field": "t",
                "type": "quantitative",
                "title": None,
                "scale": {"domain": [years[0], years[-1]], "nice": False, "zero": False},
                "axis": {
                    "values": years,
                    "labelExpr": _label_expr(years, [format_date(PartialDate(y), lang) for y in years]),
                    "grid": True,
                },
            },
            "y": {"field": "lane", "type": "quantitative", "axis": None, "scale": {"domain": [-0.6, 2.9]}},
        },
        "layer": [
            {"mark": {"type": "point", "filled": True, "size": 110, "color": SERIES, "opacity": 1}},
            {
                "mark": {"type": "text", "dy": -14, "color": INK, "fontWeight": "bold"},
                "encoding": {"text": {"field": "n"}},
            },
        ],
    }
    items = w["sep"].join(
        w["numbered"].format(n=i + 1, date=format_date(d, lang), title=title) for i, (d, title, _) in enumerate(events)
    )
    description = w["strip_desc"].format(
        n=len(events), first=format_date(events[0][0], lang), last=format_date(events[-1][0], lang), items=items
    )
    rows = tuple(
        Row((str(i + 1), format_date(d, lang), title), sources) for i, (d, title, sources) in enumerate(events)
    )
    header = (w["number_col"], w["col_date"], w["col_event"], w["col_sources"])
    return ChartView(chart, spec, chart.title, description, header, rows)


def _line(chart: Chart, content: Content, lang: str, layout: Layout) -> ChartView:
    assert chart.x_axis is not None and chart.y_axis is not None and chart.x_range is not None
    w = words(lang)
    formula = line_formula(chart)
    inputs = [content.facts[f] for f in formula.facts]
    values = {f.id: derived.fact_quantity(f) for f in inputs}
    low, high = (float(v) for v in chart.x_range)
    log_x = chart.x_axis.scale == "log"
    log_y = chart.y_axis.scale == "log"
    marks = [(m, content.facts[m.fact]) for m in chart.marks]

    def y_at(x: float) -> float:
        return float(derived.evaluate(formula, values, {"x": x_quantity(chart, _number(x))}).value)

    if log_x:
        xs = [math.exp(math.log(low) + (math.log(high) - math.log(low)) * i / SAMPLES) for i in range(SAMPLES + 1)]
    else:
        xs = [low + (high - low) * i / SAMPLES for i in range(SAMPLES + 1)]
    xs += [float(f.value) for m, f in marks if m.axis == "x"]  # type: ignore[arg-type]  # checked numeric
    xs = sorted({_number(x) for x in xs if low <= x <= high})
    points = [{"x": x, "y": _number(y_at(x))} for x in xs]
    y_unit_fact = next((f for m, f in marks if m.axis == "y"), None)
    y_kind = (
        y_unit_fact.kind
        if y_unit_fact
        else next((f.kind for f in inputs[:1] if kinds.of(f.kind).currency), kinds.PLAIN)
    )  # a formula over a sum of money gives money in its currency; over anything else, a plain number
    y_unit = y_unit_fact.unit if y_unit_fact else next((f.unit for f in inputs if kinds.of(f.kind).currency), None)

    x_kind = chart.x_kind
    assert x_kind is not None  # set on every line chart

    def fx(v: float) -> str:
        return format_amount(v, x_kind, chart.x_unit, lang)

    def fy(v: float) -> str:
        return format_amount(v, y_kind, y_unit, lang)

    def tick(text: str) -> str | list[str]:  # on a phone, a long tick label in lines
        return text if layout is WIDE else wrap(text, layout.label_width, layout.font_size)

    all_y = [p["y"] for p in points] + [float(f.value) for m, f in marks if m.axis == "y"]  # type: ignore[arg-type]
    y_low, y_high = min(all_y), max(all_y)
    x_ticks = _log_ticks(low, high) if log_x else _linear_ticks(high)
    x_labelled = x_ticks[:: max(1, math.ceil(len(x_ticks) / 4))] if log_x else x_ticks
    if log_y:
        y_domain = [_number(10 ** math.floor(math.log10(y_low))), _number(10 ** math.ceil(math.log10(y_high)))]
        y_ticks = _log_ticks(y_domain[0], y_domain[1])
    else:
        y_ticks = _linear_ticks(y_high)
        y_domain = [0, y_ticks[-1]]
    x_scale = {"type": "log" if log_x else "linear", "domain": [_number(low), _number(high)], "nice": False}
    y_scale = {"type": "log" if log_y else "linear", "domain": y_domain, "nice": False, "zero": False}
    x_enc = {
        "field": "x",
        "type": "quantitative",
        "title": chart.x_axis.label,
        "scale": x_scale,
        "axis": {
            "values": x_labelled,
            "labelExpr": _label_expr(x_labelled, [tick(fx(t)) for t in x_labelled]),
            "labelFlush": True,
        },
    }
    y_enc = {
        "field": "y",
        "type": "quantitative",
        "title": chart.y_axis.label,
        "scale": y_scale,
        "axis": {"values": y_ticks, "labelExpr": _label_expr(y_ticks, [tick(fy(t)) for t in y_ticks])},
    }
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": points},
            "mark": {"type": "line", "color": SERIES, "strokeWidth": 3, "interpolate": "linear"},
            "encoding": {"x": x_enc, "y": y_enc},
        }
    ]
    mark_rows: list[Row] = []
    marked: list[str] = []
    next_y, below = 0, False
    for m, fact in marks:
        value = _number(float(fact.value))  # type: ignore[arg-type]
        name = m.label or label(fact, lang)
        marked.append(w["item"].format(label=name, value=format_value(fact, lang)))
        field, other = ("x", "y") if m.axis == "x" else ("y", "x")
        text_line = typography(marked[-1], lang)
        if m.axis == "x":  # the label beside its vertical rule, on the side with more room, wrapped to fit
            at = (
                (math.log(value) - math.log(low)) / (math.log(high) - math.log(low))
                if log_x
                else (value - low) / (high - low)
            )
            left = at > 0.5
            room = layout.width * (at if left else 1 - at) - 8
        else:
            left, room = False, layout.width / 2 - 8  # the left half: clear of a rule in the middle
            y_at_mark = (
                (math.log(value) - math.log(y_domain[0])) / (math.log(y_domain[1]) - math.log(y_domain[0]))
                if log_y
                else (value - y_domain[0]) / (y_domain[1] - y_domain[0])
            )
            below = y_at_mark > 0.5  # in the upper half, where the x marks' labels stand, the label goes under
        lines = wrap(text_line, room, layout.font_size)
        datum = {field: value, "label": lines}
        rule: dict[str, Any] = {
            "data": {"values": [datum]},
            "mark": {"type": "rule", "color": MARK, "strokeDash": [6, 4], "strokeWidth": 2},
            "encoding": {field: {"field": field, "type": "quantitative"}},
        }
        line_height = round(layout.font_size * 1.2)
        text_pos: dict[str, Any] = {"y": {"value": 10 + next_y}} if m.axis == "x" else {"x": {"value": 6}}
        if m.axis == "x":
            next_y += line_height * len(lines) + 4
        text: dict[str, Any] = {
            "data": {"values": [datum]},
            "mark": {
                "type": "text",
                "color": INK,
                "align": "right" if left else "left",
                "dx": (-6 if left else 6) if m.axis == "x" else 0,
                "dy": 0 if m.axis == "x" else (6 if below else -8),
                "baseline": "top" if m.axis == "x" or below else "bottom",
            },
            "encoding": {field: {"field": field, "type": "quantitative"}, "text": {"field": "label"}, **text_pos},
        }
        layers += [rule, text]
        if m.axis == "x":
            layers.append(
                {
                    "data": {"values": [{"x": value, "y": _number(y_at(value))}]},
                    "mark": {"type": "point", "filled": True, "size": 90, "color": MARK, "opacity": 1},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative"},
                        "y": {"field": "y", "type": "quantitative"},
                    },
                }
            )
            mark_rows.append(
                Row(
                    (w["item"].format(label=m.label or label(fact, lang), value=fx(value)), fy(y_at(value))),
                    fact.sources,
                )
            )
        else:
            del other
            mark_rows.append(Row((m.label or label(fact, lang), format_value(fact, lang)), fact.sources))
    spec = {
        "$schema": VEGA_LITE,
        "width": layout.width,
        "height": 340 if layout is WIDE else 300,
        "config": _config(layout),
        "layer": layers,
    }
    x_name, y_name = chart.x_axis.label, chart.y_axis.label
    shown_formula = derived_formula_text(chart, content, lang)
    rows = [Row((w["formula_row"], f"{y_name} = {shown_formula}"), _sources(inputs))]
    rows += [Row((fx(t), fy(y_at(float(t)))), _sources(inputs)) for t in x_ticks]
    rows += mark_rows
    scales = w["line_log"] if log_x and log_y else ""
    description = w["line_desc"].format(
        scales=scales,
        y=y_name,
        x=x_name,
        y_mid=mid_sentence(y_name),
        x_mid=mid_sentence(x_name),
        x0=fx(low),
        x1=fx(high),
        y0=fy(y_at(low)),
        y1=fy(y_at(high)),
    )
    if marked:
        description += w["marked"].format(items=w["sep"].join(marked))
    return ChartView(chart, spec, chart.title, description, (x_name, y_name, w["col_sources"]), tuple(rows))


def chart_facts(chart: Chart, content: Content) -> list[str]:
    """Every fact a chart draws on: compared, dated, in its formula or marked."""
    ids = list(chart.facts)
    if chart.kind is ChartKind.STRIP:
        wanted = set(chart.entries)
        ids += [e.fact for e in content.timeline if e.fact and (not chart.entries or e.id in wanted)]
    if chart.formula is not None:
        ids += list(line_formula(chart).facts)
    ids += [m.fact for m in chart.marks]
    return list(dict.fromkeys(ids))


def derived_formula_text(chart: Chart, content: Content, lang: str) -> str:
    """A line's formula with values: `max(€20 million, 4% × turnover)`."""
    assert chart.formula is not None and chart.x_axis is not None
    text = chart.formula
    out, pos = [], 0
    for m in REFERENCE.finditer(text):
        out.append(text[pos : m.start()])
        out.append(bare_value(content.facts[m.group(3)], lang))
        pos = m.end()
    out.append(text[pos:])
    joined = "".join(out).replace("*", "×").replace("/", "÷")
    joined = re.sub(r"\bx\b", chart.x_axis.label.lower(), joined)
    return " ".join(joined.split())
