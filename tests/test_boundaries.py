"""The engine's layout, checked (`python -m toolkit.layout` prints it): stages import downwards
only, no module imports itself back (type-only and in-function imports included), a small top
level and no module over 600 lines; the core never imports `explainer.web`, neither imports MkDocs,
and the MkDocs hook uses only the two public surfaces (`explainer`, `explainer.web`)."""

from __future__ import annotations

import pytest

import toolkit.layout as layout
from helpers import ROOT
from toolkit.layout import ENGINE, MAX_LINES, MAX_TOP_LEVEL, cycles, imports, lines, modules, stage, upward_imports


def test_every_module_is_in_a_stage() -> None:
    for module in modules():
        stage(module)  # raises, naming the module, when it is in none


def test_stages_import_downwards_only() -> None:
    wrong = upward_imports()
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    found = cycles()
    assert not found, "\n".join(" -> ".join(c) for c in found)


def test_a_planted_cycle_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk itself: two modules importing each other (inside functions, say)."""
    graph = {"explainer.a": {"explainer.b"}, "explainer.b": {"explainer.a"}, "explainer.c": set()}
    monkeypatch.setattr(layout, "graph", lambda: graph)
    assert layout.cycles() == [["explainer.a", "explainer.b", "explainer.a"]]


def test_the_top_level_stays_small_and_modules_short() -> None:
    top = sorted(p.name for p in ENGINE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL, top
    long = {p.relative_to(ENGINE).as_posix(): lines(p) for p in modules().values() if lines(p) > MAX_LINES}
    assert not long, long


def test_the_core_imports_neither_the_web_layer_nor_mkdocs() -> None:
    core = [p for p in ENGINE.rglob("*.py") if "web" not in p.relative_to(ENGINE).parts]
    assert len(core) > 30
    for path in core:
        found = {n for n in imports(path) if n.startswith(("explainer.web", "mkdocs"))}
        assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}"


def test_the_web_layer_imports_no_mkdocs() -> None:
    for path in (ENGINE / "web").glob("*.py"):
        assert not {n for n in imports(path) if n.startswith("mkdocs")}, path


def test_the_hook_uses_only_the_public_surfaces() -> None:
    imported = {n for n in imports(ROOT / "scripts/mkdocs_hooks.py") if n.startswith("explainer")}
    found = {n.rsplit(".", 1)[0] for n in imported}
    assert found <= {"explainer", "explainer.web"}, sorted(found)
