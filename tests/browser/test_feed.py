"""A reader's browser finds each edition's Atom feed in the page's head and can fetch it.

A feed reader given a page's address does what this test does: it reads the
`<link rel="alternate" type="application/atom+xml">` in the head, resolves its
address against the page, and fetches it. The feed must be on the site's own
origin, valid Atom (tests/atom.py), in the page's language, and hold the
correction the browser suite's build has in its history. Loading the page with
the link in its head makes no request to another origin and none that fails
(Material fetches a `sitemap.xml` beside every alternate without hreflang).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import feedparser
import pytest
from playwright.sync_api import Browser

import atom
from browser.checks import Recorder
from browser.conftest import page_language
from helpers import project_content

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FEED_LINKS = """() => [...document.head.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')]
    .map(link => ({href: link.href, title: link.title}))"""


def edition_homes() -> list[str]:
    """The home page of each edition, as a path from the site's root: "" and "fr/"."""
    languages = project_content().languages
    return [""] + [f"{lang}/" for lang in languages[1:]]


@pytest.mark.parametrize("home", edition_homes(), ids=lambda path: path or "original")
def test_the_feed_is_discoverable_from_the_head_and_fetchable(browser: Browser, base_url: str, home: str) -> None:
    context = browser.new_context()
    recorder = Recorder(context, base_url)
    try:
        page = context.new_page()
        page.goto(base_url + home, wait_until="networkidle")
        (link,) = page.evaluate(FEED_LINKS)
        assert urlsplit(link["href"]).netloc == urlsplit(base_url).netloc, "the feed is on the site's own origin"
        response = context.request.get(link["href"])
        assert response.ok and "xml" in response.headers.get("content-type", ""), response.headers
        body = response.body()
        page.wait_for_timeout(300)  # Material's lookup beside the link, if still running
        assert recorder.take() == {"other origin": [], "failed": [], "console": []}
    finally:
        context.close()
    assert atom.problems(body) == []
    feed = feedparser.parse(body)
    assert feed.feed.title == link["title"]
    assert feed.feed.language == page_language(home)
    assert any(tag.term == "correction" for entry in feed.entries for tag in entry.get("tags", [])), (
        "the browser build's history has a correction"
    )
