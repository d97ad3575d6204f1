"""Fuzzing: random YAML trees, random text and random bytes fed to the loader
and to the reference scanner. The only outcomes allowed are success or clean
diagnostics (`path:line:col` inside the file); never an exception.

Bounded by example counts, not by time, so the suite stays fast. Anything
found is fixed and kept as a case in tests/cases/errors/.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import load_content, render_site
from explainer.diagnostics import Diagnostic
from explainer.load.yamlsrc import parse
from explainer.text.references import REFERENCE, code_ranges, scan
from helpers import BASE

FUZZ = settings(max_examples=100, deadline=None)
TODAY = dt.date(2026, 11, 26)

YAML_FILES = ["facts/more.yml", "sources.yml", "pages.yml"]
FIELDS = ["label", "kind", "value", "unit", "qualifier", "as_of", "sources", "note", "title", "url", "sections"]
WORDS = ["count", "percent", "money", "EUR", "2026-01-15", "2026-02", "report", "news", "main/intro", "yes", "010"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(WORDS),
    st.text(max_size=30),
)
keys = st.one_of(st.sampled_from(FIELDS), st.from_regex(r"[a-z][a-z0-9.]{0,12}", fullmatch=True), st.text(max_size=8))
trees = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=6)),
    max_leaves=25,
)


@contextmanager
def base_project() -> Iterator[Path]:
    """A fresh copy of the base tree for each example (a fixture would be shared by all)."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(BASE / "content", Path(tmp) / "content")
        yield Path(tmp)


def _load(project: Path) -> list[Diagnostic]:
    """Load the tree; everything must end in content or in located diagnostics."""
    result = load_content(project / "content", base=project, today=TODAY)
    for d in result.diagnostics:
        assert d.line >= 1 and d.col >= 1, d
        assert (project / d.path).exists() or (project / d.path).is_symlink() or d.path.endswith(".yml"), d
        assert "\n" not in d.message, d
    if result.content is not None:
        render_site(result.content)
    return result.diagnostics


def _load_with(rel: str, data: bytes) -> list[Diagnostic]:
    """Load the base tree with `rel` (under content/) replaced by `data`."""
    with base_project() as project:
        path = project / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return _load(project)


@FUZZ
@given(tree=st.dictionaries(keys, trees, max_size=5), where=st.sampled_from(YAML_FILES))
def test_random_yaml_trees_load_or_fail_cleanly(tree: dict[str, Any], where: str) -> None:
    _load_with(where, yaml.safe_dump(tree, allow_unicode=True).encode("utf-8"))


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(FIELDS), scalars, max_size=len(FIELDS)))
def test_random_facts_load_or_fail_cleanly(fields: dict[str, Any]) -> None:
    _load_with("facts/more.yml", yaml.safe_dump({"corp.fuzz": fields}).encode("utf-8"))


@FUZZ
@given(text=st.text(), where=st.sampled_from(["facts/more.yml", "sources.yml", "sections/main/intro.md"]))
def test_random_text_loads_or_fails_cleanly(text: str, where: str) -> None:
    _load_with(where, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(data=st.binary(max_size=200))
def test_random_bytes_load_or_fail_cleanly(data: bytes) -> None:
    _load_with("facts/more.yml", data)


# Markdown made of the pieces the scanner cares about: references, code
# fences, backticks, indentation, containers, escapes.
PIECES = [
    "[[fact:corp.servers]]",
    "[[fact:corp.share]]",
    "\\[[fact:x]]",
    "[[fcat:x]]",
    "[[",
    "]]",
    "`",
    "``",
    "```",
    "~~~",
    "\n",
    "\n\n",
    "    ",
    "!!! note\n",
    "- ",
    "1. ",
    "text ",
    "<div markdown>",
    "</div>",
    "\r\n",
    "\t",
]
markdown = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40).map("".join)


@FUZZ
@given(text=markdown)
def test_reference_scanner_positions_are_consistent(text: str) -> None:
    ranges = code_ranges(text)
    assert all(0 <= a <= b <= len(text) for a, b in ranges)
    lines = text.split("\n")
    for found in scan(text, first_line=1):
        m = REFERENCE.match(text, found.start)
        assert m is not None and m.end() == found.end
        assert not any(a <= found.start < b for a, b in ranges), "a reference inside code"
        line = lines[found.line - 1]
        assert line[found.col - 1 :].startswith(text[found.start : found.end].lstrip("\\"))


@FUZZ
@given(body=markdown)
def test_random_sections_render_or_fail_cleanly(body: str) -> None:
    _load_with("sections/main/intro.md", body.encode("utf-8", "surrogatepass"))


@FUZZ
@given(text=st.text(alphabet=st.sampled_from("[]{}:-,'\"&*!|>#? \n\tab1"), max_size=60))
def test_yaml_punctuation_parses_or_fails_cleanly(text: str) -> None:
    _, diagnostics = parse("x.yml", text, line_offset=3)
    for d in diagnostics:
        assert d.line >= 4 and d.col >= 1
        assert re.match(r"^[^\n]+$", d.message)
