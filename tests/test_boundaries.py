"""The engine's layout, checked (`python -m toolkit.layout` prints it): stages import downwards
only, no module imports itself back (type-only and in-function imports included), a small top
level and no module over 600 lines; the core never imports `explainer.web`, neither imports MkDocs,
and the MkDocs plugin (`explainer.adapter`) uses only the two public surfaces (`explainer`, `explainer.web`)."""

from __future__ import annotations

import ast

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
    core = [p for p in ENGINE.rglob("*.py") if not {"web", "adapter"} & set(p.relative_to(ENGINE).parts)]
    assert len(core) > 30
    for path in core:
        found = {n for n in imports(path) if n.startswith(("explainer.web", "mkdocs"))}
        assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}"


def test_the_web_layer_imports_no_mkdocs() -> None:
    for path in (ENGINE / "web").glob("*.py"):
        assert not {n for n in imports(path) if n.startswith("mkdocs")}, path


def test_the_adapter_uses_only_the_public_surfaces() -> None:
    adapter = sorted((ENGINE / "adapter").glob("*.py"))
    assert {p.stem for p in adapter} >= {"plugin", "config", "state", "editions", "serve", "theme", "build"}
    for path in adapter:
        imported = {n for n in imports(path) if n.startswith("explainer") and not n.startswith("explainer.adapter")}
        modules = {n.rsplit(".", 1)[0] for n in imported}
        assert modules <= {"explainer", "explainer.web"}, f"{path.name}: {sorted(modules)}"


def test_the_adapter_modules_import_one_way() -> None:
    """The plugin over the editions over the state over the theme; serve's helpers, the options and
    the theme import none of the others; the build command imports the plugin only."""
    order = ["serve", "config", "theme", "state", "editions", "plugin", "build"]
    for i, name in enumerate(order):
        found = {n.split(".")[2] for n in imports(ENGINE / f"adapter/{name}.py") if n.startswith("explainer.adapter.")}
        assert found <= set(order[:i]), f"{name} imports {sorted(found - set(order[:i]))}"


def test_the_plugin_holds_event_handlers_only_and_no_module_state() -> None:
    path = ENGINE / "adapter/plugin.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    (plugin,) = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    methods = [n.name for n in plugin.body if isinstance(n, ast.FunctionDef)]
    assert [m for m in methods if not m.startswith(("on_", "_")) and m != "load_config"] == []
    assigned = [t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)]
    assert assigned == ["_build"], "the plugin's state lives in its one BuildState"
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Global)], "no handler rebinds module state"
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 200
