"""Each fact kind is one class (`explainer.kinds`), and a new kind lands in four places only: its class in
kinds.py, its test, the regenerated JSON Schemas and the list of kinds in CONTRIBUTING.md.

The proof is a `ratio` kind written here, as it would be written in kinds.py, and added to the
registry for the length of a test: it loads, is checked (a bad value is a located error), shows
in English and French, goes into facts.json, facts.csv and the data package, is found when typed
by hand in prose and is computed by a formula, and nothing but kinds.py had to name it. It stays
test-only because a real kind changes the published data package (its list of kinds), and the
site is kept byte for byte as it was.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from explainer import kinds
from explainer.kinds import Broken, Kind, format_value
from explainer.language.locale import format_number
from explainer.load.jsonschemas import CONTENT_FILES, changes, schema_text
from explainer.load.loader import load_content
from explainer.model import Content, Fact, FactForms
from explainer.site import SiteInfo
from explainer.web.data import facts_csv, facts_json
from explainer.web.datapackage import datapackage
from helpers import ROOT, make_tree

ENGINE = ROOT / "scripts/explainer"


class Ratio(Kind):
    """How many times one thing is another, as `X to 1`: written 2.5, shown `2.5:1` (`2,5:1` in French)."""

    name = "ratio"
    takes_unit = False
    on_x_axis = True
    measure = "a ratio"
    data_note = "a ratio X:1 as X"

    def broken(self, value: int | float) -> Broken | None:
        return ("must be above zero", "is above zero") if value <= 0 else None

    def value_json(self) -> dict[str, object]:
        return {"type": "number", "exclusiveMinimum": 0}

    def format(self, fact: Fact, lang: str) -> str:
        assert isinstance(fact.value, (int, float))
        return f"{format_number(fact.value, lang)}:1"

    def written(self, value: int | float) -> set[str]:
        return {*super().written(value), f"{format_number(value, 'en')}:1"}


@pytest.fixture
def ratio(monkeypatch: pytest.MonkeyPatch) -> Iterator[Kind]:
    kind = Ratio()
    monkeypatch.setitem(kinds.KINDS, kind.name, kind)
    yield kind


RATIO_FACTS = """\
corp.engineers:
  label: Engineers
  kind: count
  value: 4
  unit: engineers
  as_of: 2026-01-15
  sources: [report]
corp.admins:
  label: Administrators
  kind: count
  value: 6
  unit: engineers
  as_of: 2026-01-15
  sources: [report]
corp.load:
  label: Servers to engineers
  kind: ratio
  value: 2.5
  as_of: 2026-01-15
  sources: [report]
corp.mix:
  label: Administrators to engineers
  kind: ratio
  formula: "[[fact:corp.admins]] / [[fact:corp.engineers]]"
"""


def _load(tmp_path: Path, facts: str, prose: str = "") -> tuple[Content | None, list[str]]:
    files: dict[str, str | None] = {"content/facts/ratios.yml": facts}
    if prose:
        intro = (ROOT / "tests/cases/base/content/sections/main/intro.md").read_text(encoding="utf-8")
        files["content/sections/main/intro.md"] = intro + prose
    content_dir = make_tree(tmp_path, files)
    result = load_content(content_dir, today=dt.date(2026, 6, 1))
    return result.content, [str(d) for d in result.diagnostics]


def test_a_ratio_fact_loads_and_shows_in_english_and_french(tmp_path: Path, ratio: Kind) -> None:
    content, problems = _load(tmp_path, RATIO_FACTS)
    assert content is not None, problems
    fact = content.facts["corp.load"]
    assert (fact.kind, fact.value) == ("ratio", 2.5)
    assert format_value(fact, "en") == "2.5:1"
    french = replace(fact, translations={"fr": FactForms(label="Serveurs par ingénieur")})
    assert format_value(french, "fr") == "2,5:1"
    assert format_value(replace(fact, qualifier="about"), "en") == "about 2.5:1"


def test_a_bad_ratio_is_a_located_error(tmp_path: Path, ratio: Kind) -> None:
    facts = RATIO_FACTS.replace("value: 2.5", "value: 0")
    facts += (
        "corp.bad:\n  label: Bad\n  kind: ratio\n  value: 2.5\n  unit: servers\n  as_of: 2026-01\n  sources: [report]\n"
    )
    facts += 'corp.neg:\n  label: Neg\n  kind: ratio\n  formula: "0 - [[fact:corp.admins]] / [[fact:corp.engineers]]"\n'
    content, problems = _load(tmp_path, facts)
    assert content is None
    line = facts.splitlines().index("  value: 0") + 1
    assert f"content/facts/ratios.yml:{line}:10: error: value: a ratio must be above zero, got 0" in problems
    unit = facts.splitlines().index("  unit: servers") + 1
    assert f"content/facts/ratios.yml:{unit}:3: error: a ratio takes no unit" in problems
    formula = facts.splitlines().index('  formula: "0 - [[fact:corp.admins]] / [[fact:corp.engineers]]"') + 1
    assert (
        f"content/facts/ratios.yml:{formula}:12: error: the formula gives -1.5, but a ratio is above zero" in problems
    )


def test_a_ratio_is_computed_by_a_formula(tmp_path: Path, ratio: Kind) -> None:
    content, problems = _load(tmp_path, RATIO_FACTS)
    assert content is not None, problems
    mix = content.facts["corp.mix"]
    assert (mix.kind, mix.value, mix.inputs) == ("ratio", 1.5, ("corp.admins", "corp.engineers"))
    assert format_value(mix, "en") == "1.5:1"
    # A ratio is a pure number in a formula: euros over engineers is not one.
    wrong = RATIO_FACTS.replace("value: 6\n  unit: engineers", "value: 6\n  unit: servers")
    _, problems = _load(tmp_path / "wrong", wrong)
    assert any(
        "unit mismatch: the formula of 'corp.mix' gives servers/engineers, but a ratio fact needs a pure number" in p
        for p in problems
    ), problems


def test_a_ratio_typed_by_hand_in_prose_is_found(tmp_path: Path, ratio: Kind) -> None:
    content, problems = _load(tmp_path, RATIO_FACTS, "\nServers outnumber engineers 2.5:1.\n")
    assert content is not None
    typed = [p for p in problems if "typed by hand" in p]
    assert typed == [
        "content/sections/main/intro.md:7:29: warning: '2.5' is typed by hand but equals a fact's value; "
        "write [[fact:corp.load]] instead"
    ]


def test_a_ratio_goes_into_the_downloads_with_its_type(tmp_path: Path, ratio: Kind) -> None:
    content, problems = _load(tmp_path, RATIO_FACTS)
    assert content is not None, problems
    record = next(f for f in json.loads(facts_json(content))["facts"] if f["id"] == "corp.load")
    assert (record["kind"], record["value"], record["display"]) == ("ratio", 2.5, "2.5:1")
    assert "corp.load,Servers to engineers,ratio,2.5,2.5:1," in facts_csv(content)
    fields = datapackage(content, SiteInfo.create())["resources"][0]["schema"]["fields"]
    kind, value = (next(f for f in fields if f["name"] == n) for n in ("kind", "value"))
    assert kind["constraints"]["enum"][-1] == "ratio"
    assert "percent and ratio (a percent as 0-100; a ratio X:1 as X)" in value["description"]


def test_the_json_schema_takes_a_ratio_as_the_validator_does(ratio: Kind) -> None:
    facts = next(f for f in CONTENT_FILES if f.name == "facts")
    validator = Draft202012Validator(json.loads(schema_text(facts)))
    fact = {"label": "L", "kind": "ratio", "value": 2.5, "as_of": "2026-01", "sources": "report"}
    assert validator.is_valid({"x.y": fact})
    assert not validator.is_valid({"x.y": fact | {"value": 0}})
    assert not validator.is_valid({"x.y": fact | {"unit": "servers"}})


# --- where a new kind lands ---------------------------------------------------------------------


def _documented_kinds() -> list[str]:
    """The kinds CONTRIBUTING.md lists beside `kind:` in its example fact."""
    found = re.search(r"^\s+kind: \w+\s+# (.+)$", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.M)
    assert found, "CONTRIBUTING.md no longer lists the kinds beside `kind:`"
    *rest, last = found.group(1).split(" or ")
    return [k.strip() for part in rest for k in part.split(",")] + [last.strip()]


def _naming_a_kind(source: str, names: set[str]) -> list[int]:
    """Lines where code tells kinds apart by name: a kind's name compared with, or looked up by,
    anything, a kind class imported from `explainer.kinds`, or the old `FactKind` enum."""
    classes = {c.__name__ for c in _subclasses(Kind)}
    hits = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            consts = {s.value for s in sides if isinstance(s, ast.Constant)}
            consts |= {
                e.value
                for s in sides
                if isinstance(s, (ast.Tuple, ast.Set, ast.List))
                for e in s.elts
                if isinstance(e, ast.Constant)
            }
            if consts & names and any("kind" in ast.unparse(s).lower() for s in sides):
                hits.append(node.lineno)
        elif isinstance(node, ast.Call) and ast.unparse(node.func).endswith(("kinds.of", "of")):
            if any(isinstance(a, ast.Constant) and a.value in names for a in node.args):
                hits.append(node.lineno)
        elif isinstance(node, ast.Subscript) and "KINDS" in ast.unparse(node.value):
            if isinstance(node.slice, ast.Constant) and node.slice.value in names:
                hits.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "explainer.kinds":
            hits += [node.lineno for a in node.names if a.name in classes]
        elif isinstance(node, (ast.Name, ast.Attribute)) and ast.unparse(node).split(".")[-1] == "FactKind":
            hits.append(node.lineno)
    return sorted(hits)


def _subclasses(cls: type[Kind]) -> list[type[Kind]]:
    found: list[type[Kind]] = []
    subs: list[type[Kind]] = cls.__subclasses__()
    for sub in subs:
        found += [sub, *_subclasses(sub)]
    return found


def test_the_detector_finds_a_kind_told_apart_by_name() -> None:
    names = set(kinds.KINDS)
    bad = """
        from explainer.kinds import Money
        if fact.kind == "money": pass
        if kind in ("count", "number"): pass
        if fact.kind is FactKind.PERCENT: pass
        shown = kinds.of("percent").format(fact, lang)
        rule = KINDS["date"]
    """
    assert _naming_a_kind(textwrap.dedent(bad), names) == [2, 3, 4, 5, 6, 7]
    fine = 'if kinds.of(fact.kind).numeric and field == "date": schema = {"type": "number"}\n'
    assert _naming_a_kind(fine, names) == []


def test_no_module_but_kinds_tells_kinds_apart(ratio: Kind) -> None:
    names = set(kinds.KINDS)
    found = {
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(ENGINE.rglob("*.py"))
        if path != ENGINE / "kinds.py"
        for line in _naming_a_kind(path.read_text(encoding="utf-8"), names)
    }
    assert found == set()


def test_the_docs_list_every_kind() -> None:
    assert _documented_kinds() == list(kinds.KINDS)


def test_a_new_kind_needs_its_class_its_test_the_schemas_and_the_docs(ratio: Kind) -> None:
    """With `ratio` registered, what goes stale is the JSON Schemas (`make schemas` rewrites them) and
    the docs' list; the code needs nothing (`test_no_module_but_kinds_tells_kinds_apart`, and the
    tests above, where the kind is loaded, checked, shown, exported, found and computed)."""
    stale = {c.path.relative_to(ROOT).as_posix() for c in changes(ROOT, ROOT / "content")}
    assert stale == {"scripts/schemas/facts.schema.json", "scripts/schemas/charts.schema.json"}
    assert _documented_kinds() != list(kinds.KINDS)


def test_every_kind_says_how_its_values_are_checked_shown_and_typed() -> None:
    for kind in kinds.KINDS.values():
        doc = type(kind).__doc__
        assert doc and doc.strip(), f"{kind.name}: no docstring"
        assert kind.json_rule()["if"]["properties"]["kind"]["const"] == kind.name
        assert type(kind).format is not Kind.format, f"{kind.name}: no formatting"
