"""The catalogue of bad inputs: each tests/cases/errors/*.yml changes the base
tree (tests/cases/base) and lists the exact lines `make check` must print.

A case is a file:

- `about` says what it shows;
- `files` maps paths to new text (null deletes);
- `bytes` maps paths to a list of parts for what YAML text cannot hold:
  `{hex: "ef bb bf"}` raw bytes, `{text: "..."}` UTF-8 text,
  `{repeat: "...", times: N}` text repeated (a 20 MB file is one line);
- `symlinks` maps a link's path to its target, as `ln -s` would write it;
- `expect` holds the diagnostics in the order printed.

Every case also runs `make build`'s atomic build (scripts/build_site.py,
in-process) over a project whose `site/` was built from the base tree, and
asserts: exit status 1, the same error lines in the build's log, no
traceback, and `site/` byte-for-byte unchanged. Run with UPDATE_GOLDEN=1 to
fill in `expect` for a new case, then read every line of it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import build_site
from explainer.cli import main
from helpers import ROOT, dump_case, file_hashes, load_case, make_tree

CASES = sorted((Path(__file__).parent / "cases" / "errors").glob("*.yml"))
TODAY = dt.date(2026, 11, 26)


def write_bytes(root: Path, files: dict[str, list[dict[str, Any]]]) -> None:
    for rel, parts in files.items():
        data = bytearray()
        for part in parts:
            if "hex" in part:
                data += bytes.fromhex(part["hex"])
            elif "text" in part:
                data += part["text"].encode("utf-8")
            else:
                data += part["repeat"].encode("utf-8") * int(part["times"])
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes(data))


def make_case(root: Path, data: dict[str, Any]) -> None:
    make_tree(root, data.get("files"))
    write_bytes(root, data.get("bytes", {}))
    for link, target in data.get("symlinks", {}).items():
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).symlink_to(target)


def site_project(root: Path) -> Path:
    """A project around root/content that builds with the real theme, hook and assets."""
    # The catalogue shows the engine's defaults: every check on, whatever the site's mkdocs.yml turns off.
    settings = re.compile(r"^ +(?:require_evidence|check_copying|check_claims):.*\n", re.M)
    (root / "mkdocs.yml").write_text(settings.sub("", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    for part in ("docs", "overrides", "scripts"):
        (root / part).symlink_to(ROOT / part, target_is_directory=True)
    return root / "mkdocs.yml"


@pytest.fixture(scope="session")
def base_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the base tree: every case starts with it in site/."""
    root = tmp_path_factory.mktemp("base")
    make_tree(root)
    assert build_site.build(site_project(root), today=TODAY) == 0
    return root / "site"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_input(
    case: Path,
    base_site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    data = load_case(case)
    make_case(tmp_path, data)
    monkeypatch.chdir(tmp_path)
    # "today" is fixed (check and build alike) so messages that name it stay stable.
    status = main(["check"], today=TODAY)
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if ": error: " in line or ": warning: " in line]
    if os.environ.get("UPDATE_GOLDEN"):
        data["expect"] = "\n".join(lines) + "\n"
        case.write_text(dump_case(data), encoding="utf-8")
    assert "Traceback" not in err
    assert lines == data["expect"].splitlines()
    # The check fails exactly when the strict build does: on errors and on the loader's warnings.
    assert status == (0 if data.get("build") == "passes" else 1)

    # The same input through `make build`: refused, reported alike, nothing written.
    # (A case may say `build: passes` for what only the check command reports.)
    shutil.copytree(base_site, tmp_path / "site", symlinks=True)
    before = file_hashes(tmp_path / "site")
    if data.get("build") == "passes":
        assert build_site.build(site_project(tmp_path), today=TODAY) == 0
        return
    with caplog.at_level(logging.INFO):
        assert build_site.build(site_project(tmp_path), today=TODAY) == 1
    logged = [r.getMessage() for r in caplog.records]
    assert [m for m in logged if ": error: " in m] == [line for line in lines if ": error: " in line]
    assert not any("Traceback" in m for m in logged)
    assert file_hashes(tmp_path / "site") == before
    assert not list(tmp_path.glob(".site-*")), "the build left its work folder behind"
