"""Inside GitHub Actions the check command also prints workflow commands, so errors show on the pull request's lines."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import Diagnostic
from explainer.cli import github_annotation, main
from explainer.diagnostics import warning
from helpers import ROOT, make_tree

PLANTED: dict[str, str | None] = {
    # a typo in a fact reference, on line 4 of the section
    "content/sections/main/intro.md": "---\ntitle: Intro\n---\nExample Corp runs [[fact:corp.server]].\n",
}


def _run_check(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), **env}
    return subprocess.run(
        [sys.executable, "-m", "explainer", "check", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_under_github_actions_annotates_the_planted_error(tmp_path: Path) -> None:
    make_tree(tmp_path, PLANTED)
    result = _run_check(tmp_path, {"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/sections/main/intro.md,line=4,col=19::"
        "unknown fact 'corp.server' (did you mean 'corp.servers'?)"
    ]
    # the log keeps the line editors and terminals read
    assert result.stderr.splitlines() == [
        "content/sections/main/intro.md:4:19: error: unknown fact 'corp.server' (did you mean 'corp.servers'?)",
        "1 error(s), 0 warning(s)",
    ]


def test_outside_github_actions_the_output_is_unchanged(tmp_path: Path) -> None:
    make_tree(tmp_path, PLANTED)
    plain = _run_check(tmp_path, {"GITHUB_ACTIONS": ""})
    assert plain.returncode == 1
    assert "::error" not in plain.stdout + plain.stderr
    assert plain.stderr.startswith("content/sections/main/intro.md:4:19: error: unknown fact 'corp.server'")
    forced = _run_check(tmp_path, {"GITHUB_ACTIONS": ""}, "--format", "github")
    assert forced.stdout.startswith("::error file=content/sections/main/intro.md,line=4,col=19::")
    assert forced.stderr == plain.stderr


def test_annotation_escapes_what_github_would_misread() -> None:
    d = Diagnostic("content/facts/a,b:c.yml", 3, 5, "100% sure\r\nsecond line")
    # A diagnostic is always one line (line breaks are written out as \r, \n), so it cannot forge a second annotation.
    assert github_annotation(d) == "::error file=content/facts/a%2Cb%3Ac.yml,line=3,col=5::100%25 sure\\r\\nsecond line"
    assert github_annotation(warning("x.md", 1, 2, "stale")) == "::warning file=x.md,line=1,col=2::stale"


def test_format_is_checked(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--format", "xml"])
    assert exit_.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err
