"""Golden files for pictures of facts: each tests/golden/pictures/*.yml holds content changes (over
the base tree in tests/cases/base) and, side by side, what they must give:

- `derived`: each derived fact's computed value, as-of date, sources and the
  formula and value as readers see them, in English and French;
- `charts`: each chart's accessible name, description, table, and the full
  Vega-Lite spec it is drawn from.

Run with UPDATE_GOLDEN=1 to rewrite the expected output after an intended change,
then review the diff.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from explainer import Content, Fact, load_content
from explainer.kinds import format_value
from explainer.language.locale import MissingTranslation
from explainer.model import Chart
from explainer.render.charts import build_chart
from explainer.render.derivation import formula_text
from helpers import dump_case, load_case, make_tree

GOLDEN = Path(__file__).parent / "golden" / "pictures"
CASES = sorted(GOLDEN.glob("*.yml"))


def _in(lang: str, make: Callable[[str], Any]) -> Any:
    """`make(lang)`, or what the locale layer says is missing (a fact without its `fr:` forms)."""
    try:
        return make(lang)
    except MissingTranslation as exc:
        return f"not shown: {exc}"


def outcome(content_dir: Path, base: Path) -> dict[str, Any]:
    result = load_content(content_dir, base=base, today=dt.date(2026, 11, 26))
    assert result.content is not None, "\n".join(map(str, result.diagnostics))
    content = result.content
    derived = {
        f.id: {
            "value": f.value,
            "as_of": f.as_of.iso(),
            "sources": list(f.sources),
            "inputs": list(f.inputs),
            **{f"shown_{lang}": _in(lang, functools.partial(_shown, f, content)) for lang in ("en", "fr")},
        }
        for f in content.facts.values()
        if f.formula is not None
    }
    charts = {}
    for chart in content.charts.values():
        view = build_chart(chart, content, "en")
        charts[chart.id] = {
            "name": view.name,
            "description": view.description,
            "table": [list(view.header)] + [[*r.cells, ", ".join(r.sources)] for r in view.rows],
            "fr": _in("fr", functools.partial(_table, chart, content)),
            "spec": json.dumps(view.spec, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
        }
    return {"derived": derived, "charts": charts}


def _shown(fact: Fact, content: Content, lang: str) -> str:
    return f"{formula_text(fact, content.facts, lang)} = {format_value(fact, lang)}"


def _table(chart: Chart, content: Content, lang: str) -> dict[str, Any]:
    view = build_chart(chart, content, lang)
    return {
        "description": view.description,
        "table": [list(view.header)] + [[*r.cells, ", ".join(r.sources)] for r in view.rows],
    }


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_pictures_golden(case: Path, tmp_path: Path) -> None:
    data = load_case(case)
    got = outcome(make_tree(tmp_path, data.get("files")), tmp_path)
    if os.environ.get("UPDATE_GOLDEN"):
        data["expect"] = got
        case.write_text(dump_case(data), encoding="utf-8")
    assert got == data["expect"]
