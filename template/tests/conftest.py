"""What the tests share: the project's own files as data, one real build of the site, and a browser.

Every expectation comes from the project's files (content/, mkdocs.yml), never from today's values,
so correcting a fact or adding a page cannot make a test fail for the wrong reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

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


class ConfigLoader(yaml.SafeLoader):
    """A safe YAML loader for mkdocs.yml that reads MkDocs' tags (`!ENV`, `!relative`,
    `tag:yaml.org,2002:python/name:...`) as None instead of refusing them."""


def _no_value(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


ConfigLoader.add_multi_constructor("!", _no_value)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _no_value)


def load_mkdocs_config(root: Path = ROOT) -> dict[str, Any]:
    with (root / "mkdocs.yml").open(encoding="utf-8") as f:
        config = yaml.load(f, Loader=ConfigLoader)  # a safe loader that also accepts tags
    assert isinstance(config, dict), "mkdocs.yml is not a mapping"
    return config


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The `explainer` plugin's options in mkdocs.yml (empty when it is listed without any)."""
    for plugin in config.get("plugins") or []:
        if plugin == "explainer":
            return {}
        if isinstance(plugin, dict) and "explainer" in plugin:
            return plugin["explainer"] or {}
    raise AssertionError("mkdocs.yml does not list the explainer plugin under `plugins:`")


def site_languages(config: dict[str, Any]) -> list[str]:
    """The site's languages, the original first: the plugin's `languages`, else the theme's language."""
    languages = plugin_options(config).get("languages")
    if languages:
        return [str(lang) for lang in languages]
    theme = config.get("theme")
    return [str(theme.get("language") or "en") if isinstance(theme, dict) else "en"]


def page_path(page_id: str, lang: str, languages: list[str]) -> str:
    """Where a page of content/pages.yml is in the built site: the original edition at the root,
    each other language under `<lang>/`; `index` is the edition's home page."""
    prefix = "" if lang == languages[0] else f"{lang}/"
    return f"{prefix}index.html" if page_id == "index" else f"{prefix}{page_id}/index.html"


@pytest.fixture(scope="session")
def mkdocs_config() -> dict[str, Any]:
    return load_mkdocs_config()


@pytest.fixture(scope="session")
def languages(mkdocs_config: dict[str, Any]) -> list[str]:
    return site_languages(mkdocs_config)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site_url() -> str:
    return SITE_URL


@pytest.fixture(scope="session")
def pages() -> dict[str, Any]:
    """content/pages.yml: page id -> its entry, in navigation order."""
    data = yaml.safe_load((CONTENT / "pages.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict), "content/pages.yml is not a mapping of page ids to pages"
    assert data, "content/pages.yml lists no page"
    return data


@pytest.fixture(scope="session")
def page_paths(pages: dict[str, Any], languages: list[str]) -> dict[tuple[str, str], str]:
    """(language, page id) -> the page's file in the built site, for every page in every language."""
    return {(lang, page_id): page_path(page_id, lang, languages) for lang in languages for page_id in pages}


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
