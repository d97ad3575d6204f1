"""Reference syntax never reaches a page raw.

The loader reports a broken marker at its column (tests/cases/errors/reference-markers-*.yml); the
renderer keeps a last guard, for text that reaches a page some other way: whatever reference syntax
is left in a section once its references are replaced is an error naming the page and the section.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from explainer.load.loader import load_content
from explainer.model import Content
from explainer.render.pages import check_markers, render_site
from explainer.text.references import fragments
from helpers import make_tree


def _base(tmp_path: Path) -> Content:
    result = load_content(make_tree(tmp_path))
    assert result.content is not None
    return result.content


def test_a_marker_that_slipped_past_the_loader_is_an_error_naming_page_and_section(tmp_path: Path) -> None:
    content = _base(tmp_path)
    section = content.sections["main/intro"]
    broken = replace(section, body=section.body + "See [[fact:corp.servers for more.\n")
    content = replace(content, sections={**content.sections, "main/intro": broken})

    (page, *_) = render_site(content)
    assert [d.message for d in page.problems] == [
        "page 'index' (en) would show raw reference syntax from section 'main/intro': "
        "reference '[[fact:corp.servers' is never closed: end it with ']]' ([[fact:ID]])"
    ]
    assert [d.is_error for d in page.problems] == [True]
    assert [(d.path, d.line, d.col) for d in page.problems] == [("content/sections/main/intro.md", 6, 5)]
    assert check_markers(content, "en") == list(page.problems)  # the check finds it without rendering


def test_complete_escaped_and_code_references_are_not_fragments() -> None:
    text = "Runs [[fact:a.b]], shows \\[[fact:ID]] and `[[fact:` as written.\n\n    [[fact:x\n"
    assert fragments(text) == []


def test_a_valid_site_has_no_leftovers(tmp_path: Path) -> None:
    content = _base(tmp_path)
    assert all(not page.problems for page in render_site(content))
    assert check_markers(content, "en") == []
