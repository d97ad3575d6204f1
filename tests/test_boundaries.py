"""The engine's layout, checked: stages import downwards only, no module imports itself back
(type-only and in-function imports included), the core never imports `explainer.web`, neither
imports MkDocs, and the MkDocs hook uses only the two public surfaces (`explainer`,
`explainer.web`)."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

ENGINE = ROOT / "scripts/explainer"

# Bottom to top: a module may import its own stage and the stages below it, never one above.
STAGES = (
    ("explainer.model", "explainer.diagnostics", "explainer.changelog", "explainer.site", "explainer.settings"),
    ("explainer.text",),
    ("explainer.language",),
    ("explainer.check",),
    ("explainer.load",),
    ("explainer.render",),
    ("explainer.history",),
    ("explainer", "explainer.cli", "explainer.__main__"),
    ("explainer.web",),
)


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT / "scripts").with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of the modules `path` imports (relative imports resolved), wherever the
    import statement is: at the top, in a function or under `TYPE_CHECKING`."""
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


def _engine() -> dict[str, set[str]]:
    """Each engine module and the engine modules it imports."""
    paths = {_module(p): p for p in ENGINE.rglob("*.py")}
    return {m: {n for n in _imports(p) if n in paths and n != m} for m, p in paths.items()}


def _stage(module: str) -> int:
    """The stage `module` belongs to: the longest matching prefix wins (`explainer.load.schema` is in
    load, not in the facade's stage)."""
    matches = [
        (len(prefix), i)
        for i, stage in enumerate(STAGES)
        for prefix in stage
        if module == prefix or module.startswith(prefix + ".")
    ]
    assert matches, f"{module} is in no stage: add it to STAGES"
    return max(matches)[1]


def test_stages_import_downwards_only() -> None:
    wrong = [
        f"{m} (stage {_stage(m)}) imports {n} (stage {_stage(n)})"
        for m, found in _engine().items()
        for n in found
        if _stage(n) > _stage(m) and n != "explainer"
    ]
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycles() -> None:
    graph = _engine()
    # a package's own __init__ importing its modules is how a facade works, not a cycle
    graph = {m: {n for n in found if not m.startswith(n + ".")} for m, found in graph.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_the_top_level_stays_small() -> None:
    top = sorted(p.name for p in ENGINE.glob("*.py"))
    assert len(top) <= 12, top


def test_the_core_imports_neither_the_web_layer_nor_mkdocs() -> None:
    core = [p for p in ENGINE.rglob("*.py") if "web" not in p.relative_to(ENGINE).parts]
    assert len(core) > 30
    for path in core:
        found = {n for n in _imports(path) if n.startswith(("explainer.web", "mkdocs"))}
        assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}"


def test_the_web_layer_imports_no_mkdocs() -> None:
    for path in (ENGINE / "web").glob("*.py"):
        assert not {n for n in _imports(path) if n.startswith("mkdocs")}, path


def test_the_adapter_uses_only_the_public_surfaces() -> None:
    adapter = sorted((ROOT / "scripts").glob("mkdocs_*.py"))
    assert {p.name for p in adapter} >= {"mkdocs_hooks.py", "mkdocs_state.py", "mkdocs_editions.py", "mkdocs_serve.py"}
    for path in adapter:
        imported = {n for n in _imports(path) if n.startswith("explainer")}
        modules = {n.rsplit(".", 1)[0] for n in imported}
        assert modules <= {"explainer", "explainer.web"}, f"{path.name}: {sorted(modules)}"


def test_the_adapter_modules_import_one_way() -> None:
    """The hook over the editions over the state; serve's helpers import none of them."""
    order = ["mkdocs_serve", "mkdocs_state", "mkdocs_editions", "mkdocs_hooks"]
    for i, name in enumerate(order):
        found = {n.split(".")[0] for n in _imports(ROOT / f"scripts/{name}.py")} & set(order) - {name}
        assert found <= set(order[:i]), f"{name} imports {sorted(found - set(order[:i]))}"


def test_the_hook_holds_event_handlers_only_and_no_module_state() -> None:
    tree = ast.parse((ROOT / "scripts/mkdocs_hooks.py").read_text(encoding="utf-8"))
    functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert [f for f in functions if not f.startswith(("on_", "_"))] == []
    assigned = [t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)]
    assert assigned == ["_build"], "the hook's state lives in its one BuildState"
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Global)], "no handler rebinds module state"
    assert len((ROOT / "scripts/mkdocs_hooks.py").read_text(encoding="utf-8").splitlines()) <= 200
