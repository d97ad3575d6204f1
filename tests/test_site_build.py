"""A real `mkdocs build --strict` of the real content."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import (
    CSS_IMPORT,
    CSS_URL,
    ROOT,
    copy_project,
    file_hashes,
    is_other_origin,
    mkdocs_env,
    run_mkdocs,
    scan_page,
)

PAGES = {
    "index": "index.html",
    "acquisition": "acquisition/index.html",
    "europe": "europe/index.html",
    "investors": "investors/index.html",
    "sources": "sources/index.html",
}
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("page", ["index", "acquisition", "europe", "investors"])
def test_page_shows_facts_with_working_citations(built_site: Path, page: str) -> None:
    scan = scan_page(built_site / PAGES[page])
    assert scan.facts, f"{page} shows no fact"
    assert all(f["text"].strip() for f in scan.facts)
    assert scan.cites, f"{page} has no citation"
    for href in scan.cites:
        assert href.startswith("#source-")
        assert href[1:] in scan.ids, f"{page}: citation {href} points at nothing"


def test_every_page_exists(built_site: Path) -> None:
    for rel in PAGES.values():
        assert (built_site / rel).is_file(), rel


def test_sources_page_lists_every_source_with_the_pages_citing_it(built_site: Path) -> None:
    scan = scan_page(built_site / PAGES["sources"])
    for source_id in ("vtm-2026", "startupresearcher-2026", "digbly-2026", "sipoch-2026", "gdpr-art83"):
        assert source_id in scan.ids
    assert "../europe/" in scan.links


def test_known_values_are_rendered(built_site: Path) -> None:
    facts = {f["id"]: f["text"] for f in scan_page(built_site / PAGES["index"]).facts}
    assert facts["deal.announced"] == "25 March 2026"
    assert facts["ovhcloud.servers"] == "over 500,000 servers"
    assert facts["europe.gdpr-cap-fixed"] == "up to €20 million"
    assert facts["europe.gdpr-cap-turnover"] == "4%"


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


def test_broken_edit_fails_with_one_located_error_and_keeps_the_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert run_mkdocs(project, "build", "--strict").returncode == 0
    before = file_hashes(project / "site")
    section = project / "content/sections/europe/alternative.md"
    text = section.read_text().replace("ovhcloud.servers", "ovhcloud.server")
    section.write_text(text, encoding="utf-8")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "ovhcloud.server]" in s)
    col = text.splitlines()[line - 1].index("[[fact:ovhcloud.server]]") + 1

    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.stderr
    assert errors[0].endswith(
        f"content/sections/europe/alternative.md:{line}:{col}: error: unknown fact 'ovhcloud.server' "
        "(did you mean 'ovhcloud.servers'?)"
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


def test_edit_link_points_at_the_content_file_only_with_a_repository(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    env = {**mkdocs_env(), "REPO_URL": "https://github.com/example/explainer"}
    assert run_mkdocs(project, "build", "--strict", env=env).returncode == 0
    links = scan_page(project / "site/europe/index.html").edit_links
    assert links == ["https://github.com/example/explainer/edit/main/content/sections/europe/regulated.md"]
    assert scan_page(project / "site/sources/index.html").edit_links == [
        "https://github.com/example/explainer/edit/main/content/sources.yml"
    ]


def test_no_edit_link_without_a_repository(built_site: Path) -> None:
    assert scan_page(built_site / PAGES["europe"]).edit_links == []


def test_pages_are_not_written_into_docs(built_site: Path) -> None:
    assert not list((ROOT / "docs").rglob("*.md"))


def test_core_imports_nothing_fromrun_mkdocs() -> None:
    for path in (ROOT / "scripts/explainer").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n == "mkdocs" or n.startswith("mkdocs.") for n in names), path
