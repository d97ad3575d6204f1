"""Tables leave the build inside Material's scroll wrapper, classed, so Material's script leaves them alone."""

from __future__ import annotations

from pathlib import Path

import markdown

from explainer.web import WrappedTables
from explainer.web.tables import CLASS

WRAPPED = f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="{CLASS}">'


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "md_in_html", WrappedTables()])


def test_a_markdown_table_is_wrapped_and_classed() -> None:
    html = render("| Fact | Value |\n|---|---|\n| a | 1 |\n")
    assert html.startswith(WRAPPED + "\n<thead>")
    assert html.endswith("</tbody>\n</table></div></div>")
    assert "<table>" not in html


def test_two_tables_are_two_wrappers() -> None:
    html = render("| a |\n|---|\n| 1 |\n\ntext\n\n| b |\n|---|\n| 2 |\n")
    assert html.count(WRAPPED) == 2
    assert html.count("</table></div></div>") == 2


def test_a_raw_table_with_attributes_and_table_markup_in_code_are_left_alone() -> None:
    raw = '<table class="mine"><tr><td>x</td></tr></table>'
    html = render(f"{raw}\n\n`<table>` in code\n\n    <table>in a block</table>\n")
    assert raw in html
    assert "<code>&lt;table&gt;</code>" in html
    assert "&lt;table&gt;in a block&lt;/table&gt;" in html
    assert "scrollwrap" not in html


def test_every_table_of_the_built_site_is_wrapped(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    with_tables = [p for p in pages if "<table" in p.read_text(encoding="utf-8")]
    assert with_tables, "the site has no table to check"
    for page in with_tables:
        text = page.read_text(encoding="utf-8")
        assert "<table>" not in text, f"{page.relative_to(built_site)} has a table Material's script would move"
        assert text.count(WRAPPED) == text.count("<table")
