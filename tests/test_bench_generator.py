"""The benchmark's synthetic content stays valid and builds, so `make bench` cannot rot.

Nothing here measures time; `make bench` does (see MAINTAINING.md, "Performance").
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench import sites
from bench.generate import SIZES, Size, generate
from explainer import load_content, render_site
from helpers import mkdocs_env, scan_page

SMALLEST = SIZES[0]


def test_smallest_size_is_valid_content_of_that_size(tmp_path: Path) -> None:
    result = load_content(generate(tmp_path, SMALLEST))
    assert result.diagnostics == []
    assert result.content is not None
    assert len(result.content.facts) == SMALLEST.facts
    assert len(result.content.sections) == SMALLEST.sections
    assert len(result.content.pages) == SMALLEST.pages
    pages = render_site(result.content)
    cited = {fact_id for page in pages for fact_id in page.fact_ids}
    assert cited == set(result.content.facts), "every generated fact is used on a page"


def test_generator_is_deterministic(tmp_path: Path) -> None:
    a, b = generate(tmp_path / "a", SMALLEST), generate(tmp_path / "b", SMALLEST)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


@pytest.mark.parametrize("text", ["100/10", "10/100/5", "100/10/1", "a/b/c"])
def test_size_rejects_what_cannot_be_generated(text: str) -> None:
    with pytest.raises(ValueError):
        Size.parse(text)


def test_peer_pages_substitute_every_value_with_jinja(tmp_path: Path) -> None:
    content = load_content(generate(tmp_path, SMALLEST)).content
    assert content is not None
    page = render_site(content)[0]
    markdown, count = sites.to_jinja(page.markdown)
    assert count >= len(page.fact_ids)
    first = page.fact_ids[0]
    assert f'data-fact="{first}">' in markdown
    assert f'>{{{{ facts["{first}"].display }}}}</a>' in markdown


@pytest.mark.slow
def test_smallest_size_builds_with_mkdocs_strict(tmp_path: Path) -> None:
    project = sites.facts_site(tmp_path / "facts")
    generate(project, SMALLEST)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    facts = scan_page(project / "site/index.html").facts
    assert facts and all(f["text"].strip() for f in facts)


@pytest.mark.slow
def test_floor_builds_without_the_engine(tmp_path: Path) -> None:
    """The floor is MkDocs alone: its copies of the hook's Markdown extensions load, and the build
    passes, with no `explainer` module imported (naming `explainer.web.outbound` would import the
    whole engine through the package, and the floor would carry the cost it is measured against)."""
    content = load_content(generate(tmp_path / "facts", SMALLEST)).content
    assert content is not None
    floor = sites.floor_site(tmp_path / "floor", render_site(content))
    probe = (
        "import sys, mkdocs.__main__ as m\n"
        "try:\n    m.cli(['build', '--strict', '--quiet'])\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "engine = sorted(n for n in sys.modules if n.split('.')[0] == 'explainer' or n.startswith('mkdocs_'))\n"
        "assert not engine, engine\n"
    )
    env = {**mkdocs_env(), "PYTHONPATH": str(floor / sites.EXTENSIONS)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=floor, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (floor / "site/index.html").is_file()
