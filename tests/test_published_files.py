"""The site we publish is what the tests test: every file of the real build, in every edition,
validated against its format (`published_files.py` says how each one is checked).

The build is `built_site` (one real `mkdocs build --strict` of the project). The bad-input cases,
`tests/cases/published/*.yml`, plant one fault each in a small site and expect its exact messages
and exit status, so each validator is shown to fail; adding a case is adding a file.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

import published_files
from explainer import Content
from helpers import CASES, load_case, project_content

SITE_URL = "https://example.org/"
SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    f"<url><loc>{SITE_URL}</loc></url></urlset>\n"
)
PUBLISHED_CASES = sorted((CASES / "published").glob("*.yml"))


@pytest.fixture(scope="module")
def content() -> Content:
    return project_content()


def editions(site: Path, content: Content) -> dict[str, Path]:
    """Each language's edition folder: the original at the root, the others under `/<lang>/`."""
    return {lang: site / lang if i else site for i, lang in enumerate(content.languages)}


def by_edition(site: Path, content: Content, kind: str) -> dict[str, list[Path]]:
    """The published files of `kind` in each edition (the original's without the other editions')."""
    roots = editions(site, content)
    others = [roots[lang] for lang in content.languages[1:]]
    found = {lang: published_files.published(root, kind) for lang, root in roots.items()}
    found[content.languages[0]] = [
        p for p in found[content.languages[0]] if not any(p.is_relative_to(o) for o in others)
    ]
    return found


@pytest.mark.slow
@pytest.mark.build
@pytest.mark.parametrize("kind", sorted(published_files.VALIDATORS))
def test_every_published_file_of_every_edition_is_valid(built_site: Path, content: Content, kind: str) -> None:
    found = by_edition(built_site, content, kind)
    if not found[content.languages[0]]:
        pytest.skip(f"this explainer publishes no {kind} file")
    _, check = published_files.VALIDATORS[kind]
    for lang, paths in found.items():
        assert paths, f"the {lang} edition has no {kind} file"
        assert [problem for path in paths for problem in check(path, built_site)] == [], lang


@pytest.mark.slow
@pytest.mark.build
def test_every_pages_share_image_is_a_1200_by_630_png(built_site: Path, content: Content) -> None:
    address = published_files.site_url(built_site)
    pages = {lang: sorted(root.glob("**/index.html")) for lang, root in editions(built_site, content).items()}
    every_page = [page for found in pages.values() for page in found]
    problems = [p for page in every_page for p in published_files.share_images(page, built_site, address)]
    assert problems == []
    shown = [page for page in every_page if 'property="og:image"' in page.read_text("utf-8")]
    assert len(shown) >= len(content.pages), "pages without a share image"


def test_the_schema_org_allowances_are_still_needed() -> None:
    """NEWER_THAN_RELEASE lists properties the shipped schema.org release lacks; one it has is deleted."""
    assert published_files.vocabulary().stale == []


def plant(root: Path, case: dict[str, object]) -> Path:
    """A small site: a valid sitemap, then the case's files and images."""
    site = root / "site"
    files = {"sitemap.xml": SITEMAP, **case.get("files", {})}  # type: ignore[dict-item]
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    for rel, (width, height) in case.get("images", {}).items():  # type: ignore[attr-defined]
        out = io.BytesIO()
        Image.new("RGB", (width, height), "white").save(out, format="PNG")
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(out.getvalue())
    return site


@pytest.mark.parametrize("path", PUBLISHED_CASES, ids=[p.stem for p in PUBLISHED_CASES])
def test_a_planted_fault_is_found(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = load_case(path)
    site = plant(tmp_path, case)
    status = published_files.main([str(site)])
    said = capsys.readouterr().out.splitlines()
    assert status == case["status"], said
    for expected in case["expect"]:
        assert any(line.startswith(expected) for line in said), (expected, said)
    assert len(said) == len(case["expect"]), said
