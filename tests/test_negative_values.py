"""A negative amount (an outflow, a loss) is a value like any other: written with its minus sign,
found when typed by hand, exported as a number and drawn left of zero."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from explainer import Content, kinds, load_content
from explainer.model import Fact, Origin, PartialDate
from explainer.render.charts import build_chart
from explainer.web.data import facts_csv, facts_json
from helpers import ROOT, make_tree

OUTFLOW = """
corp.cash-flow:
  label: Free cash flow
  kind: money
  value: -14200000
  unit: EUR
  as_of: 2026-01-15
  sources: [report]
  evidence:
    report: "Free cash flow | (14.2)"
corp.revenue:
  label: Revenue
  kind: money
  value: 555300000
  unit: EUR
  as_of: 2026-01-15
  sources: [report]
  evidence:
    report: "Revenue | 555.3"
"""
CHART = """
cash:
  type: bar
  title: Revenue and free cash flow
  facts: [corp.revenue, corp.cash-flow]
"""


def _load(tmp_path: Path, prose: str = "", chart: bool = False) -> tuple[Content | None, list[str]]:
    files: dict[str, str | None] = {"content/facts/cash.yml": OUTFLOW}
    if prose:
        intro = (ROOT / "tests/cases/base/content/sections/main/intro.md").read_text(encoding="utf-8")
        files["content/sections/main/intro.md"] = intro + prose
    if chart:
        files["content/charts.yml"] = CHART
    result = load_content(make_tree(tmp_path, files), today=dt.date(2026, 6, 1))
    return result.content, [str(d) for d in result.diagnostics]


def test_an_outflow_typed_by_hand_without_its_sign_is_found(tmp_path: Path) -> None:
    content, problems = _load(tmp_path, "\nIt burned €14.2 million.\n")
    assert content is not None
    assert [p for p in problems if "typed by hand" in p] == [
        "content/sections/main/intro.md:7:11: warning: '€14.2 million' is typed by hand but equals a fact's value; "
        "write [[fact:corp.cash-flow]] instead"
    ]


def test_an_outflow_is_downloaded_as_a_negative_number_with_its_display(tmp_path: Path) -> None:
    content, problems = _load(tmp_path)
    assert content is not None, problems
    record = next(f for f in json.loads(facts_json(content))["facts"] if f["id"] == "corp.cash-flow")
    assert (record["value"], record["display"]) == (-14200000, "\u2212€14.2 million")
    assert "corp.cash-flow,Free cash flow,money,-14200000,\u2212€14.2 million," in facts_csv(content)


def test_a_bar_chart_draws_an_outflow_left_of_zero(tmp_path: Path) -> None:
    content, problems = _load(tmp_path, chart=True)
    assert content is not None, problems
    view = build_chart(content.charts["cash"], content, "en")
    scale = view.spec["encoding"]["x"]["scale"]
    assert scale["domain"][0] < -14200000 < 0 < 555300000 <= scale["domain"][1]
    assert "Free cash flow: \u2212€14.2 million" in view.description
    assert [row.cells for row in view.rows][1] == ("Free cash flow", "\u2212€14.2 million")


@pytest.mark.parametrize(
    ("excerpt", "gives"),
    [
        ("leveraged free cash flow deteriorated to negative €14.2 million", True),
        ("a levered free cash flow of −€14.2 million", True),
        ("un flux de trésorerie de moins 14,2 millions d'euros", True),
        ("an outflow of €14.2 million", False),  # the size alone: the sign is the value's
        ("Levered free cash flow (€14.2 million)", True),  # brackets, as accounts write a negative
    ],
)
def test_a_negative_amount_is_given_by_a_sign_a_word_or_brackets(excerpt: str, gives: bool) -> None:
    fact = Fact(
        id="corp.fcf",
        label="Free cash flow",
        kind="money",
        value=-14_200_000,
        unit="EUR",
        as_of=PartialDate(2026),
        sources=("report",),
        origin=Origin("content/facts/corp.yml", 1, 1),
    )
    lang = "fr" if "trésorerie" in excerpt else "en"
    assert kinds.of("money").supported_by(excerpt, fact, lang) is gives
