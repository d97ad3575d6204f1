"""Imports go one way: the core never imports `explainer.web`, neither imports MkDocs,
and the MkDocs hook uses only the two public surfaces (`explainer`, `explainer.web`)."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

CORE = ROOT / "scripts/explainer"


def _imports(path: Path) -> set[str]:
    """Absolute names of the modules `path` imports (relative imports resolved)."""
    package = path.relative_to(ROOT / "scripts").with_suffix("").parts[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names |= {f"{module}.{a.name}" for a in node.names}
    return names


def test_the_core_imports_neither_the_web_layer_nor_mkdocs() -> None:
    core = list(CORE.glob("*.py"))
    assert len(core) > 10
    for path in core:
        found = {n for n in _imports(path) if n.startswith(("explainer.web", "mkdocs"))}
        assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}"


def test_the_web_layer_imports_no_mkdocs() -> None:
    for path in (CORE / "web").glob("*.py"):
        assert not {n for n in _imports(path) if n.startswith("mkdocs")}, path


def test_the_hook_uses_only_the_public_surfaces() -> None:
    imported = {n for n in _imports(ROOT / "scripts/mkdocs_hooks.py") if n.startswith("explainer")}
    modules = {n.rsplit(".", 1)[0] for n in imported}
    assert modules <= {"explainer", "explainer.web"}, sorted(modules)
