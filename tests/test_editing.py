"""What an editor relies on: titles as written, an edit link per section, `make diff` from the branch point."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from explainer import Content, load_content
from helpers import ROOT, copy_project, mkdocs_env, run_mkdocs, scan_page
from htmldom import parse_file

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def content() -> Content:
    loaded = load_content(ROOT / "content", today=dt.date.today()).content
    assert loaded is not None
    return loaded


def _html(site: Path, page_id: str) -> Path:
    return site / ("index.html" if page_id == "index" else f"{page_id}/index.html")


def test_nav_title_names_the_page_in_the_navigation_only(built_site: Path, content: Content) -> None:
    pages = [p for p in content.pages if p.id != "index" and p.nav_title and p.nav_title != p.title]
    assert pages, "no page has a nav_title of its own"
    for page in pages:
        dom = parse_file(_html(built_site, page.id))
        title = dom.find("title")
        assert title is not None and title.text().startswith(f"{page.title} - "), title
        og = dom.find("meta", property="og:title")
        assert og is not None and og.attrs["content"].startswith(page.title)
        nav = [a.text() for a in dom.find_all("a", cls="md-nav__link")]
        assert any((page.nav_title or "") in text for text in nav)


def test_each_section_after_the_first_has_its_own_edit_link(tmp_path: Path, content: Content) -> None:
    repo = "https://github.com/example/explainer"
    project = copy_project(tmp_path)
    assert run_mkdocs(project, "build", "--strict", env={**mkdocs_env(), "REPO_URL": repo}).returncode == 0
    for page in (p for p in content.pages if len(p.sections) > 1):
        dom = scan_page(_html(project / "site", page.id)).dom
        links = [a.attrs["href"] for p in dom.find_all("p", cls="section-edit") for a in p.find_all("a")]
        expected = [f"{repo}/edit/main/{content.sections[s].origin.path}" for s in page.sections[1:]]
        assert links == expected, page.id


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def test_make_diff_lists_commits_not_yet_on_the_upstream(tmp_path: Path, content: Content) -> None:
    upstream = tmp_path / "upstream"
    copy_project(upstream)
    for name in ("Makefile", "requirements-dev.lock", "requirements-bench.lock", "package-lock.json"):
        shutil.copy2(ROOT / name, upstream / name)
    _git(upstream, "init", "-q", "-b", "main")
    _git(upstream, "add", "-A")
    _git(upstream, "commit", "-qm", "start")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(upstream), str(clone))
    fact = next(f for f in content.facts.values() if f.kind == "count" and isinstance(f.value, int))
    path = clone / fact.origin.path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = fact.origin.line  # the fact's key; its value is on a following line
    at = next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith("value:"))
    assert isinstance(fact.value, int)
    lines[at] = lines[at].replace(str(fact.value), str(fact.value + 1))
    path.write_text("".join(lines), encoding="utf-8")
    _git(clone, "commit", "-qam", "correct a count on main, not yet pushed")
    env = {**mkdocs_env(), "PATH": os.environ["PATH"]}
    # The project's venv, and no install step: this test must not touch the venv it runs in.
    make = ["make", "-s", "diff", "STAMP=", f"BIN={ROOT / '.venv/bin'}"]
    out = subprocess.run(make, cwd=clone, env=env, capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert fact.id in out.stdout, out.stdout
