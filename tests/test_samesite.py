"""`make same-site BASE=rev`: two builds compared file by file, the site's version aside."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, mkdocs_env
from toolkit.samesite import differences, files


def test_the_version_is_the_one_expected_difference(tmp_path: Path) -> None:
    for name, version in (("a", "1b75427f6c9b"), ("b", "9d49939baef6")):
        (tmp_path / name / "cite").mkdir(parents=True)
        (tmp_path / name / "cite/page.bib").write_text(f"  version = {{{version}}},\n", encoding="utf-8")
    a, b = files(tmp_path / "a", "1b75427f6c9b"), files(tmp_path / "b", "9d49939baef6")
    assert differences(a, b) == []


def test_a_changed_line_is_shown_and_a_missing_file_named() -> None:
    base = {"index.html": b"<p>12 widgets</p>\n", "old.html": b"x", "logo.png": b"\x89PNG\x00\xff"}
    head = {"index.html": b"<p>13 widgets</p>\n", "logo.png": b"\x89PNG\x00\xfe"}
    diff = "".join(differences(base, head))
    assert "-<p>12 widgets</p>" in diff and "+<p>13 widgets</p>" in diff
    assert "only in the base site: old.html" in diff
    assert "binary files differ: logo.png" in diff


@pytest.mark.slow
def test_this_checkout_builds_the_same_site_as_its_own_head() -> None:
    """The whole tool on the real site: HEAD against this checkout (the same, unless the checkout
    has uncommitted changes that change the site, which is what the tool is for)."""
    if subprocess.run(
        ["git", "status", "--porcelain", "--", "scripts", "content", "overrides", "docs", "mkdocs.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip():
        pytest.skip("uncommitted changes to the site: the comparison with HEAD would report them")
    result = subprocess.run(
        [sys.executable, "-m", "toolkit.samesite", "HEAD"], cwd=ROOT, env=mkdocs_env(), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "byte for byte" in result.stdout
