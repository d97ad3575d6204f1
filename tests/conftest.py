from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT, copy_project, run_mkdocs

# Set by the outermost pytest run of this checkout; xdist workers and the child runs some tests
# start inherit it, so only the outermost run compares the checkout before and after.
_WATCHED = "EXPLAINER_TESTS_WATCH_CHECKOUT"
_status_before: str | None = None


def _git_status() -> str | None:
    """`git status --porcelain` of this checkout (ignored files left out), or None outside git."""
    try:
        result = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def pytest_configure(config: pytest.Config) -> None:
    global _status_before
    if hasattr(config, "workerinput") or os.environ.get(_WATCHED):
        return
    os.environ[_WATCHED] = "1"
    _status_before = _git_status()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when the tests changed a tracked file or left an untracked one in the checkout.

    Tests that run commands run them in temporary copies; what they may leave here is listed
    in .gitignore (caches, reports/).
    """
    if _status_before is None:
        return
    after = _git_status()
    if after is None or after == _status_before:
        return
    before_lines, after_lines = set(_status_before.splitlines()), set(after.splitlines())
    changed = sorted(after_lines ^ before_lines)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("")
        reporter.write_sep("=", "the tests changed the checkout", red=True)
        reporter.write_line("`git status --porcelain` differs from before the run (did you edit files meanwhile?):")
        for line in changed:
            reporter.write_line(f"  {line}")
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project under test (helpers.PROJECT), built once with `mkdocs build --strict` into a temporary folder."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"
