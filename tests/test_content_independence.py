"""The site-facing tests hold whatever the content says: an editor correcting facts and sources
cannot turn CI red. This runs them against a copy of the project whose facts, dates and a source
were changed, the way a pull request changes them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from explainer import Content, load_content
from helpers import add_field, copy_project, project_content, run_site_tests, set_field

pytestmark = pytest.mark.slow


def edit_like_an_editor(project: Path, content: Content) -> list[str]:
    """Change numbers, a date fact, an as-of date, a text fact and a source; say what changed."""
    changes = []
    facts = list(content.facts.values())
    for fact in [f for f in facts if f.kind in ("count", "money") and isinstance(f.value, int)][:4]:
        new = fact.value * 10 + 7 if isinstance(fact.value, int) else fact.value
        set_field(project, fact.origin.path, fact.origin.line, "value", str(new))
        changes.append(f"{fact.id}: value {fact.value} -> {new}")
    date_fact = next(f for f in facts if f.kind == "date" and len(f.value.iso()) == 10)  # type: ignore[union-attr]
    day = dt.date.fromisoformat(date_fact.value.iso()) - dt.timedelta(days=1)  # type: ignore[union-attr]
    set_field(project, date_fact.origin.path, date_fact.origin.line, "value", day.isoformat())
    changes.append(f"{date_fact.id}: value -> {day}")
    dated = next(f for f in facts if f is not date_fact and len(f.as_of.iso()) == 10)
    as_of = dt.date.fromisoformat(dated.as_of.iso()) - dt.timedelta(days=3)
    set_field(project, dated.origin.path, dated.origin.line, "as_of", as_of.isoformat())
    changes.append(f"{dated.id}: as_of -> {as_of}")
    text = next(f for f in facts if f.kind == "text")
    set_field(project, text.origin.path, text.origin.line, "value", '"a corrected description"')
    changes.append(f"{text.id}: text value changed")
    source = next(iter(content.sources.values()))
    set_field(project, source.origin.path, source.origin.line, "title", '"A corrected title for this report"')
    set_field(project, source.origin.path, source.origin.line, "url", "https://example.org/corrected-report")
    changes.append(f"source {source.id}: title and url changed")
    changes += accept_the_excerpts_left_behind(project)
    return changes


OUTDATED = re.compile(r"excerpt of '(?P<source>[^']+)' in fact '(?P<fact>[^']+)' does not give its value")


def accept_the_excerpts_left_behind(project: Path) -> list[str]:
    """What an editor does next, told by `make check`: a changed value whose quoted words no longer
    give it needs other words (here, as the engine allows, an `evidence_in_words` reason)."""
    result = load_content(project / "content", base=project)
    outdated: dict[str, list[str]] = {}
    for d in result.diagnostics:
        found = OUTDATED.search(d.message)
        if found:
            outdated.setdefault(found["fact"], []).append(found["source"])
    assert result.content is not None
    facts = [result.content.facts[f] for f in outdated]
    for fact in sorted(facts, key=lambda f: f.origin.line, reverse=True):  # a line added moves those below
        sources = outdated[fact.id]
        reasons = ", ".join(f'{s}: "The editor will quote the corrected figure."' for s in sources)
        add_field(project, fact.origin.path, fact.origin.line, "evidence_in_words", f"{{{reasons}}}")
    return [f"{fact_id}: evidence_in_words for {', '.join(s)}" for fact_id, s in outdated.items()]


def test_site_tests_pass_on_content_an_editor_changed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "edited")
    before = project_content()
    changes = edit_like_an_editor(project, before)
    after = load_content(project / "content").content
    assert after is not None, "the edited copy must be valid content"
    changed = [i for i in before.facts if before.facts[i] != after.facts[i]]
    assert len(changed) >= 4, changes
    assert before.sources != after.sources

    result = run_site_tests(project)
    assert result.returncode == 0, "\n".join(changes) + "\n" + result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
