"""`mkdocs serve` picks up a content edit and serves the new value, without a rebuild loop."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import replace
from html import escape
from pathlib import Path

import pytest

from explainer.kinds import format_value
from explainer.kinds import format_value as format_in
from helpers import copy_project, mkdocs_env, mkdocs_serve, numeric_fact_shown_in_prose, project_content, set_field
from toolkit.server import fetch, free_port, wait_for

pytestmark = pytest.mark.slow


def _served(url: str, text: str, log: Path) -> None:
    try:
        wait_for(url, text, timeout=60, step=0.2)
    except TimeoutError:
        pytest.fail(log.read_text())


def test_serve_shows_an_edited_fact(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = free_port()
    content = project_content()
    fact, page_id = numeric_fact_shown_in_prose(content)
    assert isinstance(fact.value, int)
    edited = replace(fact, value=fact.value + 1)
    section = next(
        content.sections[s]
        for p in content.pages
        if p.id == page_id
        for s in p.sections
        if any(r.fact_id == fact.id for r in content.sections[s].references)
    )
    url = f"http://127.0.0.1:{port}/" + ("" if page_id == "index" else f"{page_id}/")
    with mkdocs_serve(project, port, tmp_path / "serve.log"):
        _served(url, f">{escape(format_value(fact, 'en'))}<", tmp_path / "serve.log")
        set_field(project, fact.origin.path, fact.origin.line, "value", str(edited.value))
        _served(url, f">{escape(format_value(edited, 'en'))}<", tmp_path / "serve.log")

        # A broken edit keeps the last good page and lists the error on it.
        path = project / section.origin.path
        path.write_text(path.read_text().replace(f"[[fact:{fact.id}]]", f"[[fact:{fact.id}x]]"), encoding="utf-8")
        _served(url, f"unknown fact &#x27;{fact.id}x&#x27;", tmp_path / "serve.log")
        assert f">{escape(format_value(edited, 'en'))}<" in fetch(url)

        # No rebuild loop: once idle, the number of builds stays put.
        time.sleep(2)
        builds = (tmp_path / "serve.log").read_text().count("Building documentation")
        time.sleep(3)
        assert (tmp_path / "serve.log").read_text().count("Building documentation") == builds


def test_one_serve_previews_every_language_and_an_edit_reaches_all_of_them(tmp_path: Path) -> None:
    """The README's promise: change a fact, see the new value on the page in every language.

    Asserts that the value appears (within the generous timeout of `_served`), not how fast:
    `make bench` reports the latency.
    """
    project = copy_project(tmp_path)
    port = free_port()
    content = project_content()
    fact, page_id = numeric_fact_shown_in_prose(content)
    assert isinstance(fact.value, int)
    edited = replace(fact, value=fact.value + 1)
    path = "" if page_id == "index" else f"{page_id}/"
    urls = {
        lang: f"http://127.0.0.1:{port}/" + ("" if n == 0 else f"{lang}/") + path
        for n, lang in enumerate(content.languages)
    }
    log = tmp_path / "serve.log"
    with mkdocs_serve(project, port, log):
        for lang, url in urls.items():
            _served(url, f">{escape(format_in(fact, lang))}<", log)
        set_field(project, fact.origin.path, fact.origin.line, "value", str(edited.value))
        for lang, url in urls.items():
            _served(url, f">{escape(format_in(edited, lang))}<", log)
            assert f'lang="{lang}"' in fetch(url)


def test_serve_rebuilds_on_an_edit_to_a_folder_or_to_mkdocs_yml(tmp_path: Path) -> None:
    """Folders are watched by file notifications, `mkdocs.yml` by polling: an edit to either rebuilds,
    and the site name changed in `mkdocs.yml` is served."""
    project = copy_project(tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{port}/"
    config = project / "mkdocs.yml"
    name = next(line for line in config.read_text().splitlines() if line.startswith("site_name:"))
    with mkdocs_serve(project, port, log):
        _served(url, "</html>", log)
        assert "Watching paths for changes" in log.read_text()
        config.write_text(config.read_text().replace(name, "site_name: Renamed while serving"), encoding="utf-8")
        _served(url, "Renamed while serving", log)

        builds = log.read_text().count("Building documentation")
        stylesheet = next((project / "docs").rglob("*.css"))
        stylesheet.write_text(stylesheet.read_text() + "\n/* edited while serving */\n", encoding="utf-8")
        deadline = time.monotonic() + 60
        while log.read_text().count("Building documentation") == builds and time.monotonic() < deadline:
            time.sleep(0.2)
        assert log.read_text().count("Building documentation") > builds, log.read_text()


_SERVE_AND_BUILD = """
import os, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

def files(command, site):
    config = load_config("mkdocs.yml", site_dir=site)
    config.plugins.on_startup(command=command, dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
    return sorted(os.path.relpath(os.path.join(r, f), site) for r, _, fs in os.walk(site) for f in fs)

built = files("build", sys.argv[1])
served = [files("serve", sys.argv[2]) for _ in range(2)]  # the second rebuild uses the listing kept by the first
print(built == served[0] == served[1], len(built))
"""


def test_a_serve_rebuild_copies_the_same_theme_files_as_a_build(tmp_path: Path) -> None:
    """Under serve the installed theme is listed once per session (`mkdocs_serve.list_theme_once`):
    the site holds the same files as a plain build's, rebuild after rebuild."""
    project = copy_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-c", _SERVE_AND_BUILD, str(tmp_path / "built"), str(tmp_path / "served")],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    same, count = result.stdout.split()
    assert same == "True" and int(count) > 100, result.stdout
