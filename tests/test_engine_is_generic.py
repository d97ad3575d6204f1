"""Nothing in the engine, the MkDocs hook, the theme overrides or the assets names this explainer's
pages, facts, sections, sources, timeline entries or organisations: the same code builds any
explainer (`make new`). The names come from the project's own content, so the test holds for
every explainer made from this one.

An allow-list entry names a file, a word and why it stays; it only applies while the word is one of
the content's names, and an entry that no longer matches anything fails the test, so the list
can only shrink.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import PROJECT, ROOT, project_content

SCANNED = ("scripts", "overrides", "docs")
SUFFIXES = {".py", ".html", ".css", ".js", ".json", ".md", ".yml", ".yaml", ".txt"}
# Tools of this repository only, which `make new` does not copy (scripts/new_explainer.py).
NOT_ENGINE = ("scripts/bench/", "scripts/starter/")

# (file, name, why it is allowed). Examples in docstrings and messages of modules another change
# is reworking (issue 10, items 3-5); rename them to neutral examples there and delete these lines.
ALLOWED: tuple[tuple[str, str, str], ...] = (
    ("scripts/explainer/diagnostics.py", "ovhcloud", "docstring example path; to be made neutral"),
    ("scripts/explainer/model.py", "europe.md", "docstring example file name; to be made neutral"),
    ("scripts/explainer/load/loader.py", "acquisition/deal", "docstring example section id; to be made neutral"),
    ("scripts/explainer/load/fields.py", "acquisition/deal", "example in an error message; to be made neutral"),
)


def content_names() -> set[str]:
    """Ids and names that belong to this explainer's story, not to the engine, as whole words.

    Page ids are often plain words (`background`, `europe`), so they count only where they name a
    page: `europe.md`, `/europe/`, or quoted (`"europe"`, `'europe'`, `` `europe` ``).
    """
    c = project_content()
    names = set(c.facts) | set(c.sources) | set(c.sections) | {e.id for e in c.timeline}
    for page in (p for p in c.pages if not p.generated and p.id != "index"):
        names |= {f"{page.id}.md", f"/{page.id}/", f'"{page.id}"', f"'{page.id}'", f"`{page.id}`"}
    for org in c.organisations.values():
        names |= {org.id, org.name, org.name.split()[0]}  # and its first word: OVHcloud, Dragon, Mistral
    return {n for n in names if len(n) >= 4}


def engine_files() -> list[Path]:
    files = [p for part in SCANNED for p in (ROOT / part).rglob("*") if p.is_file() and p.suffix in SUFFIXES]
    return [p for p in files if not p.relative_to(ROOT).as_posix().startswith(NOT_ENGINE)]


def found_names(names: set[str], files: list[Path], root: Path = ROOT) -> set[tuple[str, str]]:
    """(file, name) for each name that occurs as a whole word (any case) in one of `files`."""
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.I)  # no word character before or after
    lowered = {n.lower(): n for n in names}
    hits = set()
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in pattern.finditer(text):
            hits.add((path.relative_to(root).as_posix(), lowered[match.group(1).lower()]))
    return hits


def test_the_engine_names_nothing_of_this_explainer() -> None:
    names = content_names()
    assert names, f"{PROJECT}/content has no names to look for"
    hits = {(f, n.lower()) for f, n in found_names(names, engine_files())}
    allowed = {(f, n.lower()) for f, n, _ in ALLOWED}
    assert sorted(hits - allowed) == []
    lowered = {n.lower() for n in names}
    stale = [(f, n) for f, n, _ in ALLOWED if n.lower() in lowered and (f, n.lower()) not in hits]
    assert stale == [], "allow-list entries that no longer match anything: delete them"


def test_a_planted_name_is_found(tmp_path: Path) -> None:
    """The check can fail: a fact id written into an engine-like file is found."""
    content = project_content()
    names = content_names()
    fact_id = max(content.facts, key=len)
    planted = tmp_path / "scripts/explainer/planted.py"
    planted.parent.mkdir(parents=True)
    planted.write_text(f'EXAMPLE = "[[fact:{fact_id}]]"\n', encoding="utf-8")
    assert found_names(names, [planted], tmp_path) == {("scripts/explainer/planted.py", fact_id)}
