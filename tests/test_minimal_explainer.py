"""A second explainer, as small as content can be and with none of this site's page or fact ids,
builds with `mkdocs build --strict`: nothing in scripts/ may assume a page, fact or file of a
particular explainer. Its content is tests/sites/minimal/content; the engine, theme and assets are
this checkout's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import ROOT, run_mkdocs, scan_page

MINIMAL = Path(__file__).parent / "sites" / "minimal"
pytestmark = pytest.mark.slow


def _project(dest: Path) -> Path:
    shutil.copytree(MINIMAL / "content", dest / "content")
    for part in ("docs", "overrides", "scripts"):
        (dest / part).symlink_to(ROOT / part, target_is_directory=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.mark.build
def test_a_minimal_explainer_with_other_ids_builds_strictly(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    site = project / "site"
    home, numbers = scan_page(site / "index.html"), scan_page(site / "numbers/index.html")
    assert [f["text"] for f in home.facts] == ["8,400 bicycles"]
    assert [f["text"] for f in numbers.facts] == ["12.5 km", "8,400 bicycles"]
    assert "numbers/" in home.links  # a link between pages, written as the page's id
    references = scan_page(site / "references/index.html")
    assert "survey" in references.ids and "../numbers/" in references.links
    # No page of another explainer leaks in: only this one's pages (and MkDocs' 404) are written.
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert pages == {"index.html", "numbers/index.html", "references/index.html", "404.html"}
