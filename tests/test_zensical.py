"""Zensical builds the same site as MkDocs from the engine's edition (`make build-zensical`):
the same pages, languages, titles, descriptions, alternates, figures, navigation and downloads,
and no dead internal link (Zensical's own check misses them). What still differs is listed in
MAINTAINING.md, "Off MkDocs and Material"."""

from __future__ import annotations

import html
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from helpers import ROOT, copy_project, mkdocs_env

pytestmark = [pytest.mark.slow, pytest.mark.build]

ZENSICAL = ROOT / ".venv-zensical/bin/zensical"
DOWNLOADS = ("data/", "cite/", "assets/share/")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ZENSICAL.is_file():
        pytest.skip(f"Zensical is not installed ({ZENSICAL}): `make build-zensical` installs it from its lock")
    project = copy_project(tmp_path_factory.mktemp("zensical-project"))
    env = {**mkdocs_env(), "PYTHONPATH": str(ROOT / "scripts"), "ZENSICAL": str(ZENSICAL)}
    command = [sys.executable, str(ROOT / "scripts/zensical_build.py"), str(project / "site-zensical")]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return project / "site-zensical"


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))


def _head(page: Path) -> dict[str, object]:
    text = page.read_text(encoding="utf-8")
    lang = re.search(r"<html lang=\"([^\"]+)\"", text)
    title = re.search(r"<title>([^<]*)</title>", text)
    described = re.search(r"<meta name=\"description\" content=\"([^\"]*)\"", text)
    alternates = re.findall(r"<link rel=\"alternate\" hreflang=\"([^\"]+)\" href=\"([^\"]+)\"", text)
    return {
        "lang": lang and lang.group(1),
        "title": title and html.unescape(title.group(1)).split(" - ")[0].split(" | ")[0].strip(),
        "description": described and html.unescape(described.group(1)),
        "alternates": sorted((h, html.unescape(u)) for h, u in alternates),
        "figures": re.findall(r"<figure[^>]* id=\"([^\"]+)\"", text),
    }


def test_the_same_pages_in_each_language(zensical_site: Path, built_site: Path) -> None:
    assert _pages(zensical_site) == _pages(built_site)


def test_each_page_has_the_same_language_title_description_alternates_and_figures(
    zensical_site: Path, built_site: Path
) -> None:
    for page in _pages(built_site):
        mkdocs_head, zensical_head = _head(built_site / page), _head(zensical_site / page)
        if page.removeprefix("fr/") == "index.html":
            # A known difference: Zensical has no `page.is_homepage`, so the home page's tab says
            # its navigation title before the site's name (MAINTAINING.md, "Off MkDocs and Material").
            assert zensical_head.pop("title") != mkdocs_head.pop("title")
        assert zensical_head == mkdocs_head, page


def _nav(site: Path, page: str) -> list[str]:
    """The primary navigation's links, in order, as paths from the site's root."""
    text = (site / page).read_text(encoding="utf-8")
    nav = text[text.index("md-nav--primary") :]
    links = re.findall(r'<a href="([^"#]+)" class="md-nav__link', nav)
    paths = (posixpath.normpath(urlsplit(urljoin("/" + page, html.unescape(u))).path) for u in links)
    return list(dict.fromkeys(p.rstrip("/") + "/" for p in paths))


def test_the_navigation_follows_pages_yml(zensical_site: Path, built_site: Path) -> None:
    for page in ("europe/index.html", "fr/europe/index.html", "fr/data/index.html"):
        assert _nav(zensical_site, page) == _nav(built_site, page), page


def test_downloads_are_the_same_bytes(zensical_site: Path, built_site: Path) -> None:
    downloads = [
        p.relative_to(built_site).as_posix()
        for p in sorted(built_site.rglob("*"))
        if p.is_file()
        and p.suffix != ".html"
        and any(p.relative_to(built_site).as_posix().removeprefix("fr/").startswith(d) for d in DOWNLOADS)
    ]
    assert downloads
    for name in downloads:
        assert (zensical_site / name).read_bytes() == (built_site / name).read_bytes(), name


def test_no_dead_internal_link(zensical_site: Path) -> None:
    dead = []
    for page in sorted(zensical_site.rglob("*.html")):
        url = "/" + page.relative_to(zensical_site).as_posix()
        for href in re.findall(r'(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8")):
            target = urldefrag(urljoin(url, html.unescape(href)))[0]
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not target.startswith("/"):
                continue
            path = zensical_site / parts.path.lstrip("/")
            if not (path.is_file() or (path / "index.html").is_file()):
                dead.append(f"{page.relative_to(zensical_site)}: {href}")
    assert dead == []
