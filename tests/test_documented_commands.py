"""Every command README.md, CONTRIBUTING.md and MAINTAINING.md tell a reader to run works as written.

Commands are taken from the documents themselves: each line of a ```sh block,
and each inline code span that starts with `make `, `python -m explainer` or
`grep `. Make targets are checked with `make -n` (they exist and their
variables are accepted); plain `make check` and `make schemas`,
`python -m explainer` and `grep` are run for real, with the venv's interpreter
first on PATH, as a reader with the venv active would. They run in a copy of
the checkout (its venv linked, never reinstalled: `STAMP=` is empty), so a
command that writes files (`python -m explainer render OUT`, `make schemas`)
leaves the checkout as it was. A target only a new explainer's Makefile has (`make update`, which
the guide to starting one shows) is checked against `template/Makefile`, in `template/`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT

DOCUMENTS = ("README.md", "CONTRIBUTING.md", "MAINTAINING.md")
_FENCE = re.compile(r"^ *```(\w*)\n(.*?)^ *```", re.M | re.S)
_SPAN = re.compile(r"`((?:make|python -m explainer|grep) [^`]+)`")
_RUN = {"check", "schemas"}  # make targets cheap and harmless enough to run for real
_TARGET = re.compile(r"^([\w-]+):(?!=)", re.M)


def targets(makefile: Path) -> set[str]:
    return set(_TARGET.findall(makefile.read_text(encoding="utf-8")))


# What a copy of the checkout leaves out: git's data, installed tools and what builds and tests write.
_NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "site", "reports", ".site-*", ".cache", "__pycache__", ".*_cache", ".hypothesis"
)


def documented_commands() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in DOCUMENTS:
        text = (ROOT / name).read_text(encoding="utf-8")
        for lang, body in _FENCE.findall(text):
            if lang in ("sh", "bash", "console"):
                for line in body.splitlines():
                    command = line.split(" #", 1)[0].strip()
                    if command and not command.startswith("#"):
                        found.append((name, command))
        prose = _FENCE.sub("", text)
        for span in _SPAN.findall(" ".join(prose.split())):  # spans may wrap across lines
            if not any(c in span for c in "|[<") and "REV_" not in span:  # a synopsis, not a command
                found.append((name, span))
    return sorted(set(found))


COMMANDS = documented_commands()


def test_the_documents_show_commands() -> None:
    assert any(c.startswith("make serve") for _, c in COMMANDS)
    assert any(c.startswith("make test") for _, c in COMMANDS)


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this checkout's files, with a link to its venv: where the commands run."""
    copy = tmp_path_factory.mktemp("checkout") / "explainer"
    shutil.copytree(ROOT, copy, ignore=_NOT_COPIED, symlinks=True)  # copy2: file times kept, as make compares them
    if (ROOT / ".venv").is_dir():
        (copy / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return copy


def _env(checkout: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # as a reader's shell has it
    env["PATH"] = f"{checkout / '.venv/bin'}{os.pathsep}{env['PATH']}"
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


@pytest.mark.parametrize(("document", "command"), COMMANDS, ids=[c for _, c in COMMANDS])
def test_a_documented_command_works_as_written(document: str, command: str, checkout: Path) -> None:
    argv = shlex.split(command)
    where = checkout
    if (
        argv[0] == "make"
        and argv[1] not in targets(ROOT / "Makefile")
        and argv[1] in targets(ROOT / "template/Makefile")
    ):
        where = checkout / "template"  # a new explainer's command
    if argv[0] == "make":
        # Run for real only as plain `make check` / `make schemas`: `make check ARGS=--fail-on-overdue`
        # fails once a fact's review date passes (the catalogue tests that option), so it gets `-n`.
        run = len(argv) == 2 and argv[1] in _RUN
        argv = ["make", *([] if run else ["-n"]), *argv[1:], "STAMP="]  # the linked venv is used, never installed
    elif argv[0] == "python":
        argv[0] = "python3" if not (ROOT / ".venv/bin/python").exists() else "python"
    result = subprocess.run(
        argv, cwd=where, env=_env(checkout), capture_output=True, text=True, check=False, timeout=300
    )
    assert result.returncode == 0, f"{document}: `{command}` failed:\n{result.stdout}\n{result.stderr}"
    if argv[0] == "grep":
        assert result.stdout.strip(), f"{document}: `{command}` finds nothing"


def test_the_readme_stays_a_readme() -> None:
    """The README is the newcomer's page: short, linking the editors' and the maintainers' guides,
    whose relative links resolve."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250, "README.md grew past 250 lines: move the detail to a guide"
    for name in ("CONTRIBUTING.md", "MAINTAINING.md"):
        assert f"]({name})" in readme, f"README does not link {name}"
    for name in DOCUMENTS:
        prose = _FENCE.sub("", (ROOT / name).read_text(encoding="utf-8"))  # examples in code blocks are not links
        for link in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", prose):
            assert (ROOT / link).exists(), f"{name}: broken link {link}"
