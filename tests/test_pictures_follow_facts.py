"""Pictures are rendered facts: change an input and every derived fact and chart that uses it
changes with it, on every page that shows them (what `mkdocs serve` rebuilds on each save).
Expectations come from the loaded content, never from today's values."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from explainer import load_content, render_site
from explainer.kinds import format_value
from explainer.render.charts import build_chart, chart_facts
from helpers import ROOT, project_content, set_field

TODAY = dt.date(2026, 11, 26)


def _copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    return project


def test_a_derived_fact_follows_its_inputs(tmp_path: Path) -> None:
    content = project_content()
    derived = [f for f in content.facts.values() if f.formula is not None]
    if not derived:
        pytest.skip("this explainer has no derived fact")
    fact = derived[0]
    given = next(content.facts[i] for i in fact.inputs if content.facts[i].formula is None)
    assert isinstance(given.value, (int, float))
    project = _copy(tmp_path)
    set_field(project, given.origin.path, given.origin.line, "value", str(given.value * 2))
    result = load_content(project / "content", base=project, today=TODAY)
    assert result.content is not None, "\n".join(map(str, result.diagnostics))
    after = result.content.facts[fact.id]
    assert after.value != fact.value, "the derived fact did not change with its input"
    shown = format_value(after, "en")
    pages = {p.page.id: p.markdown for p in render_site(result.content)}
    citing = [
        p.id
        for p in content.pages
        for s in p.sections
        if fact.id in {r.fact_id for r in content.sections[s].references}
    ]
    for page_id in citing:
        assert shown in pages[page_id], f"{page_id} does not show the recomputed {fact.id}"


def test_a_chart_follows_its_facts(tmp_path: Path) -> None:
    content = project_content()
    for chart in content.charts.values():
        numeric = [content.facts[f] for f in chart_facts(chart, content)]
        numeric = [f for f in numeric if f.formula is None and isinstance(f.value, (int, float)) and f.kind != "date"]
        if numeric:
            break
    else:
        pytest.skip("this explainer has no chart of numbers")
    given = numeric[0]
    before = build_chart(chart, content, "en")
    project = _copy(tmp_path)
    assert isinstance(given.value, (int, float))
    set_field(project, given.origin.path, given.origin.line, "value", str(given.value * 3))
    result = load_content(project / "content", base=project, today=TODAY)
    assert result.content is not None, "\n".join(map(str, result.diagnostics))
    after = build_chart(result.content.charts[chart.id], result.content, "en")
    assert after.spec != before.spec, f"chart '{chart.id}' did not change with fact '{given.id}'"
    assert after.rows != before.rows
