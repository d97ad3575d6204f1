"""ProperDocs, a maintained fork of MkDocs 1.x, builds this repository as it is: the same site as
`mkdocs build`, byte for byte, apart from the generator tag each page names (MAINTAINING.md,
"Off MkDocs and Material")."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import copy_project, file_hashes, mkdocs_env

pytestmark = pytest.mark.slow

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(project: Path, tool: str, site: Path) -> None:
    env = {**mkdocs_env(), "SOURCE_DATE_EPOCH": "1767225600", "SITE_URL": "https://example.org/explainer/"}
    command = [sys.executable, "-m", tool, "build", "--strict", "--quiet", "--site-dir", str(site)]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def _without_generator(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): GENERATOR.sub(b"<generator>", p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_properdocs_builds_the_mkdocs_site_apart_from_the_generator_tag(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _build(project, "mkdocs", tmp_path / "mkdocs-site")
    _build(project, "properdocs", tmp_path / "properdocs-site")

    mkdocs_site = _without_generator(tmp_path / "mkdocs-site")
    properdocs_site = _without_generator(tmp_path / "properdocs-site")

    assert sorted(properdocs_site) == sorted(mkdocs_site)
    assert [name for name in mkdocs_site if properdocs_site[name] != mkdocs_site[name]] == []
    # What is left out of the comparison is the tag alone: ProperDocs names itself there.
    home = (tmp_path / "properdocs-site/index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs ' in home
    assert file_hashes(tmp_path / "mkdocs-site") != file_hashes(tmp_path / "properdocs-site")
