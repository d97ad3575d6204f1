"""A glossary term is explained once per page, where a reader first meets it in running text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from helpers import project_content

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_EXPLAINED = """() => [...document.querySelectorAll("article abbr[title]")].map(a => ({
    text: a.textContent,
    title: a.title,
    outside: a.closest("h1, h2, h3, h4, h5, h6, .fact__tip, .source-list, .cite-this, q, blockquote") === null,
    before: a.previousSibling?.textContent ?? "",
    after: a.nextSibling?.textContent ?? "",
}))"""


def _spans(name: str, before: str, text: str, after: str) -> bool:
    """Whether `text`, between `before` and `after`, is part of `name` there."""
    starts = [i for i in range(len(name)) if name.startswith(text, i)]
    return any(before.endswith(name[:i]) and after.startswith(name[i + len(text) :]) for i in starts)


def test_each_term_is_explained_once_per_page_outside_headings_names_and_tooltips(
    browser: Browser, base_url: str, pages: list[str]
) -> None:
    names = [o.name for o in project_content().organisations.values()]
    page = browser.new_page()
    explained_somewhere = False
    for path in pages:
        page.goto(base_url + path)
        found = page.evaluate(_EXPLAINED)
        titles = [f["title"] for f in found]
        assert len(titles) == len(set(titles)), f"/{path}: a term is explained more than once: {titles}"
        for f in found:
            assert f["outside"], f"/{path}: '{f['text']}' is explained in a heading, a tooltip or a quotation"
            inside = [n for n in names if _spans(n, f["before"], f["text"], f["after"])]
            assert not inside, f"/{path}: '{f['text']}' is explained inside the name {inside[0]!r}"
        explained_somewhere |= bool(found)
    page.close()
    if project_content().glossary:
        assert explained_somewhere, "no page explains any glossary term"
