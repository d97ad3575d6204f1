"""`mkdocs serve` picks up a content edit and serves the new value, without a rebuild loop."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import copy_project, mkdocs_env
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
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project,
        env=mkdocs_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/europe/"
    try:
        _served(url, ">46 data centres<", tmp_path / "serve.log")
        facts = project / "content/facts/ovhcloud.yml"
        facts.write_text(facts.read_text().replace("value: 46\n", "value: 47\n"), encoding="utf-8")
        _served(url, ">47 data centres<", tmp_path / "serve.log")

        # A broken edit keeps the last good page and lists the error on it.
        section = project / "content/sections/europe/gdpr.md"
        section.write_text(section.read_text().replace("europe.meta-fine]", "europe.meta-fin]"), encoding="utf-8")
        _served(url, "unknown fact &#x27;europe.meta-fin&#x27;", tmp_path / "serve.log")
        assert ">47 data centres<" in fetch(url)

        # No rebuild loop: once idle, the number of builds stays put.
        time.sleep(2)
        builds = (tmp_path / "serve.log").read_text().count("Building documentation")
        time.sleep(3)
        assert (tmp_path / "serve.log").read_text().count("Building documentation") == builds
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
