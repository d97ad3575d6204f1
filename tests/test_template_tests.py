"""A new project's own tests (template/tests) hold on this site too: a real explainer in two
languages, whatever its content says today. Projects run those tests against the engine they pin;
this runs them against the engine in this checkout, so an engine change that would break them
fails here first. (The browser test is left out: the browser suite checks this site's pages.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow


def test_a_new_projects_tests_pass_on_this_site(tmp_path: Path) -> None:
    for part in ("content", "docs", "template/tests"):
        shutil.copytree(ROOT / part, tmp_path / Path(part).name, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("mkdocs.yml", "template/pyproject.toml"):
        shutil.copy2(ROOT / part, tmp_path / Path(part).name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTEST_ADDOPTS")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser"],
        cwd=tmp_path,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
