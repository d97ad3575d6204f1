"""Shared helpers: content trees made from a base plus a case's changes, and the project under test.

`ROOT` is this checkout: the engine, theme and tools. `PROJECT` is the explainer whose content the
site-facing tests read and build: `ROOT` unless `EXPLAINER_PROJECT` names another project folder
(tests/test_content_independence.py runs those tests against an edited copy of the content that way).
Tests of the site never hard-code its values: they derive them from `project_content()`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from explainer import Checks, Content, Fact, load_content, read_settings
from explainer.kinds import format_value
from htmldom import Element, parse

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Path(os.environ.get("EXPLAINER_PROJECT") or ROOT).resolve()
CASES = Path(__file__).resolve().parent / "cases"
BASE = CASES / "base"
PROJECT_PARTS = ("content", "docs", "overrides", "scripts", "mkdocs.yml")


def write_files(root: Path, files: dict[str, str | None]) -> None:
    """Write (or, for None, delete) files under root."""
    for rel, text in files.items():
        path = root / rel
        if text is None:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def make_tree(root: Path, files: dict[str, str | None] | None = None) -> Path:
    """The base content tree under root/content, changed by `files`."""
    shutil.copytree(BASE / "content", root / "content")
    write_files(root, files or {})
    return root / "content"


@functools.cache
def base_fact(fact_id: str) -> Fact:
    """A fact of the base tree (tests/cases/base) as loaded: tests that edit it derive its value and
    what readers see from here, so no test spells a number (the site may hold the same one)."""
    content = load_content(BASE / "content").content
    assert content is not None, "the base tree must load"
    return content.facts[fact_id]


SERVERS_LINE = f"value: {base_fact('corp.servers').value}"
"""The line of the base tree's content/facts/corp.yml that tests edit."""
SERVERS_EXCERPT = dict(base_fact("corp.servers").evidence)["report"]
"""The words the base tree's servers fact quotes from its report."""


def servers(value: int | None = None) -> str:
    """The base tree's servers fact as readers see it, with its own value or another."""
    fact = base_fact("corp.servers")
    return format_value(fact if value is None else replace(fact, value=value), "en")


@functools.cache
def project_content() -> Content:
    """The content of the project under test, loaded as the build loads it."""
    checks = Checks.from_settings(read_settings(PROJECT / "mkdocs.yml")[0])  # its languages among them
    result = load_content(PROJECT / "content", base=PROJECT, today=dt.date.today(), checks=checks)
    assert result.content is not None, "\n".join(map(str, result.diagnostics))
    return result.content


def page_html(site: Path, page_id: str) -> Path:
    """The built HTML file of a page: `index` -> index.html, `background` -> background/index.html."""
    return site / ("index.html" if page_id == "index" else f"{page_id}/index.html")


def copy_project(dest: Path, with_content: bool = True) -> Path:
    """A copy of the project under test (not tests, not the venv) to build in."""
    for part in PROJECT_PARTS:
        if part == "content" and not with_content:
            continue
        src = PROJECT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def load_case(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def mkdocs_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("REPO_URL", None)
    return env


class _LiteralDumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _str)


def dump_case(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_LiteralDumper, sort_keys=False, allow_unicode=True, width=1000)


@dataclass
class PageScan:
    """What the tests need to know of a built HTML page."""

    dom: Element
    ids: set[str]
    links: list[str]  # every <a href>
    resources: list[tuple[str, str]]  # (what, url) the browser loads by itself
    facts: list[dict[str, str]]  # data-fact id, value text, tooltip text
    cites: list[str]  # citation hrefs
    edit_links: list[str]


def scan_html(html: str) -> PageScan:
    dom = parse(html)
    resources: list[tuple[str, str]] = []
    for e in dom.iter():
        if e.tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and e.attrs.get("src"):
            resources.append((e.tag, e.attrs["src"]))
        if e.tag == "link" and e.attrs.get("href") and e.attrs.get("rel") not in ("canonical", "alternate"):
            resources.append((f"link[rel={e.attrs.get('rel')}]", e.attrs["href"]))
        resources += [("style", u) for u in CSS_URL.findall(e.attrs.get("style", ""))]
    facts = []
    for f in dom.find_all("span", cls="fact"):
        value, tip = f.find(cls="fact__value"), f.find(cls="fact__tip")
        facts.append(
            {
                "id": f.attrs.get("data-fact", ""),
                "text": value.text() if value else "",
                "tip": tip.text() if tip else "",
            }
        )
    return PageScan(
        dom=dom,
        ids={e.attrs["id"] for e in dom.iter() if "id" in e.attrs},
        links=[a.attrs["href"] for a in dom.find_all("a") if "href" in a.attrs],
        resources=resources,
        facts=facts,
        cites=[a.attrs["href"] for sup in dom.find_all("sup", cls="fact-cite") for a in sup.find_all("a")],
        edit_links=[a.attrs["href"] for a in dom.find_all("a", cls="md-content__button")],
    )


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""")


def scan_page(path: Path) -> PageScan:
    return scan_html(path.read_text(encoding="utf-8"))


def is_other_origin(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)) and not url.startswith(
        ("http://127.0.0.1", "http://localhost")
    )


def run_mkdocs(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the MkDocs CLI in `project` the way a developer would."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        env=env or mkdocs_env(),
        capture_output=True,
        text=True,
        check=False,
    )


@contextlib.contextmanager
def mkdocs_serve(project: Path, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`mkdocs serve --livereload` in `project` on 127.0.0.1:`port`, its output in `log`; stopped on exit."""
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=project,
            env=mkdocs_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield server
        finally:
            server.terminate()
            server.wait(timeout=10)


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under folder, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def set_field(project: Path, origin_path: str, origin_line: int, field: str, text: str) -> None:
    """Set `field:` of the YAML entry that starts at `origin_line` of `project/origin_path` to `text`.

    Edits the line in place, as an editor would, so comments and the rest of the file stay as written.
    """
    path = project / origin_path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for n in range(origin_line, len(lines)):  # the lines after the entry's key line, up to the next key
        line = lines[n]
        if line.strip() and not line[0].isspace():
            break
        match = re.match(rf"^(\s+){re.escape(field)}:", line)
        if match:
            lines[n] = f"{match.group(1)}{field}: {text}\n"
            path.write_text("".join(lines), encoding="utf-8")
            return
    raise AssertionError(f"{origin_path}:{origin_line}: entry has no '{field}:' line")


def add_field(project: Path, origin_path: str, origin_line: int, field: str, text: str) -> None:
    """Add `field: text` as the first field of the YAML entry that starts at `origin_line`."""
    path = project / origin_path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    indent = re.match(r"^(\s+)", lines[origin_line]).group(1)  # type: ignore[union-attr]  # the entry's fields
    lines.insert(origin_line, f"{indent}{field}: {text}\n")
    path.write_text("".join(lines), encoding="utf-8")


def numeric_fact_shown_in_prose(content: Content) -> tuple[Fact, str]:
    """A count or number fact cited in some section, and the id of a page that shows it."""
    for page in content.pages:
        for section_id in page.sections:
            for ref in content.sections[section_id].references:
                fact = content.facts[ref.fact_id]
                if fact.kind in ("count", "number") and isinstance(fact.value, int):
                    return fact, page.id
    raise AssertionError("no section cites a count or number fact")


def drop_field(project: Path, origin_path: str, origin_line: int, field: str) -> None:
    """Remove the one-line `field:` of the YAML entry that starts at `origin_line`."""
    path = project / origin_path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for n in range(origin_line, len(lines)):
        if lines[n].strip() and not lines[n][0].isspace():
            break
        if re.match(rf"^\s+{re.escape(field)}:", lines[n]):
            del lines[n]
            path.write_text("".join(lines), encoding="utf-8")
            return
    raise AssertionError(f"{origin_path}:{origin_line}: entry has no '{field}:' line")


# The tests that read and build the project's content; each derives its expectations from it.
SITE_TESTS = (
    "tests/test_fact_change.py",
    "tests/test_provenance.py",
    "tests/test_site_build.py",
    "tests/test_published_files.py",
    "tests/test_metadata.py",
    "tests/test_build_atomic.py",
    "tests/test_serve.py",
)


def run_site_tests(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run SITE_TESTS (from this checkout) against another project's content, in a child pytest."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider", "-q", *SITE_TESTS, *args],
        cwd=ROOT,
        env={**mkdocs_env(), "EXPLAINER_PROJECT": str(project)},
        capture_output=True,
        text=True,
        check=False,
    )
