"""`make new DIR=path` writes a working explainer: it builds strictly, its content checks clean,
and its own copy of the generic tests passes against its starter content, and still passes when
an id is an ordinary word (a content-only change never turns a new explainer's CI red)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import load_content
from helpers import ROOT, mkdocs_env, run_mkdocs

STARTER = ROOT / "scripts" / "starter"


def _make_new(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-s", "-C", str(ROOT), "new", *args, f"PYTHON={sys.executable}"],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def new_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("new") / "my-explainer"
    result = _make_new(f"DIR={target}")
    assert result.returncode == 0, result.stderr
    assert f"cd {target}" in result.stdout and "make serve" in result.stdout and "make test" in result.stdout
    return target


def test_the_new_project_holds_the_starter_not_this_story(new_project: Path) -> None:
    starter = sorted(p.relative_to(STARTER).as_posix() for p in (STARTER / "content").rglob("*") if p.is_file())
    written = sorted(p.relative_to(new_project).as_posix() for p in (new_project / "content").rglob("*") if p.is_file())
    assert written == starter
    assert (new_project / "README.md").read_text(encoding="utf-8") == (STARTER / "README.md").read_text(
        encoding="utf-8"
    )
    config = (new_project / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_name: "A new explainer"' in config
    this_name = re.search(r"^site_name: .*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert this_name is not None and this_name.group(0) not in config
    makefile = (new_project / "Makefile").read_text(encoding="utf-8")
    assert "bench" not in makefile.replace("requirements-bench", "") and "\nnew:" not in makefile
    assert "\ntest-fast:" in makefile and "\nserve:" in makefile and "\ntest:" in makefile
    assert not (new_project / "scripts/bench").exists() and not (new_project / "scripts/starter").exists()
    assert not (new_project / "tests/this_site").exists() and not (new_project / "tests/test_new_explainer.py").exists()
    assert not (new_project / "tests/test_engine_is_generic.py").exists()  # this repository's engine, not theirs
    for rel in ("scripts/explainer/load/loader.py", "scripts/mkdocs_hooks.py", "overrides/main.html", ".ci/run"):
        assert (new_project / rel).read_bytes() == (ROOT / rel).read_bytes(), rel


@pytest.mark.slow
def test_the_new_project_checks_and_builds_strictly(new_project: Path) -> None:
    result = load_content(new_project / "content")
    assert result.content is not None and result.diagnostics == [], result.diagnostics
    facts = result.content.facts.values()
    assert {f.kind for f in facts} >= {"count", "money", "percent", "date", "text"}
    assert len(result.content.sources) == 1 and result.content.timeline and result.content.glossary
    assert len([p for p in result.content.pages if p.sections]) == 2

    check = subprocess.run(
        [sys.executable, "-m", "explainer", "check"],
        cwd=new_project,
        env={**mkdocs_env(), "PYTHONPATH": str(new_project / "scripts")},
        capture_output=True,
        text=True,
        check=False,
    )
    # Nothing but notices (a source with no archived copy is one: worth knowing, never failing).
    said = [line for line in check.stderr.splitlines() if ": notice: " not in line and "notice(s)" not in line]
    assert check.returncode == 0 and said == [], check.stderr
    build = run_mkdocs(new_project, "build", "--strict")
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr, build.stderr
    assert (new_project / "site/background/index.html").is_file()


# A timeline entry whose id is an ordinary English word, as an editor may well name one (issue 22).
ORDINARY_WORD_ENTRY = """
closed:
  fact: DATE_FACT
  title: The deal is closed
"""


@pytest.mark.slow
def test_the_new_project_passes_its_own_fast_tests_with_an_ordinary_word_as_an_id(
    new_project: Path, tmp_path: Path
) -> None:
    """Its copy of the generic tests, run from inside it after `git init`, against its own content
    with a timeline entry `closed` added: a word the engine's code uses too."""
    project = shutil.copytree(new_project, tmp_path / "project")
    loaded = load_content(project / "content").content
    assert loaded is not None
    timeline = project / "content/timeline.yml"
    date_fact = next(f.id for f in loaded.facts.values() if f.kind == "date")
    entry = ORDINARY_WORD_ENTRY.replace("DATE_FACT", date_fact)
    timeline.write_text(timeline.read_text(encoding="utf-8") + entry, encoding="utf-8")
    added = load_content(project / "content")
    assert added.content is not None and "closed" in {e.id for e in added.content.timeline}, added.diagnostics
    assert added.diagnostics == [], added.diagnostics
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    env = {k: v for k, v in mkdocs_env().items() if k not in ("EXPLAINER_PROJECT", "PYTHONPATH")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-n",
            "2",
            "-m",
            "not browser and (not slow or build)",
        ],
        cwd=project,
        env={**env, "PYTHONPATH": str(project / "scripts"), "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "error" not in result.stdout.splitlines()[-1]


def test_make_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = _make_new(f"DIR={tmp_path}")
    assert result.returncode == 2
    assert f"new_explainer: {tmp_path} is a folder that is not empty; give a new or empty folder" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_make_new_without_a_folder_says_how_to_call_it() -> None:
    result = _make_new()
    assert result.returncode == 2
    assert "usage: make new DIR=path/to/new-explainer" in result.stderr
