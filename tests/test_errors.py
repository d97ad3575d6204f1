"""The catalogue of bad inputs: each tests/cases/errors/*.yml changes the base
tree (tests/cases/base) and lists the exact lines `make check` must print.

A case is a file:

- `about` says what it shows;
- `files` maps paths to new text (null deletes);
- `bytes` maps paths to a list of parts for what YAML text cannot hold:
  `{hex: "ef bb bf"}` raw bytes, `{text: "..."}` UTF-8 text,
  `{repeat: "...", times: N}` text repeated (a 20 MB file is one line);
- `symlinks` maps a link's path to its target, as `ln -s` would write it;
- `languages` (optional) is the site's `plugins.explainer.languages` (default:
  English only, as the base tree is), written into the case's mkdocs.yml;
- `expect` holds the diagnostics in the order printed (notices included, but for
  the reminder that a source has no archived copy, which nearly every case's
  sources would print: tests/test_citation.py checks that one).

Every case also runs `make build`'s atomic build (explainer.adapter.build,
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

from explainer.adapter import build as build_site
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


_UNARCHIVED = re.compile(r": notice: source '[^']*' has no archived copy: ")


def site_project(root: Path, languages: list[str] | None = None) -> Path:
    """A project around root/content that builds with the real theme, plugin and assets.

    Its languages are `languages` (default: the original only, as the base tree is written)."""
    # The catalogue shows the engine's defaults: every check on, whatever the site's mkdocs.yml turns off.
    settings = re.compile(r"^ +(?:require_evidence|check_copying|check_claims|languages):.*\n", re.M)
    text = settings.sub("", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    if languages is not None:  # first in the file, so its line number does not move when mkdocs.yml is edited
        block = re.search(r"^plugins:\n((?:[ #].*\n|\n)*)", text, re.M)
        assert block is not None and "  - explainer:\n" in block.group(1), "mkdocs.yml has no explainer plugin"
        others, options = block.group(1).split("  - explainer:\n", 1)
        rest = text[: block.start()] + text[block.end() :]
        text = f"plugins:\n  - explainer:\n      languages: [{', '.join(languages)}]\n{options}{others}{rest}"
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    for part in ("docs", "overrides", "scripts"):
        if not (root / part).exists():
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
    if "languages" in data:  # the check reads them from mkdocs.yml, as the build does
        site_project(tmp_path, data["languages"])
    monkeypatch.chdir(tmp_path)
    # "today" is fixed (check and build alike) so messages that name it stay stable.
    status = main(["check"], today=TODAY)
    err = capsys.readouterr().err
    lines = [
        line
        for line in err.splitlines()
        if re.search(r": (?:error|warning|notice): ", line) and not _UNARCHIVED.search(line)
    ]
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
        assert build_site.build(site_project(tmp_path, data.get("languages")), today=TODAY) == 0
        return
    with caplog.at_level(logging.INFO):
        assert build_site.build(site_project(tmp_path, data.get("languages")), today=TODAY) == 1
    logged = [r.getMessage() for r in caplog.records]
    assert [m for m in logged if ": error: " in m] == [line for line in lines if ": error: " in line]
    assert not any("Traceback" in m for m in logged)
    assert file_hashes(tmp_path / "site") == before
    assert not list(tmp_path.glob(".site-*")), "the build left its work folder behind"
