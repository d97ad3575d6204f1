"""One fact edited in YAML changes every page that uses it, and nothing else."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from explainer import load_content, render_site
from explainer.kinds import format_value
from helpers import PROJECT, numeric_fact_shown_in_prose, project_content, set_field


def _render(project: Path) -> dict[str, str]:
    result = load_content(project / "content", today=dt.date.today())
    assert result.content is not None, result.diagnostics
    return {p.page.id: p.markdown for p in render_site(result.content)}


def test_changing_a_fact_changes_it_everywhere_and_nowhere_else(tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "content", tmp_path / "content")
    before = _render(tmp_path)
    fact, _ = numeric_fact_shown_in_prose(project_content())
    assert isinstance(fact.value, int)
    set_field(tmp_path, fact.origin.path, fact.origin.line, "value", str(fact.value + 1))
    after = _render(tmp_path)

    changed = load_content(tmp_path / "content").content
    assert changed is not None
    old, new = f">{format_value(fact, 'en')}<", f">{format_value(changed.facts[fact.id], 'en')}<"
    assert old != new
    users = {page for page, text in before.items() if f'data-fact="{fact.id}"' in text}
    pages = project_content().pages
    assert users == (
        {p.id for p in pages if any(fact.id in _cited(s) for s in p.sections)}
        | {p.id for p in pages if fact.id in p.figures}
        | {p.id for p in pages if p.generated == "data"}
    )
    for page in before:
        if page in users:
            assert old in before[page] and old not in after[page]
            assert after[page] == before[page].replace(old, new)
        else:
            assert after[page] == before[page]


def _cited(section_id: str) -> set[str]:
    return {r.fact_id for r in project_content().sections[section_id].references}
