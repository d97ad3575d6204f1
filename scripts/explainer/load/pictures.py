"""Loading what pictures need: derived facts (a `formula:` in the fact files) and charts
(content/charts.yml, and every `[[chart:ID]]` in sections), with located errors.

Called by `loader` with its reader, after the facts (derived facts) and the
timeline (charts) are read; the formula rules are in `derived`, the chart
rules in `charts`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from explainer.diagnostics import did_you_mean
from explainer.language.strings import language_name
from explainer.load import derived
from explainer.load.schema import (
    CHART,
    CHART_FORMS,
    CHART_MARK,
    CHART_X,
    CHART_Y,
    CURRENCIES,
    FACT_FORMS,
    Checked,
    check_record,
)
from explainer.load.yamlsrc import Mark, YNode, YScalar
from explainer.model import Chart, ChartAxis, ChartForms, ChartMark, Fact, FactForms, FactKind, TimelineEntry
from explainer.render.charts import check_chart

if TYPE_CHECKING:
    from explainer.load.loader import Record, _Reader


def formula_mark(node: YNode, offset: int) -> Mark:
    """The position of a character of a formula written on one line (plain or quoted)."""
    if isinstance(node, YScalar) and "\n" not in node.raw and isinstance(node.value, str):
        return Mark(node.mark.line, node.mark.col + offset + (1 if node.quoted else 0))
    return node.mark


def derive_facts(reader: _Reader, records: list[Record], facts: dict[str, Fact], fact_ids: set[str]) -> None:
    """Derived facts: formulas parsed, their inputs checked, evaluated in dependency order."""
    from explainer.load.loader import _fact_forms_ok  # the same rules as a typed fact's `fr:` block

    parsed: dict[str, derived.Formula] = {}
    by_id: dict[str, Record] = {}
    for record in records:
        v, node = record.values, record.checked.nodes["formula"]
        ok = record.ok
        extra = [n for n in ("value", "as_of", "sources", "evidence") if n in record.checked.key_marks]
        if extra:
            names = ", ".join(f"'{n}'" for n in extra)
            message = (
                f"derived fact '{record.id}' takes its value, as-of date and sources from its formula; remove {names}"
            )
            reader.error(record.path, record.checked.key_marks[extra[0]], message)
            ok = False
        kind, unit = v.get("kind"), v.get("unit")
        if kind is not None and not kind.numeric:
            reader.error(
                record.path, record.checked.nodes["kind"], f"a derived fact is a number; '{kind}' cannot be computed"
            )
            ok = False
        elif kind is FactKind.MONEY and unit not in CURRENCIES:
            message = f"a money value needs 'unit' set to a currency code ({', '.join(CURRENCIES)})"
            reader.error(record.path, record.key, message)
            ok = False
        if "formula" not in v:
            continue
        try:
            formula = derived.parse(v["formula"])
        except derived.FormulaError as exc:
            reader.error(record.path, formula_mark(node, exc.offset), exc.message)
            continue
        for fid in formula.facts:
            if fid not in fact_ids and "facts" not in reader.unreadable:
                hint = did_you_mean(fid, fact_ids)
                at = formula_mark(node, formula.fact_offsets[fid])
                reader.error(record.path, at, f"unknown fact '{fid}' in the formula of '{record.id}'{hint}")
                ok = False
        if ok:
            parsed[record.id], by_id[record.id] = formula, record

    def cycle(fid: str, path: tuple[str, ...]) -> None:
        record = by_id[fid]
        message = f"the formula of '{fid}' depends on itself: {' -> '.join(path)}"
        reader.error(record.path, record.checked.nodes["formula"], message)

    for fid in derived.dependency_order(parsed, cycle):
        record, formula = by_id[fid], parsed[fid]
        node = record.checked.nodes["formula"]
        inputs = [facts.get(i) for i in formula.facts]
        if any(i is None for i in inputs):
            continue  # an input has its own error
        values: dict[str, derived.Quantity] = {}
        for i in inputs:
            assert i is not None
            try:
                values[i.id] = derived.fact_quantity(i)
            except ValueError as exc:
                reader.error(record.path, formula_mark(node, formula.fact_offsets[i.id]), str(exc))
        if len(values) < len(inputs):
            continue
        kind, unit = record.values["kind"], record.values.get("unit")
        try:
            result = derived.evaluate(formula, values)
        except derived.FormulaError as exc:
            reader.error(record.path, formula_mark(node, exc.offset), exc.message)
            continue
        expected = derived.kind_unit(kind, unit)
        if result.unit != expected:
            as_fact = f"a {kind} fact" + (f" in {unit}" if unit and kind is not FactKind.PERCENT else "")
            message = (
                f"unit mismatch: the formula of '{fid}' gives {derived.describe_unit(result.unit)}, "
                f"but {as_fact} needs {derived.describe_unit(expected)}"
            )
            reader.error(record.path, node, message)
            continue
        value = derived.as_value(result, kind)
        problem = None
        if kind is FactKind.COUNT and not isinstance(value, int):
            problem = f"the formula gives {value}, but a count is a whole number"
        elif kind in (FactKind.COUNT, FactKind.MONEY) and value < 0:
            problem = f"the formula gives {value}, but a {kind} cannot be negative"
        elif kind is FactKind.PERCENT and not 0 <= value <= 100:
            problem = f"the formula gives {value}%, but a percent is between 0 and 100"
        if problem:
            reader.error(record.path, node, problem)
            continue
        used = [i for i in inputs if i is not None]
        v = record.values
        blocks = reader.forms(record, FACT_FORMS, f"fact '{fid}'")  # its words in other languages (`fr:`)
        fact = Fact(
            id=fid,
            label=v["label"],
            kind=kind,
            value=value,
            unit=unit,
            qualifier=v.get("qualifier"),
            as_of=max((i.as_of for i in used), key=lambda d: (d.latest(), d.iso())),
            sources=tuple(dict.fromkeys(s for i in used for s in i.sources)),
            note=v.get("note"),
            confidence=v.get("confidence"),
            review_by=v.get("review_by"),
            origin=record.origin(),
            formula=v["formula"],
            inputs=formula.facts,
            translations={lang: FactForms(**checked.values) for lang, checked in blocks.items()},
        )
        if record.ok and _fact_forms_ok(reader, record, fact, blocks):
            facts[fid] = fact


def load_charts(
    reader: _Reader,
    facts: dict[str, Fact],
    fact_ids: set[str],
    timeline: list[TimelineEntry],
    entry_ids: set[str],
) -> dict[str, Chart]:
    """content/charts.yml, each chart checked against the facts it shows; then every `[[chart:ID]]`."""
    charts: dict[str, Chart] = {}
    from explainer.load.loader import _optional_records

    records = _optional_records(reader, "charts.yml", CHART)
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
    reader: _Reader, record: Record, fact_ids: set[str], entry_ids: set[str]
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
        x_kind=FactKind(x.values["kind"]) if x is not None else FactKind.NUMBER,
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


def _chart_forms_ok(reader: _Reader, record: Record, chart: Chart, blocks: dict[str, Checked]) -> bool:
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
