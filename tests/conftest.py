from __future__ import annotations

from pathlib import Path

import pytest

from helpers import copy_project, run_mkdocs


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project under test (helpers.PROJECT), built once with `mkdocs build --strict` into a temporary folder."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"
