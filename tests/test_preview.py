"""`mkdocs serve` keeps answering whatever the content, and shows its problems on the pages.

The published build stays strict; the preview drops MkDocs' strict-mode counter
for its own rebuilds and lists warnings on the pages they affect (errors on
every page, over the last good pages), so an editor never waits for a page
that will not come.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from explainer import load_content
from helpers import copy_project, mkdocs_serve
from toolkit.server import fetch, free_port, wait_for

pytestmark = pytest.mark.slow


class Preview:
    def __init__(self, project: Path, log: Path) -> None:
        self.project, self.log = project, log
        self.port = free_port()

    def url(self, page_id: str) -> str:
        return f"http://127.0.0.1:{self.port}/" + ("" if page_id == "index" else f"{page_id}/")

    def shows(self, page_id: str, text: str) -> str:
        try:
            wait_for(self.url(page_id), text, timeout=60, step=0.1)
        except TimeoutError:
            pytest.fail(f"{text!r} never appeared on {page_id}:\n{self.log.read_text()}")
        return fetch(self.url(page_id))

    def loses(self, page_id: str, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text in fetch(self.url(page_id)):
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} stayed on {page_id}:\n{self.log.read_text()}")
            time.sleep(0.1)

    def edit(self, rel: str, text: str | None) -> None:
        path = self.project / rel
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    project = copy_project(tmp_path / "project")
    p = Preview(project, tmp_path / "serve.log")
    with mkdocs_serve(project, p.port, p.log):
        yield p


def _two_section_pages(project: Path) -> tuple[str, str, str]:
    """(a page, another page, the first section file of the first) from the loaded content."""
    content = load_content(project / "content", today=dt.date.today()).content
    assert content is not None
    pages = [p for p in content.pages if p.sections]
    assert len(pages) >= 2, "the site needs two pages made of sections"
    first, other = pages[0], pages[1]
    return first.id, other.id, content.sections[first.sections[0]].origin.path


def test_a_warning_shows_on_the_page_it_affects_and_goes_when_fixed(preview: Preview) -> None:
    page, other, section = _two_section_pages(preview.project)
    preview.shows(page, "</html>")
    original = (preview.project / section).read_text(encoding="utf-8")

    # A link to an anchor the page does not have: a warning, which `mkdocs build --strict` refuses.
    preview.edit(section, original + f"\n\nSee [nothing]({other}.md#no-such-anchor).\n")
    html = preview.shows(page, "has no anchor")
    assert "no-such-anchor" in html
    assert "warning(s)" in html and "refuses to publish" in html
    assert "no-such-anchor" not in fetch(preview.url(other)), "the banner belongs to the page the section is on"

    preview.edit(section, original)
    preview.loses(page, "no-such-anchor")


def test_a_section_not_yet_in_pages_yml_does_not_stop_the_preview(preview: Preview) -> None:
    page, _, section = _two_section_pages(preview.project)
    preview.shows(page, "</html>")
    new = str(Path(section).parent / "draft.md")
    preview.edit(new, "A paragraph the editor has not placed on a page yet.\n")
    html = preview.shows(page, "is not used by any page")
    assert "refuses to publish" in html


def test_the_first_build_fails_and_the_preview_still_answers(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _, _, section = _two_section_pages(project)
    original = (project / section).read_text(encoding="utf-8")
    (project / section).write_text(original + "\n[[fact:no.such-fact]]\n", encoding="utf-8")
    p = Preview(project, tmp_path / "serve.log")
    with mkdocs_serve(project, p.port, p.log):
        html = p.shows("index", "unknown fact &#x27;no.such-fact&#x27;")
        assert "Content has errors" in html
        p.edit(section, original)
        p.shows("index", "fact__value")
