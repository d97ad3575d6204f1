"""The edition any generator takes (`explainer.web.publish`): pages with front matter, and the
post-build step (CSP hashes, sitemaps with alternates)."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import yaml

from explainer.web import page_url, plan, postbuild, with_front_matter
from helpers import ROOT, copy_project, mkdocs_env


def test_front_matter_reads_back_as_it_was_written() -> None:
    meta = {"description": "Rachat d’OVHcloud : « 1,5 » &amp; plus", "switch": [{"href": "./", "current": True}]}
    source = with_front_matter(meta, "# Title\n")
    head, body = source.removeprefix("---\n").split("---\n\n", 1)
    assert yaml.safe_load(head) == meta
    assert body == "# Title\n"


def test_page_addresses_are_directory_urls() -> None:
    assert [page_url(p) for p in ("index.md", "about.md", "about/index.md")] == ["", "about/", "about/"]


def test_postbuild_fills_the_policy_and_writes_a_sitemap_per_edition(tmp_path: Path) -> None:
    editions = plan(["en", "fr"], "https://example.org/")
    for prefix in ("", "fr/"):
        (tmp_path / prefix).mkdir(exist_ok=True)
        (tmp_path / prefix / "index.html").write_text(
            '<meta content="script-src CSP_INLINE_SCRIPTS"><script>go()</script>', encoding="utf-8"
        )

    postbuild(tmp_path, editions, ["", "about/"], epoch=1767225600)

    assert "'sha256-" in (tmp_path / "fr/index.html").read_text(encoding="utf-8")
    root = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert root.count("<loc>") == 4 and "<loc>https://example.org/fr/about/</loc>" in root
    assert '<xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/about/"/>' in root
    assert "<lastmod>2026-01-01</lastmod>" in root
    french = (tmp_path / "fr/sitemap.xml").read_text(encoding="utf-8")
    assert french.count("<loc>") == 2
    assert gzip.decompress((tmp_path / "fr/sitemap.xml.gz").read_bytes()).decode() == french


def test_the_edition_command_writes_every_language_with_its_navigation(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    env = {**mkdocs_env(), "PYTHONPATH": str(ROOT / "scripts"), "SITE_URL": "https://example.org/"}
    command = [sys.executable, "-m", "explainer.web", "edition", str(tmp_path / "out")]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr

    english = yaml.safe_load((tmp_path / "out/en/edition.yml").read_text(encoding="utf-8"))
    french = yaml.safe_load((tmp_path / "out/fr/edition.yml").read_text(encoding="utf-8"))
    assert [next(iter(e.values())) for e in english["nav"]] == [next(iter(e.values())) for e in french["nav"]]
    assert french["site_url"] == "https://example.org/fr/"
    home = (tmp_path / "out/fr/docs/index.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(home.removeprefix("---\n").split("---\n\n", 1)[0])
    assert {a["hreflang"] for a in meta["alternates"]} == {"en", "fr", "x-default"}
    assert meta["og_locale"].startswith("fr")
