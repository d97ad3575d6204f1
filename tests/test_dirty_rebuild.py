"""`mkdocs serve --dirty`: a rebuild after a fact edit writes only the pages that show the
fact, and the site it leaves equals a full rebuild's.

MkDocs rebuilds every generated file under `--dirty` (it cannot tell that one is
unchanged); the hook tells it which pages' Markdown, head metadata and navigation are
those of the last build. Builds run in this process, as `mkdocs serve` runs them, on
generated content (the benchmark's generator), so no expectation depends on the site's
own facts. Nothing here measures time.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from bench.generate import Size, fact_id, generate
from bench.sites import one_language
from explainer import load_content, render_site
from helpers import copy_project, numeric_fact_shown_in_prose, project_content, set_field

pytestmark = pytest.mark.slow

SERVE_URL = "http://127.0.0.1:8000/"


def serve_build(project: Path, site: Path, dirty: bool) -> None:
    """One rebuild as `mkdocs serve [--dirty --no-strict]` runs it."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=dirty)
    config.site_url = SERVE_URL
    config.strict = False  # strict mode refuses --dirty
    build(config, serve_url=SERVE_URL, dirty=dirty)


def pages_html(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("index.html")}


def test_dirty_rebuild_writes_only_changed_pages_and_equals_a_full_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("REPO_URL", raising=False)
    project = copy_project(tmp_path / "project", with_content=False)
    config = project / "mkdocs.yml"
    config.write_text(one_language(config.read_text(encoding="utf-8")), encoding="utf-8")  # generated: English only
    generate(project, Size(100, 10, 5))
    dirty_site, full_site = tmp_path / "dirty", tmp_path / "full"
    serve_build(project, dirty_site, dirty=True)
    for path in dirty_site.rglob("index.html"):
        os.utime(path, ns=(0, 0))  # whatever the next build writes gets a new time

    fact = fact_id(42)
    facts = project / "content/facts/topic-000.yml"
    text, n = re.subn(
        rf"^({re.escape(fact)}:\n(?:  .*\n)*?)", r"\g<1>  note: Revised.\n", facts.read_text(), count=1, flags=re.M
    )
    assert n == 1
    facts.write_text(text, encoding="utf-8")
    serve_build(project, dirty_site, dirty=True)

    result = load_content(project / "content")
    assert result.content is not None
    changed = {
        "index.html" if p.page.id == "index" else f"{p.page.id}/index.html"
        for p in render_site(result.content)
        if fact in p.fact_ids
    }
    assert changed, f"no page shows {fact}"
    written = {p.relative_to(dirty_site).as_posix() for p in dirty_site.rglob("index.html") if p.stat().st_mtime_ns}
    assert written == changed

    serve_build(project, full_site, dirty=False)
    assert pages_html(dirty_site) == pages_html(full_site)


def site_files(site: Path) -> dict[str, bytes]:
    """Every page and every search index of a built site, every edition's included."""
    found = [*site.rglob("*.html"), *site.rglob("search_index.json")]
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in found}


def test_a_serve_rebuild_in_every_language_rewrites_only_changed_pages_and_keeps_search_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `mkdocs serve` runs after an edit (`mkdocs_serve.rebuild_changed_pages`): pages not
    rebuilt are still served, the search index of each edition still holds every page, and the site
    is the one a full rebuild writes."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("REPO_URL", raising=False)
    project = copy_project(tmp_path / "project")
    content = project_content()
    assert len(content.languages) > 1, "the site has one language"
    fact, _ = numeric_fact_shown_in_prose(content)
    assert isinstance(fact.value, int)
    served, full = tmp_path / "served", tmp_path / "full"
    serve_build(project, served, dirty=False)  # the first build of a serve session
    before = site_files(served)
    for path in served.rglob("*.html"):
        os.utime(path, ns=(0, 0))

    set_field(project, fact.origin.path, fact.origin.line, "value", str(fact.value + 1))
    serve_build(project, served, dirty=True)  # each rebuild after it
    after = site_files(served)
    written = {p.relative_to(served).as_posix() for p in served.rglob("*.html") if p.stat().st_mtime_ns}
    assert written and written < set(after), "a fact edit rewrites some pages, not all"
    assert {n for n in after if after[n] != before[n]} <= written | {n for n in after if "search" in n}

    serve_build(project, full, dirty=False)
    assert after == site_files(full)
