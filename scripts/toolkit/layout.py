"""The engine's layout as numbers: modules per stage, their lines, and import cycles.

    python -m toolkit.layout

Stages (bottom to top) are `STAGES`; a module may import its own stage and those below it.
`tests/test_boundaries.py` holds the engine to this layout; this command prints it, for a
review or a closing note. Exit status: 0, or 1 when an import goes upwards or runs in a cycle.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
ENGINE = SCRIPTS / "explainer"

STAGES: tuple[tuple[str, ...], ...] = (
    ("explainer.model", "explainer.diagnostics", "explainer.changelog", "explainer.site", "explainer.settings"),
    ("explainer.text",),
    ("explainer.language",),
    # A field's value types over YAML with positions: the bottom of loading, which the kinds check values with.
    ("explainer.load.yamlsrc", "explainer.load.fields"),
    # Fact kinds: each formats through the locale layer and checks with the field types; checks and loading ask them.
    ("explainer.kinds",),
    ("explainer.check",),
    ("explainer.load",),
    ("explainer.render",),
    ("explainer.history",),
    ("explainer", "explainer.cli", "explainer.__main__"),
    ("explainer.web",),
    # The MkDocs plugin: the only part that imports MkDocs.
    ("explainer.adapter",),
)
"""Bottom to top: the model, Markdown text, languages, field types, fact kinds, checks, loading,
rendering, history, the public facade and command line, what a published web site adds, and the
MkDocs plugin."""

MAX_TOP_LEVEL = 12
MAX_LINES = 600


def module_name(path: Path) -> str:
    parts = path.relative_to(SCRIPTS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Absolute names of the modules `path` imports (relative imports resolved), wherever the
    import statement is: at the top, in a function or under `TYPE_CHECKING`."""
    package = path.relative_to(SCRIPTS).with_suffix("").parts[:-1]
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


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ENGINE.rglob("*.py"))}


def graph() -> dict[str, set[str]]:
    """Each engine module and the engine modules it imports (a package's `__init__` importing its
    own modules is how a facade works, and is left out)."""
    paths = modules()
    return {m: {n for n in imports(p) if n in paths and n != m and not m.startswith(n + ".")} for m, p in paths.items()}


def stage(module: str) -> int:
    """The stage `module` belongs to: the longest matching prefix wins (`explainer.load.schema` is in
    load, not in the facade's stage)."""
    matches = [
        (len(prefix), i)
        for i, names in enumerate(STAGES)
        for prefix in names
        if module == prefix or module.startswith(prefix + ".")
    ]
    if not matches:
        raise KeyError(f"{module} is in no stage: add it to toolkit.layout.STAGES")
    return max(matches)[1]


def upward_imports() -> list[str]:
    return sorted(
        f"{m} (stage {stage(m)}) imports {n} (stage {stage(n)})"
        for m, found in graph().items()
        for n in found
        if stage(n) > stage(m) and n != "explainer"
    )


def cycles() -> list[list[str]]:
    """Every cycle a depth-first walk meets (each as the modules on it, first one repeated)."""
    edges = graph()
    found: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                found.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    return found


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def main() -> int:
    paths = modules()
    print(f"{'stage':<40} {'modules':>7} {'lines':>6} {'largest':>8}")
    for i, names in enumerate(STAGES):
        mine = [p for m, p in paths.items() if stage(m) == i]
        largest = max(mine, key=lines)
        print(
            f"{' '.join(n.removeprefix('explainer.') for n in names):<40} {len(mine):>7} "
            f"{sum(map(lines, mine)):>6} {lines(largest):>8}  {largest.relative_to(ENGINE)}"
        )
    top = sorted(p.name for p in ENGINE.glob("*.py"))
    over = sorted(f"{p.relative_to(ENGINE)} ({lines(p)})" for p in paths.values() if lines(p) > MAX_LINES)
    print(
        f"\n{len(paths)} modules, {len(top)} at the top level (at most {MAX_TOP_LEVEL}); "
        f"over {MAX_LINES} lines: {', '.join(over) or 'none'}"
    )
    wrong, loops = upward_imports(), cycles()
    print(f"imports going upwards: {len(wrong)}; import cycles: {len(loops)}")
    for line in wrong:
        print(f"  {line}")
    for loop in loops:
        print("  " + " -> ".join(loop))
    return 1 if wrong or loops else 0


if __name__ == "__main__":
    sys.exit(main())
