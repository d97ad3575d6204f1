"""Every command README.md and CONTRIBUTING.md tell a reader to run works as written.

Commands are taken from the documents themselves: each line of a ```sh block,
and each inline code span that starts with `make `, `python -m explainer` or
`grep `. Make targets are checked with `make -n` (they exist and their
variables are accepted); `make check`, `python -m explainer` and `grep` are run
for real in the repository, with the venv's interpreter first on PATH, as a
reader with the venv active would.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess

import pytest

from helpers import ROOT

DOCUMENTS = ("README.md", "CONTRIBUTING.md")
_FENCE = re.compile(r"^ *```(\w*)\n(.*?)^ *```", re.M | re.S)
_SPAN = re.compile(r"`((?:make|python -m explainer|grep) [^`]+)`")
_RUN = {"check", "schemas"}  # make targets cheap and harmless enough to run for real


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


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # as a reader's shell has it
    env["PATH"] = f"{ROOT / '.venv/bin'}{os.pathsep}{env['PATH']}"
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


@pytest.mark.parametrize(("document", "command"), COMMANDS, ids=[c for _, c in COMMANDS])
def test_a_documented_command_works_as_written(document: str, command: str) -> None:
    argv = shlex.split(command)
    if argv[0] == "make" and not (len(argv) > 1 and argv[1] in _RUN):
        argv = ["make", "-n", *argv[1:]]
    elif argv[0] == "python":
        argv[0] = "python3" if not (ROOT / ".venv/bin/python").exists() else "python"
    result = subprocess.run(argv, cwd=ROOT, env=_env(), capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, f"{document}: `{command}` failed:\n{result.stdout}\n{result.stderr}"
    if argv[0] == "grep":
        assert result.stdout.strip(), f"{document}: `{command}` finds nothing"
