"""A real `mkdocs build --strict` of the project's content, checked against that content as loaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from explainer import Content
from explainer.kinds import format_value
from helpers import (
    CSS_IMPORT,
    CSS_URL,
    copy_project,
    file_hashes,
    is_other_origin,
    mkdocs_env,
    page_html,
    project_content,
    run_mkdocs,
    scan_page,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def content() -> Content:
    return project_content()


@pytest.mark.build
def test_every_page_exists(built_site: Path, content: Content) -> None:
    for page in content.pages:
        assert page_html(built_site, page.id).is_file(), page.id


@pytest.mark.build
def test_pages_show_their_facts_formatted_with_working_citations(built_site: Path, content: Content) -> None:
    for page in (p for p in content.pages if not p.generated):
        scan = scan_page(page_html(built_site, page.id))
        cited = {r.fact_id for s in page.sections for r in content.sections[s].references} | set(page.figures)
        assert {f["id"] for f in scan.facts} == cited, page.id
        for shown in scan.facts:
            assert shown["text"] == format_value(content.facts[shown["id"]], "en"), (page.id, shown)
        assert bool(scan.cites) == bool(cited), f"{page.id} has facts but no citation"
        for href in scan.cites:
            assert href.startswith("#source-")
            assert href[1:] in scan.ids, f"{page.id}: citation {href} points at nothing"


@pytest.mark.build
def test_sources_page_lists_every_source_with_the_pages_citing_it(built_site: Path, content: Content) -> None:
    page = next((p for p in content.pages if p.generated == "sources"), None)
    if page is None:
        pytest.skip("this explainer has no sources page")
    scan = scan_page(page_html(built_site, page.id))
    assert set(content.sources) <= scan.ids
    for other in (p for p in content.pages if not p.generated):
        facts = {r.fact_id for s in other.sections for r in content.sections[s].references} | set(other.figures)
        if facts:
            href = "../" if other.id == "index" else f"../{other.id}/"
            assert href in scan.links, f"the sources page does not link {other.id}, which cites sources"


@pytest.mark.build
def test_nothing_loads_from_another_origin(built_site: Path) -> None:
    offenders = []
    for html in built_site.rglob("*.html"):
        for what, url in scan_page(html).resources:
            if is_other_origin(url):
                offenders.append(f"{html.relative_to(built_site)}: {what} {url}")
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        for url in CSS_URL.findall(text) + CSS_IMPORT.findall(text):
            if is_other_origin(url):
                offenders.append(f"{css.relative_to(built_site)}: {url}")
    assert offenders == []


def test_broken_edit_fails_with_one_located_error_and_keeps_the_site(tmp_path: Path, content: Content) -> None:
    project = copy_project(tmp_path)
    assert run_mkdocs(project, "build", "--strict").returncode == 0
    before = file_hashes(project / "site")
    # A typo an editor makes: the last letter of a fact id dropped, in the first reference where
    # the shortened id is no fact's and begins no other fact's id (so the suggestion is the original).
    section, ref = next(
        (s, r)
        for s in content.sections.values()
        for r in s.references
        if not any(other.startswith(r.fact_id[:-1]) for other in content.facts if other != r.fact_id)
    )
    typo = ref.fact_id[:-1]
    path = project / section.origin.path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = ref.line
    col = lines[line - 1].index(f"[[fact:{ref.fact_id}]]") + 1
    assert col == ref.col  # the model and the file agree on where the reference is
    lines[line - 1] = lines[line - 1].replace(f"[[fact:{ref.fact_id}]]", f"[[fact:{typo}]]", 1)
    path.write_text("".join(lines), encoding="utf-8")

    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.stderr
    assert errors[0].endswith(
        f"{section.origin.path}:{line}:{col}: error: unknown fact '{typo}' (did you mean '{ref.fact_id}'?)"
    )
    assert "Traceback" not in result.stderr
    assert file_hashes(project / "site") == before

    check = subprocess.run(
        [sys.executable, "-m", "explainer", "check"],
        cwd=project,
        env={**mkdocs_env(), "PYTHONPATH": str(project / "scripts")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 1
    assert [line for line in check.stderr.splitlines() if ": error: " in line] == [errors[0].split("-  ")[-1]]


def test_edit_link_points_at_the_content_file_only_with_a_repository(tmp_path: Path, content: Content) -> None:
    project = copy_project(tmp_path)
    env = {**mkdocs_env(), "REPO_URL": "https://github.com/example/explainer"}
    assert run_mkdocs(project, "build", "--strict", env=env).returncode == 0
    edit = "https://github.com/example/explainer/edit/main/"
    for page in content.pages:
        links = scan_page(page_html(project / "site", page.id)).edit_links
        if page.sections:
            assert links == [edit + content.sections[page.sections[0]].origin.path], page.id
    sources = next((p for p in content.pages if p.generated == "sources"), None)
    if sources is not None:
        assert scan_page(page_html(project / "site", sources.id)).edit_links == [edit + "content/sources.yml"]


@pytest.mark.build
def test_no_edit_link_without_a_repository(built_site: Path, content: Content) -> None:
    for page in content.pages:
        assert scan_page(page_html(built_site, page.id)).edit_links == [], page.id


@pytest.mark.build
def test_pages_are_not_written_into_docs(built_site: Path) -> None:
    """The build ran in a copy of the project: its docs/ holds the hand-made assets and no page."""
    docs = built_site.parent / "docs"
    assert docs.is_dir() and any(docs.rglob("*")), "the copy has no docs/ to check"
    assert not list(docs.rglob("*.md"))
