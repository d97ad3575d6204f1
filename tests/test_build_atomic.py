"""`make build` (`python -m explainer.adapter.build`) replaces site/ only when a build
succeeds, survives being killed midway, and is reproducible byte for byte."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explainer.adapter import build as build_site
from helpers import ROOT, copy_project, file_hashes, mkdocs_env, project_content

pytestmark = pytest.mark.slow

# A hook that only a test adds: it stops the build after every page was
# written into the work folder, before the swap, and says so in a file.
PAUSE_HOOK = """
import os, time
from pathlib import Path
from mkdocs.plugins import event_priority

@event_priority(100)  # before the explainer plugin's, which builds the other editions into the work folder
def on_post_build(config):
    Path(os.environ["PAUSED_MARKER"]).write_text(config.site_dir)
    time.sleep(120)
"""


def _build(project: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explainer.adapter.build", "-q"],
        cwd=project,
        env=env or _env(),
        capture_output=True,
        text=True,
        check=False,
    )


def _env() -> dict[str, str]:
    env = mkdocs_env()
    env.pop("SOURCE_DATE_EPOCH", None)
    env["PYTHONPATH"] = str(ROOT / "scripts")
    return env


def _git(project: Path, *args: str) -> None:
    env = {**_env(), "GIT_AUTHOR_DATE": "2026-03-25T12:00:00Z", "GIT_COMMITTER_DATE": "2026-03-25T12:00:00Z"}
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_build_killed_midway_leaves_the_previous_site_intact(tmp_path: Path, signum: int) -> None:
    project = copy_project(tmp_path)
    assert _build(project).returncode == 0
    before = file_hashes(project / "site")

    # Change a page, then build again with the pause hook and kill it mid-build.
    home = next(p for p in project_content().pages if p.id == "index")
    section = project / project_content().sections[home.sections[0]].origin.path
    section.write_text(section.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    (project / "pause_hook.py").write_text(PAUSE_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - pause_hook.py\n", encoding="utf-8")
    marker = tmp_path / "paused"
    env = {**_env(), "PAUSED_MARKER": str(marker)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "explainer.adapter.build", "-q"], cwd=project, env=env, stderr=subprocess.PIPE
    )
    try:
        for _ in range(600):
            if marker.exists() or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), "the build never reached the pause"
        work = Path(marker.read_text())
        assert work.parent == project and work.name.startswith(".site-tmp-")
        assert (work / "index.html").is_file(), "the new pages are in the work folder, not in site/"
        proc.send_signal(signum)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0
    assert file_hashes(project / "site") == before
    assert work.exists() == (signum == signal.SIGKILL), "SIGTERM cleans up; SIGKILL cannot"

    # The next build removes what the killed one left and puts the new page in place.
    config.write_text(config.read_text().replace("hooks:\n  - pause_hook.py\n", ""), encoding="utf-8")
    assert _build(project).returncode == 0
    assert not list(project.glob(".site-*"))
    assert "A new closing line." in (project / "site/index.html").read_text(encoding="utf-8")


def test_a_failed_build_keeps_the_site_and_its_work_folder_is_removed(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert _build(project).returncode == 0
    before = file_hashes(project / "site")
    pages = project / "content/pages.yml"
    pages.write_text(pages.read_text(encoding="utf-8") + "extra:\n  title: Extra\n", encoding="utf-8")
    result = _build(project)
    assert result.returncode == 1
    assert "content/pages.yml:" in result.stderr and "Traceback" not in result.stderr
    assert file_hashes(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path) -> None:
    first = copy_project(tmp_path / "first")
    _git(first, "init", "-q")
    _git(first, "add", "-A")
    _git(first, "commit", "-q", "-m", "content")
    second = tmp_path / "second"
    _git(tmp_path, "clone", "-q", str(first), str(second))  # same commit, new paths and file times
    assert _build(first).returncode == 0
    assert _build(second).returncode == 0

    a, b = file_hashes(first / "site"), file_hashes(second / "site")
    assert a == b
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"} <= set(a)
    # Dates come from the commit (25 March 2026), including the gzip header.
    assert "<lastmod>2026-03-25</lastmod>" in (first / "site/sitemap.xml").read_text(encoding="utf-8")
    with gzip.open(first / "site/sitemap.xml.gz") as f:
        f.read()
        assert f.mtime == dt.datetime(2026, 3, 25, tzinfo=dt.UTC).timestamp()


def test_outside_git_the_date_comes_from_the_newest_content_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    for path in project.rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    newest = project / next(iter(project_content().facts.values())).origin.path
    os.utime(newest, (1_760_000_000, 1_760_000_000))
    assert build_site.source_date_epoch(project) == "1760000000"
