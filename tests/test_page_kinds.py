"""Generated pages: every kind pages.yml accepts has exactly one renderer, and each renders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from explainer import load_content, render_site
from explainer.load.fields import Choice
from explainer.load.schema import PAGE
from explainer.model import PageKind
from explainer.render.generated import GENERATED_PAGES
from helpers import make_tree


def test_every_page_kind_has_a_renderer_and_the_schema_accepts_exactly_those() -> None:
    assert set(GENERATED_PAGES) == set(PageKind)
    generated = next(f for f in PAGE.fields if f.name == "generated")
    assert isinstance(generated.type, Choice)
    assert set(generated.type.values) == set(PageKind)


@pytest.mark.parametrize("kind", list(PageKind))
def test_each_kind_renders_a_page_under_its_title(tmp_path: Path, kind: PageKind) -> None:
    pages = f"index:\n  title: Home\n  sections: [main/intro]\nextra:\n  title: The {kind} page\n  generated: {kind}\n"
    make_tree(tmp_path, {"content/pages.yml": pages})
    result = load_content(tmp_path / "content", today=dt.date(2026, 11, 26))
    assert result.content is not None, [str(d) for d in result.diagnostics]
    extra = result.content.pages[1]
    assert extra.generated is kind
    rendered = render_site(result.content)[1]
    assert rendered.page is extra
    assert rendered.markdown.startswith(f"# The {kind} page\n")
