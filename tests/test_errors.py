"""The catalogue of bad inputs: each tests/cases/errors/*.yml changes the base
tree (tests/cases/base) and lists the exact lines `make check` must print.

A case is a file: `about` says what it shows, `files` maps paths to new text
(null deletes), `expect` holds the diagnostics in the order printed. Run with
UPDATE_GOLDEN=1 to fill in `expect` for a new case, then read it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explainer.cli import main
from helpers import dump_case, load_case, make_tree

CASES = sorted((Path(__file__).parent / "cases" / "errors").glob("*.yml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_input(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = load_case(case)
    make_tree(tmp_path, data.get("files"))
    monkeypatch.chdir(tmp_path)
    status = main(["check"])
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if ": error: " in line or ": warning: " in line]
    if os.environ.get("UPDATE_GOLDEN"):
        data["expect"] = "\n".join(lines) + "\n"
        case.write_text(dump_case(data), encoding="utf-8")
    assert "Traceback" not in err
    assert lines == data["expect"].splitlines()
    assert status == (1 if any(": error: " in line for line in lines) else 0)
