"""The engine as a package: what `pyproject.toml` declares agrees with the locks, the changelog, the
template new projects start from, and the plugin MkDocs finds."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from packaging.requirements import Requirement

import explainer
from explainer.adapter.plugin import ExplainerPlugin
from helpers import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
VERSION = PROJECT["version"]


def requirements(text: str) -> dict[str, Requirement]:
    """The requirement lines of a requirements file (comments, options and includes left out)."""
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    found = (Requirement(line) for line in lines if line and not line.startswith("-"))
    return {r.name.lower(): r for r in found}


def pins(lock: str) -> dict[str, str]:
    return {name.lower(): version for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", lock, re.M)}


def test_the_runtime_requirements_are_the_package_dependencies() -> None:
    declared = {r.name.lower(): str(r) for r in map(Requirement, PROJECT["dependencies"])}
    listed = {name: str(r) for name, r in requirements((ROOT / "requirements.in").read_text(encoding="utf-8")).items()}
    assert declared == listed


def test_the_template_lock_holds_every_dependency_of_this_version() -> None:
    """A new project installs the engine with --no-deps from its own lock: every dependency the
    engine declares must be pinned there, at a version the engine accepts."""
    locked = pins((ROOT / "template/requirements-dev.lock").read_text(encoding="utf-8"))
    for requirement in map(Requirement, PROJECT["dependencies"]):
        name = requirement.name.lower()
        assert name in locked, f"template/requirements-dev.lock has no {name}"
        assert requirement.specifier.contains(locked[name], prereleases=True), f"{name}=={locked[name]} ∉ {requirement}"


def test_the_version_is_semver_with_a_changelog_entry() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)
    headings = re.findall(r"^## (\S+)", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert headings and headings[0] == VERSION, "CHANGELOG.md's first entry is not this version"
    assert explainer.__version__ == metadata.version("mkdocs-explainer") == VERSION, "reinstall: make venv"


def test_new_projects_start_pinned_to_this_version() -> None:
    pinned = requirements((ROOT / "template/requirements.in").read_text(encoding="utf-8"))["mkdocs-explainer"]
    assert str(pinned.specifier) == f"=={VERSION}", "release the template's pin with the version (MAINTAINING.md)"


def test_mkdocs_finds_the_plugin_by_its_name() -> None:
    (entry,) = metadata.entry_points(group="mkdocs.plugins", name="explainer")
    assert entry.load() is ExplainerPlugin


def test_the_options_tables_list_every_option() -> None:
    """MAINTAINING.md and a new project's README document the plugin's options in a table: one row
    per option the plugin declares, and a `<lang>` row for the language blocks."""
    from explainer import Settings

    expected = [*Settings.declared(), "<lang>"]
    for name in ("MAINTAINING.md", "template/README.md.jinja"):
        text = (ROOT / name).read_text(encoding="utf-8")
        table = text.split("| option | default | what it does |", 1)[1].split("\n\n", 1)[0]
        rows = re.findall(r"^\| `([^`]+)` \|", table, re.M)
        assert sorted(rows) == sorted(expected), name
