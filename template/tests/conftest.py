"""What the tests share: the project's content and settings as the engine reads them, one real build
of the site, and a browser.

Every expectation comes from the project's files (content/, mkdocs.yml), never from today's values,
so correcting a fact or adding a page cannot make a test fail for the wrong reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from mkdocs.config import load_config

from explainer import Content, load_content
from explainer.adapter.plugin import ExplainerPlugin

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SITE_URL = "http://127.0.0.1:8000/"
"""The address the test build is made for (`SITE_URL`); links to it are links inside the site."""
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def page_path(page_id: str, lang: str, languages: list[str]) -> str:
    """Where a page of content/pages.yml is in the built site: the original edition at the root,
    each other language under `<lang>/`; `index` is the edition's home page."""
    prefix = "" if lang == languages[0] else f"{lang}/"
    return f"{prefix}index.html" if page_id == "index" else f"{prefix}{page_id}/index.html"


@pytest.fixture(scope="session")
def languages() -> list[str]:
    """The site's languages, the original first, as MkDocs and the plugin read mkdocs.yml (the
    plugin's `languages`, else the theme's language)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["explainer"]
    assert isinstance(plugin, ExplainerPlugin), "mkdocs.yml does not list the explainer plugin"
    return list(plugin.settings.languages or (str(config.theme["language"]),))


@pytest.fixture(scope="session")
def content(languages: list[str]) -> Content:
    """content/ as the engine loads it for the build."""
    result = load_content(CONTENT, base=ROOT, languages=languages)
    assert result.content is not None, "\n".join(map(str, result.diagnostics))
    return result.content


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site_url() -> str:
    return SITE_URL


@pytest.fixture(scope="session")
def page_paths(content: Content, languages: list[str]) -> dict[tuple[str, str], str]:
    """(language, page id) -> the page's file in the built site, for every page in every language."""
    return {(lang, page.id): page_path(page.id, lang, languages) for lang in languages for page in content.pages}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per session by `mkdocs build --strict` from the project as it is."""
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, driven by Playwright: skipped without it, a failure in CI."""
    if not CHROMIUM.is_file():
        message = f"{CHROMIUM} is missing: install it with `apt-get install chromium`"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI is set: the browser tests must run)", pytrace=False)
        pytest.skip(f"BROWSER TESTS SKIPPED: {message}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
