"""The Atom feed of the changes log, written from real commits in temporary git repositories.

Each feed is checked as Atom (tests/atom.py: feedparser's bozo flag and RFC 4287's
requirements one by one), and for what a follower of the story needs: one entry per
entry of the changes page, newest first, ids that depend on the commit alone, the
same bytes from the same commit, and each edition's feed in its language.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import feedparser
import pytest

import atom
from explainer import ChangeLog, Content, load_content, read_history
from explainer.language.strings import strings
from explainer.site import SiteInfo
from explainer.web import FEED_PATH, atom_feed, feed_link
from helpers import SERVERS_LINE, page_html, project_content, scan_page, servers, write_files
from test_french_changes import _site as french_site
from test_history import DAY0, PAGES_WITH_LOG, base_repo, commit, day, edit

TODAY = dt.date(2026, 11, 26)
REASON = "The article gives 4.2%; this site had misread it as 4.5%."


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The base content, then a new value, then a correction with its reason in a trailer."""
    root = base_repo(tmp_path)
    commit(root, edit(root, "content/facts/corp.yml", SERVERS_LINE, "value: 550000"), "More servers", day(5))
    write_files(root, edit(root, "content/facts/corp.yml", "value: 4.5", "value: 4.2"))
    files = edit(root, "content/facts/corp.yml", "reached 4.5%", "reached 4.2%")
    commit(root, files, f"Share as the source gives it\n\nCorrection: {REASON}\n", day(9))
    return root


def content_of(repo: Path) -> Content:
    content = load_content(repo / "content", today=TODAY).content
    assert content is not None
    return content


def site(repo: Path, url: str = "https://example.org/", log: ChangeLog | None = None) -> SiteInfo:
    changes = log if log is not None else read_history(repo / "content")
    return SiteInfo.create("Example", url, published=DAY0, changes=changes)


def feed_of(repo: Path, **kwargs: object) -> bytes:
    data = atom_feed(content_of(repo), site(repo, **kwargs), "en")  # type: ignore[arg-type]
    assert data is not None
    return data


def test_the_feed_is_atom_with_one_entry_per_logged_change_newest_first(repo: Path) -> None:
    data = feed_of(repo)
    assert atom.problems(data) == []
    parsed = feedparser.parse(data)
    log = read_history(repo / "content")
    assert [e.link for e in parsed.entries] == [f"https://example.org/changes/#{e.anchor}" for e in log.logged]
    assert parsed.feed.title == "Example: Changes and corrections"
    assert parsed.feed.language == "en"
    assert parsed.feed.updated.startswith(day(9).isoformat())
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "self": "https://example.org/feed.xml",
        "alternate": "https://example.org/changes/",
    }


def test_a_correction_says_so_and_why_and_a_value_change_shows_old_and_new(repo: Path) -> None:
    correction, update, first = feedparser.parse(feed_of(repo)).entries
    assert correction.title == "Share as the source gives it"  # titled as on /changes/: by its commit's subject
    assert [t.term for t in correction.tags] == ["correction"]
    assert f"<strong>Why:</strong> {REASON}" in html.unescape(correction.content[0].value)
    assert update.title == "More servers"
    assert [t.term for t in update.tags] == ["update"]
    assert f"{servers()} → {servers(550000)}" in html.unescape(update.content[0].value)
    assert 'href="https://example.org/data/#fact-corp.servers"' in update.content[0].value
    assert first.published.startswith(DAY0.isoformat())


def test_entry_ids_come_from_the_commit_not_the_build_or_the_address(repo: Path) -> None:
    ids = [e.id for e in feedparser.parse(feed_of(repo)).entries]
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == 3
    moved = [e.id for e in feedparser.parse(feed_of(repo, url="https://elsewhere.example/explainer/")).entries]
    assert moved == ids
    commit(repo, edit(repo, "content/facts/corp.yml", "value: 550000", "value: 560000"), "Recount", day(12))
    later = [e.id for e in feedparser.parse(feed_of(repo)).entries]
    assert later[1:] == ids and later[0] not in ids


def test_the_same_commit_gives_the_same_bytes(repo: Path) -> None:
    assert feed_of(repo) == feed_of(repo)


def test_without_history_the_feed_has_no_entries_and_says_why(repo: Path) -> None:
    data = feed_of(repo, log=ChangeLog.unavailable("a shallow clone: the history is cut off"))
    assert atom.problems(data) == []
    parsed = feedparser.parse(data)
    assert parsed.entries == [] and "a shallow clone" in parsed.feed.subtitle


def test_a_site_without_a_changes_page_has_no_feed(repo: Path) -> None:
    pages = PAGES_WITH_LOG.replace("changes:\n  title: Changes and corrections\n  generated: changes\n", "")
    commit(repo, {"content/pages.yml": pages}, "No log", day(10))
    content = content_of(repo)
    assert atom_feed(content, site(repo), "en") is None
    assert feed_link(content, "Example", "en") is None


def test_each_edition_has_its_feed_in_its_language(tmp_path: Path) -> None:
    _, after, french = french_site(tmp_path)  # the French golden case with a correction
    data = atom_feed(after, french, "fr")
    assert data is not None and atom.problems(data) == []
    parsed = feedparser.parse(data)
    assert parsed.feed.language == "fr" and parsed.feed.links[0].href == "https://example.org/fr/feed.xml"
    assert [(t.term, t.label) for t in parsed.entries[0].tags] == [("correction", strings("fr").correction)]
    link = feed_link(after, "Explicatif", "fr")
    assert link is not None and link.path == FEED_PATH and link.type == "application/atom+xml"
    assert link.title == parsed.feed.title == "Explicatif\u00a0: Modifications et corrections"


@pytest.mark.build
def test_every_page_of_every_edition_links_its_editions_valid_feed(built_site: Path) -> None:
    content = project_content()
    if feed_link(content, "site", content.languages[0]) is None:
        pytest.skip("the project has no changes page, so no feed")
    for lang in content.languages:
        root = built_site if lang == content.languages[0] else built_site / lang
        feed = (root / FEED_PATH).read_bytes()
        assert atom.problems(feed) == [], lang
        parsed = feedparser.parse(feed)
        assert parsed.feed.language == lang
        for html_file in [page_html(root, p.id) for p in content.pages] + [root / "404.html"]:
            head = scan_page(html_file).dom
            (link,) = [e for e in head.find_all("link") if e.attrs.get("type") == "application/atom+xml"]
            assert link.attrs["rel"] == "alternate" and link.attrs["title"] == parsed.feed.title
            href = link.attrs["href"]  # relative to the page; from 404.html, from the site's root
            target = built_site / href.lstrip("/") if href.startswith("/") else html_file.parent / href
            assert target.resolve() == (root / FEED_PATH).resolve(), (html_file, href)
