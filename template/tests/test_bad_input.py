"""Mistakes an editor makes are reported by `python -m explainer check` at their file and line, all of
them in one run, with exit status 1 and no traceback.

Each test copies the project (content/, mkdocs.yml, docs/) into a temporary folder and makes the
mistake in the copy, on the project's own files: the first section that cites a fact, the first fact
that names its sources, the first facts file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from explainer import load_content

BROKEN_YAML = "broken: key: value"  # a mapping value where YAML allows none
ERROR = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Mistake:
    """Where a planted mistake is, and a word its error message names."""

    path: str  # relative to the project, as the check prints it
    line: int
    names: str


def copy_project(project_root: Path, dest: Path) -> Path:
    for part in ("content", "docs"):
        if (project_root / part).is_dir():
            shutil.copytree(project_root / part, dest / part)
    shutil.copy2(project_root / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def check(project: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}  # plain lines, not annotations
    return subprocess.run(
        [sys.executable, "-m", "explainer", "check"],
        cwd=project,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def facts_files(project: Path) -> list[Path]:
    files = sorted((project / "content/facts").rglob("*.yml"))
    assert files, "content/facts/ holds no .yml file"
    return files


def rel(project: Path, path: Path) -> str:
    return path.relative_to(project).as_posix()


def cite_unknown_fact(project: Path) -> Mistake:
    """In the first section that cites a fact, cite one that does not exist instead (the references
    as the engine reads them: code and escaped references left out)."""
    content = load_content(project / "content", base=project).content
    assert content is not None, "the project's content has errors"
    citing = sorted((s for s in content.sections.values() if s.references), key=lambda s: s.origin.path)
    assert citing, "no section cites a fact with [[fact:ID]]"
    section, reference = citing[0], citing[0].references[0]
    unknown = f"{reference.fact_id}-not-defined"
    assert unknown not in content.facts
    path = project / section.origin.path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines[reference.line - 1]
    cited = f"[[fact:{reference.fact_id}]]"
    assert line[reference.col - 1 :].startswith(cited), f"{section.origin.path}:{reference.line}: no {cited}"
    lines[reference.line - 1] = (
        line[: reference.col - 1] + f"[[fact:{unknown}]]" + line[reference.col - 1 + len(cited) :]
    )
    path.write_text("".join(lines), encoding="utf-8")
    return Mistake(section.origin.path, reference.line, unknown)


def name_unknown_source(project: Path) -> Mistake:
    """Add a source that content/sources.yml does not have to the first fact that names its sources."""
    sources = yaml.safe_load((project / "content/sources.yml").read_text(encoding="utf-8")) or {}
    unknown = "no-such-source"
    assert unknown not in sources
    for path in facts_files(project):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for n, line in enumerate(lines):
            if re.match(r"^\s+sources:\s*\[\s*[^\]\s]", line):  # sources: [a, b]
                lines[n] = line.replace("[", f"[{unknown}, ", 1)
                at = n + 1
            elif re.match(r"^\s+sources:\s*(#.*)?$", line) and n + 1 < len(lines):  # sources: then - a
                item = re.match(r"^(\s*)-\s", lines[n + 1])
                if item is None:
                    continue
                lines.insert(n + 1, f"{item.group(1)}- {unknown}\n")
                at = n + 2
            else:
                continue
            path.write_text("".join(lines), encoding="utf-8")
            return Mistake(rel(project, path), at, unknown)
    raise AssertionError("no fact in content/facts/ names its sources")


def break_yaml(project: Path, path: Path) -> Mistake:
    """Append a line that is not valid YAML to `path` (made if missing)."""
    text = path.read_text(encoding="utf-8").rstrip("\n") if path.exists() else ""
    text = f"{text}\n{BROKEN_YAML}\n" if text else f"{BROKEN_YAML}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Mistake(rel(project, path), text.count("\n"), "YAML")


def assert_reported(result: subprocess.CompletedProcess[str], *mistakes: Mistake) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, f"exit status {result.returncode}, not 1:\n{output}"
    errors = [(m["path"], int(m["line"]), m["message"]) for m in ERROR.finditer(output)]
    for mistake in mistakes:
        assert any(
            path == mistake.path and line == mistake.line and mistake.names in message for path, line, message in errors
        ), f"no error at {mistake.path}:{mistake.line} naming {mistake.names!r}:\n{output}"


def test_the_project_itself_passes_the_check(project_root: Path, tmp_path: Path) -> None:
    result = check(copy_project(project_root, tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_section_citing_an_unknown_fact(project_root: Path, tmp_path: Path) -> None:
    project = copy_project(project_root, tmp_path)
    mistake = cite_unknown_fact(project)
    assert_reported(check(project), mistake)


def test_a_fact_naming_an_unknown_source(project_root: Path, tmp_path: Path) -> None:
    project = copy_project(project_root, tmp_path)
    mistake = name_unknown_source(project)
    assert_reported(check(project), mistake)


def test_broken_yaml_in_a_facts_file(project_root: Path, tmp_path: Path) -> None:
    project = copy_project(project_root, tmp_path)
    mistake = break_yaml(project, facts_files(project)[0])
    assert_reported(check(project), mistake)


def test_every_mistake_is_reported_in_one_run(project_root: Path, tmp_path: Path) -> None:
    """The three mistakes at once. While a facts file does not parse, the check cannot know which
    fact ids exist and reports no unknown fact; so here the broken YAML is in another content file."""
    project = copy_project(project_root, tmp_path)
    content = project / "content"
    other = next(
        (
            content / name
            for name in ("glossary.yml", "timeline.yml", "organisations.yml", "charts.yml")
            if (content / name).is_file()
        ),
        content / "glossary.yml",
    )
    mistakes = (cite_unknown_fact(project), name_unknown_source(project), break_yaml(project, other))
    assert_reported(check(project), *mistakes)


def test_a_broken_facts_file_does_not_hide_the_other_files_mistakes(project_root: Path, tmp_path: Path) -> None:
    project = copy_project(project_root, tmp_path)
    first = facts_files(project)[0]
    copied = first.read_text(encoding="utf-8")
    unknown_source = name_unknown_source(project)
    added = first.with_name(f"{first.stem}-added.yml")  # a facts file an editor adds, whose YAML is broken
    added.write_text(copied, encoding="utf-8")
    broken = break_yaml(project, added)
    assert_reported(check(project), unknown_source, broken)
