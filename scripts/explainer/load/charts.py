"""Charts as content: `content/charts.yml` read with located errors, the rules a chart must follow
(`check_chart`: what it may show and how), and every `[[chart:ID]]` in sections checked.

Called by `loader` with its reader, after the facts and the timeline are read. Drawing a valid
chart is `render.charts`'s work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from explainer import kinds
from explainer.diagnostics import did_you_mean
from explainer.language.catalog import ORIGINAL
from explainer.language.strings import language_name
from explainer.load import derived
from explainer.load.reader import Reader, Record, optional_records
from explainer.load.schema import (
    CHART,
    CHART_FORMS,
    CHART_MARK,
    CHART_X,
    CHART_Y,
    Checked,
    check_record,
)
from explainer.load.yamlsrc import Mark, YNode, formula_mark
from explainer.model import (
    Chart,
    ChartAxis,
    ChartForms,
    ChartKind,
    ChartMark,
    Fact,
    TimelineEntry,
)


def load_charts(
    reader: Reader,
    facts: dict[str, Fact],
    fact_ids: set[str],
    timeline: list[TimelineEntry],
    entry_ids: set[str],
) -> dict[str, Chart]:
    """content/charts.yml, each chart checked against the facts it shows; then every `[[chart:ID]]`."""
    charts: dict[str, Chart] = {}

    records = optional_records(reader, "charts.yml", CHART)
    for record in records:
        made = _chart(reader, record, fact_ids, entry_ids)
        if made is None:
            continue
        chart, where = made
        problems = check_chart(chart, facts, timeline)
        for field_name, index, message in problems:
            reader.error(record.path, where(field_name, index), message)
        if not problems:
            charts[record.id] = chart
    declared = {r.id for r in records}
    for rel, body, f in reader.chart_refs:
        m = Mark(f.line, f.col)
        line_start = body.rfind("\n", 0, f.start) + 1
        line_end = body.find("\n", f.end)
        line = body[line_start : len(body) if line_end < 0 else line_end]
        if not f.target:
            reader.error(rel, m, "empty chart reference: write [[chart:ID]]")
        elif f.target not in declared and "charts.yml" not in reader.unreadable:
            hint = did_you_mean(f.target, declared) or " (no such id in content/charts.yml)"
            reader.error(rel, m, f"unknown chart '{f.target}'{hint}")
        elif line.strip() != body[f.start : f.end]:
            reader.error(rel, m, "a chart stands alone: put [[chart:ID]] on a line of its own, between blank lines")
    return charts


def _chart(
    reader: Reader, record: Record, fact_ids: set[str], entry_ids: set[str]
) -> tuple[Chart, Callable[[str, int], Mark | YNode]] | None:
    """A chart's fields, with nested axes and marks checked and every id known, and a function from
    (field, index or formula offset) to its position for later errors; None after an error."""
    v = record.values
    ok = record.ok
    what = f"chart '{record.id}'"
    for name, known, home in (("facts", fact_ids, "facts"), ("entries", entry_ids, "timeline.yml")):
        if home in reader.unreadable:
            continue
        for item_id, scalar in v.get(name, ()):
            if item_id not in known:
                kind = "fact" if name == "facts" else "timeline entry"
                reader.error(
                    record.path, scalar, f"{what} names unknown {kind} '{item_id}'{did_you_mean(item_id, known)}"
                )
                ok = False
    axes: dict[str, Any] = {}
    for name, spec in (("x", CHART_X), ("y", CHART_Y)):
        if name in v:
            checked, problems = check_record(
                v[name], spec, record.path, f"{what} {name}", at=record.checked.key_marks[name]
            )
            reader.diagnostics.extend(problems)
            ok &= not problems
            axes[name] = checked
    marks: list[ChartMark] = []
    mark_nodes: dict[int, YNode] = {}
    for item in getattr(v.get("marks"), "items", ()):
        checked, problems = check_record(item, CHART_MARK, record.path, f"mark of {what}")
        reader.diagnostics.extend(problems)
        if checked is None or problems:
            ok = False
            continue
        fact_id = checked.values["fact"]
        if fact_id not in fact_ids and "facts" not in reader.unreadable:
            hint = did_you_mean(fact_id, fact_ids)
            reader.error(record.path, checked.nodes["fact"], f"{what} marks unknown fact '{fact_id}'{hint}")
            ok = False
            continue
        mark_nodes[len(marks)] = checked.nodes["fact"]
        marks.append(ChartMark(fact_id, checked.values["axis"], checked.values.get("label")))
    blocks = reader.forms(record, CHART_FORMS, what)
    ok &= record.ok
    if not ok:
        return None
    x, y = axes.get("x"), axes.get("y")
    formula = y.values.get("formula") if y is not None else None
    chart = Chart(
        id=record.id,
        kind=v["type"],
        title=v["title"],
        caption=v.get("caption"),
        origin=record.origin(),
        facts=tuple(f for f, _ in v.get("facts", ())),
        entries=tuple(e for e, _ in v.get("entries", ())),
        formula=formula,
        x_range=(x.values["from"], x.values["to"]) if x is not None else None,
        x_kind=x.values["kind"] if x is not None else None,
        x_unit=x.values.get("unit") if x is not None else None,
        x_axis=ChartAxis(x.values["label"], x.values.get("scale", "linear")) if x is not None else None,
        y_axis=ChartAxis(y.values["label"], y.values.get("scale", "linear")) if y is not None else None,
        marks=tuple(marks),
        translations={lang: ChartForms(**checked.values) for lang, checked in blocks.items()},
    )
    if not _chart_forms_ok(reader, record, chart, blocks):
        return None

    def where(name: str, index: int) -> Mark | YNode:
        if name in ("facts", "entries") and name in v:
            return v[name][index][1]  # type: ignore[no-any-return]
        if name == "marks" and index in mark_nodes:
            return mark_nodes[index]
        if name == "formula" and y is not None:
            return formula_mark(y.nodes["formula"], index)
        if name.startswith(("x.", "y.")) and axes.get(name[0]) is not None:
            checked = axes[name[0]]
            return checked.nodes.get(name[2:], record.checked.key_marks[name[0]])  # type: ignore[no-any-return]
        if name in record.checked.key_marks:
            return record.checked.key_marks[name]
        return record.key

    return chart, where


_CHART_FORMS = {"caption": "caption", "x": "x axis title", "y": "y axis title", "marks": "mark labels"}


def _chart_forms_ok(reader: Reader, record: Record, chart: Chart, blocks: dict[str, Checked]) -> bool:
    """Each published language has the chart's words (`fr:`): its title, and each of caption, axis
    titles and mark labels that the original has; none that the original lacks."""
    labelled = sum(1 for m in chart.marks if m.label)
    has = {
        "caption": chart.caption is not None,
        "x": chart.x_axis is not None,
        "y": chart.y_axis is not None,
        "marks": labelled > 0,
    }
    ok = True
    for lang, checked in blocks.items():
        for name, key in checked.key_marks.items():
            if name in has and not has[name]:
                what = _CHART_FORMS[name]
                message = f"'{lang}: {name}' in chart '{chart.id}': the chart has no {what} to translate; remove it"
                reader.error(record.path, key, message)
                ok = False
        given = len(checked.values.get("marks", ()))
        if has["marks"] and "marks" in checked.values and given != labelled:
            message = (
                f"'{lang}: marks' in chart '{chart.id}' gives {given} label(s); "
                f"the chart has {labelled} mark(s) with a label: one each, in order"
            )
            reader.error(record.path, checked.nodes["marks"], message)
            ok = False
    for lang in reader.published[1:]:
        name = language_name(lang)
        if lang not in blocks:
            if lang in record.values:  # a block with a mistake: already reported
                continue
            wanted = ", ".join(f"'{n}'" for n in ("title", *(n for n, needed in has.items() if needed)))
            message = f"chart '{chart.id}' has no {name} title: add a '{lang}:' block with {wanted}"
            reader.error(record.path, record.key, message)
            ok = False
            continue
        for form in (n for n, needed in has.items() if needed and n not in blocks[lang].values):
            message = f"chart '{chart.id}' has no {name} {_CHART_FORMS[form]}: add '{form}:' to its '{lang}:' block"
            reader.error(record.path, record.checked.key_marks[lang], message)
            ok = False
    return ok


Problem = tuple[str, int, str]
"""(field, index in its list or offset in the formula, message): the loader turns the first two into a position."""


def _axis_unit(fact: Fact) -> tuple[str | None, derived.Unit]:
    """What a fact is measured in, for "same unit" checks: a percent is not a pure number (its kind's `measure`)."""
    return kinds.of(fact.kind).measure, derived.fact_quantity(fact).unit


def _describe(fact: Fact) -> str:
    return kinds.of(fact.kind).measure or derived.describe_unit(derived.fact_quantity(fact).unit)


def check_chart(chart: Chart, facts: Mapping[str, Fact], timeline: Sequence[TimelineEntry]) -> list[Problem]:
    """Everything wrong with a chart whose ids are all known; empty when it can be drawn."""
    what = f"chart '{chart.id}'"
    extra = {
        ChartKind.BAR: ("entries", "x", "y", "marks"),
        ChartKind.STRIP: ("x", "y", "marks"),
        ChartKind.LINE: ("facts", "entries"),
    }[chart.kind]
    given = {
        "facts": bool(chart.facts),
        "entries": bool(chart.entries),
        "x": chart.x_axis is not None,
        "y": chart.y_axis is not None,
        "marks": bool(chart.marks),
    }
    problems: list[Problem] = [
        (name, 0, f"a {chart.kind} chart takes no '{name}'; remove it") for name in extra if given[name]
    ]
    if chart.kind is ChartKind.BAR:
        problems += _check_bar(chart, facts, what)
    elif chart.kind is ChartKind.STRIP:
        problems += _check_strip(chart, facts, timeline, what)
    else:
        problems += _check_line(chart, facts, what)
    return problems


def _check_bar(chart: Chart, facts: Mapping[str, Fact], what: str) -> list[Problem]:
    if not chart.facts:
        return [("type", 0, f"{what} is empty: a bar chart needs 'facts', the values it compares")]
    problems: list[Problem] = []
    first: Fact | None = None
    for i, fid in enumerate(chart.facts):
        fact = facts.get(fid)
        if fact is None:
            continue
        if not kinds.of(fact.kind).numeric:
            message = f"{what}: fact '{fid}' is a {fact.kind} value, not a number; a bar chart's axis is numeric"
            problems.append(("facts", i, message))
        elif first is None:
            first = fact
        elif _axis_unit(fact) != _axis_unit(first):
            message = (
                f"mixed units on one axis in {what}: '{fid}' is {_describe(fact)}, '{first.id}' is {_describe(first)}"
            )
            problems.append(("facts", i, message))
    return problems


def _check_strip(
    chart: Chart, facts: Mapping[str, Fact], timeline: Sequence[TimelineEntry], what: str
) -> list[Problem]:
    problems: list[Problem] = []
    for i, fid in enumerate(chart.facts):
        fact = facts.get(fid)
        if fact is not None and not kinds.of(fact.kind).dated:
            message = f"{what}: fact '{fid}' is a {fact.kind} value, not a date; a strip puts dates on a time axis"
            problems.append(("facts", i, message))
    if not chart.facts and not chart.entries and not timeline:
        problems.append(("type", 0, f"{what} is empty: there are no timeline entries, and it names no date facts"))
    return problems


def line_formula(chart: Chart) -> derived.Formula:
    assert chart.formula is not None
    return derived.parse(chart.formula, variables=("x",))


def x_quantity(chart: Chart, value: int | float | Decimal) -> derived.Quantity:
    assert chart.x_kind is not None  # set on every line chart
    return derived.Quantity(Decimal(str(value)), derived.kind_unit(chart.x_kind, chart.x_unit))


def _check_line(chart: Chart, facts: Mapping[str, Fact], what: str) -> list[Problem]:
    if chart.x_axis is None or chart.y_axis is None or chart.x_range is None or chart.formula is None:
        return [("type", 0, f"{what} needs 'x' (what x is and its range) and 'y' (its formula)")]
    low, high = chart.x_range
    problems: list[Problem] = []
    if not low < high:
        problems.append(("x.to", 0, f"{what}: x must run from a smaller to a larger number ({low} to {high})"))
    if chart.x_axis.scale == "log" and low <= 0:
        problems.append(("x.from", 0, f"{what}: a log scale starts above zero, got {low}"))
    x_kind = kinds.of(chart.x_kind) if chart.x_kind is not None else None
    if x_kind is not None and x_kind.currency and chart.x_unit is None:
        problems.append(("x.kind", 0, f"{what}: {x_kind} on the x axis needs 'unit' (a currency code)"))
    try:
        formula = line_formula(chart)
    except derived.FormulaError as exc:
        return [*problems, ("formula", exc.offset, exc.message)]
    values: dict[str, derived.Quantity] = {}
    for fid in formula.facts:
        at = formula.fact_offsets[fid]
        fact = facts.get(fid)
        if fact is None:
            problems.append(("formula", at, f"unknown fact '{fid}' in {what}{did_you_mean(fid, facts)}"))
        elif not kinds.of(fact.kind).numeric:
            message = f"{what}: fact '{fid}' is a {fact.kind} value, not a number; a line chart's axes are numeric"
            problems.append(("formula", at, message))
        else:
            values[fid] = derived.fact_quantity(fact)
    if problems:
        return problems
    try:
        ends = [derived.evaluate(formula, values, {"x": x_quantity(chart, v)}) for v in (low, high)]
    except derived.FormulaError as exc:
        return [("formula", exc.offset, exc.message)]
    y_unit = ends[0].unit
    if chart.y_axis.scale == "log" and any(q.value <= 0 for q in ends):
        problems.append(("y.scale", 0, f"{what}: a log scale needs values above zero; the formula gives 0 or less"))
    assert chart.x_kind is not None
    x_unit = derived.kind_unit(chart.x_kind, chart.x_unit)
    for i, mark in enumerate(chart.marks):
        fact = facts.get(mark.fact)
        if fact is None:
            continue
        if not kinds.of(fact.kind).numeric:
            message = (
                f"{what}: fact '{mark.fact}' is a {fact.kind} value, not a number; the {mark.axis} axis is numeric"
            )
            problems.append(("marks", i, message))
            continue
        scale = chart.x_axis.scale if mark.axis == "x" else chart.y_axis.scale
        if scale == "log" and isinstance(fact.value, (int, float)) and fact.value <= 0:
            shown = kinds.format_value(fact, ORIGINAL)
            problems.append(("marks", i, f"{what}: a log scale shows values above zero only; '{mark.fact}' is {shown}"))
            continue
        unit = derived.fact_quantity(fact).unit
        want = x_unit if mark.axis == "x" else y_unit
        if unit != want or kinds.of(fact.kind).measure is not None:
            message = (
                f"mixed units on one axis in {what}: '{mark.fact}' is {_describe(fact)}, "
                f"the {mark.axis} axis is {derived.describe_unit(want)}"
            )
            problems.append(("marks", i, message))
    return problems
