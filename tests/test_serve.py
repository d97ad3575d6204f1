"""`mkdocs serve` picks up a content edit and serves the new value, without a rebuild loop."""

from __future__ import annotations

import time
from dataclasses import replace
from html import escape
from pathlib import Path

import pytest

from explainer.formatting import format_value
from helpers import copy_project, mkdocs_serve, numeric_fact_shown_in_prose, project_content, set_field
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
        _served(url, f">{escape(format_value(fact))}<", tmp_path / "serve.log")
        set_field(project, fact.origin.path, fact.origin.line, "value", str(edited.value))
        _served(url, f">{escape(format_value(edited))}<", tmp_path / "serve.log")

        # A broken edit keeps the last good page and lists the error on it.
        path = project / section.origin.path
        path.write_text(path.read_text().replace(f"[[fact:{fact.id}]]", f"[[fact:{fact.id}x]]"), encoding="utf-8")
        _served(url, f"unknown fact &#x27;{fact.id}x&#x27;", tmp_path / "serve.log")
        assert f">{escape(format_value(edited))}<" in fetch(url)

        # No rebuild loop: once idle, the number of builds stays put.
        time.sleep(2)
        builds = (tmp_path / "serve.log").read_text().count("Building documentation")
        time.sleep(3)
        assert (tmp_path / "serve.log").read_text().count("Building documentation") == builds
