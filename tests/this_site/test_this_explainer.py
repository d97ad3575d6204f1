"""Editorial commitments of this explainer (OVHcloud and Dragon LLM), checked on its content.

The one place tests may name this site's pages; `make new` does not copy this folder. They check
the shape editors promised readers, never a value: a corrected fact cannot make them fail.
"""

from __future__ import annotations

from helpers import project_content


def test_the_home_page_opens_with_four_to_six_headline_figures() -> None:
    home = next(p for p in project_content().pages if p.id == "index")
    assert 4 <= len(home.figures) <= 6


def test_the_acquisition_page_shows_key_dates_from_the_timeline() -> None:
    content = project_content()
    page = next(p for p in content.pages if p.id == "acquisition")
    assert len(page.key_dates) >= 3
    assert set(page.key_dates) <= {e.id for e in content.timeline}


def test_every_explainer_page_has_its_own_description() -> None:
    missing = [p.id for p in project_content().pages if not p.description]
    assert missing == []


def test_the_pages_say_whom_they_are_about() -> None:
    assert len(project_content().organisations) >= 2


def test_every_generated_page_kind_is_published() -> None:
    kinds = {p.generated for p in project_content().pages if p.generated}
    assert kinds >= {"sources", "timeline", "glossary", "data"}
