"""A new explainer's life, as its editors would live it: `make new` writes a project from template/
that installs the engine by version and holds none of it; its own tests pass (`make test-fast`);
a template change committed here reaches it with `make update`; an engine upgrade is a version
bump of its pin.

The engine's repository is this checkout as it is on disk, committed into a repository of its own
(so uncommitted work is tested too, and commits made here by the test touch nothing of the
checkout); the project installs the engine from wheels built from it (`ENGINE_WHEELS`), as it would
from a package index, and the rest from its own hash-checked lock.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, project_content

pytestmark = pytest.mark.slow

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
PIN = re.compile(r"^mkdocs-explainer==(\S+)$", re.MULTILINE)
ENGINE_ONLY = ("scripts/explainer", "overrides", "mkdocs_hooks.py", "explainer.css", "cite-copy.js")
"""What only the engine holds: a project that has any of it copied the engine."""


def run(cmd: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "PYTEST_", "VIRTUAL_ENV"))}
    clean.pop("PYTHONPATH", None)  # the project sees the engine it installed, never this checkout's scripts/
    clean["GIT_AUTHOR_NAME"] = clean["GIT_COMMITTER_NAME"] = "Test"
    clean["GIT_AUTHOR_EMAIL"] = clean["GIT_COMMITTER_EMAIL"] = "test@example.org"
    return subprocess.run(cmd, cwd=cwd, env={**clean, **env}, capture_output=True, text=True, check=False)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{' '.join(result.args)}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result.stdout


def commit(repo: Path, message: str) -> None:
    ok(run(["git", "add", "-A"], repo))
    ok(run(["git", "commit", "-q", "-m", message], repo))


def engine_repository(dest: Path) -> Path:
    """This checkout's files (tracked and new, not ignored) committed into a repository at `dest`."""
    listed = ok(run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT))
    for rel in sorted(set(filter(None, listed.split("\0")))):
        src, out = ROOT / rel, dest / rel
        if not src.exists() and not src.is_symlink():
            continue  # deleted in the working tree
        out.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            out.symlink_to(src.readlink())
        else:
            shutil.copy2(src, out)
    ok(run(["git", "init", "-q", "-b", "main"], dest))
    commit(dest, "The engine as the checkout has it")
    return dest


def build_wheel(engine: Path, wheels: Path) -> Path:
    ok(
        run(
            [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels), "."],
            engine,
        )
    )
    shutil.rmtree(engine / "build", ignore_errors=True)
    for info in (engine / "scripts").glob("*.egg-info"):
        shutil.rmtree(info)
    (wheel,) = wheels.glob(f"mkdocs_explainer-{version_of(engine)}-*.whl")
    return wheel


def version_of(engine: Path) -> str:
    return str(tomllib.loads((engine / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def bumped(version: str) -> str:
    major, minor, patch = (int(x) for x in version.split(".")[:3])
    return f"{major}.{minor}.{patch + 1}"


def installed_version(project: Path) -> str:
    code = "import explainer; print(explainer.__version__)"
    return ok(run([str(project / ".venv/bin/python"), "-c", code], project)).strip()


def test_a_new_project_lives_made_tested_updated_and_upgraded(tmp_path: Path) -> None:
    engine = engine_repository(tmp_path / "engine")
    wheels = tmp_path / "wheels"
    build_wheel(engine, wheels)
    project = tmp_path / "my-explainer"

    # Made: `make new` in the engine's repository (its copier from this checkout's venv).
    answers = "--defaults --data site_name='The garden, explained' --data published=2026-12-04"
    ok(run(["make", "-s", "new", f"DIR={project}", f"ARGS={answers}", f"VENV={ROOT / '.venv'}"], engine))
    held = {p.relative_to(project).as_posix() for p in project.rglob("*") if ".git" not in p.parts}
    assert not [p for p in held if any(part in p for part in ENGINE_ONLY)], "the project holds engine code"
    assert PIN.findall((project / "requirements.in").read_text(encoding="utf-8")) == [VERSION]
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - explainer:\n" in config and "hooks:" not in config
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert Path(recorded["_src_path"]) == engine and recorded["site_name"] == "The garden, explained"
    story = {n for org in project_content().organisations.values() for n in (org.name, org.name.split()[0])}
    for path in (project / p for p in held):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [n for n in story if n in text], f"{path.relative_to(project)} speaks of this repository's story"
    facts: dict[str, object] = {}
    for path in sorted((project / "content/facts").glob("*.yml")):
        facts |= yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [i for i in facts if re.fullmatch(r"[a-z]+", i)], "the starter should use ids that are ordinary words"
    ok(run(["git", "init", "-q", "-b", "main"], project))
    commit(project, "Start from the explainer template")

    # Tested: the project's own tests (its build, links and bad input), the engine from a wheel.
    ok(run(["make", "test-fast"], project, ENGINE_WHEELS=str(wheels)))
    assert installed_version(project) == VERSION
    assert not ok(run(["git", "status", "--porcelain"], project)), "make test-fast left the project changed"

    # Updated: a template change committed in the engine's repository reaches the project.
    contributing = engine / "template/CONTRIBUTING.md"
    line = "A line the template gained after the project was made."
    contributing.write_text(contributing.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    commit(engine, "The template gains a line")
    ok(run(["make", "update"], project, ENGINE_WHEELS=str(wheels)))
    assert line in (project / "CONTRIBUTING.md").read_text(encoding="utf-8")
    after = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert after["_commit"] != recorded["_commit"]
    assert after["site_name"] == recorded["site_name"], "an update keeps the answers"
    commit(project, "Take the template's changes")

    # Upgraded: a new engine version, then the project's pin bumped to it.
    new = bumped(VERSION)
    pyproject = engine / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(f'version = "{VERSION}"', f'version = "{new}"'))
    build_wheel(engine, wheels)
    pins = project / "requirements.in"
    pins.write_text(PIN.sub(f"mkdocs-explainer=={new}", pins.read_text(encoding="utf-8")), encoding="utf-8")
    ok(run(["make", "build"], project, ENGINE_WHEELS=str(wheels)))
    assert installed_version(project) == new
    assert (project / "site/index.html").is_file()
