"""Links that leave the site get `rel="noopener noreferrer"`, and only those."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from explainer.web import OutboundLinks
from explainer.web.outbound import add_rel
from helpers import is_other_origin, scan_page

# HTML in -> HTML out
EXAMPLES = [
    ('<a href="https://example.org/">x</a>', '<a href="https://example.org/" rel="noopener noreferrer">x</a>'),
    ('<a href="http://example.org/">x</a>', '<a href="http://example.org/" rel="noopener noreferrer">x</a>'),
    ('<a href="//example.org/">x</a>', '<a href="//example.org/" rel="noopener noreferrer">x</a>'),
    ('<A HREF="HTTPS://EXAMPLE.ORG/">x</A>', '<a href="HTTPS://EXAMPLE.ORG/" rel="noopener noreferrer">x</A>'),
    # existing rel values are kept, with the two added once
    (
        '<a rel="nofollow noopener" href="https://example.org/">x</a>',
        '<a href="https://example.org/" rel="nofollow noopener noreferrer">x</a>',
    ),
    # other attributes are kept, written with double quotes and escaped
    (
        "<a class='ext' title='A \"quote\" & more' href='https://example.org/?a=1&amp;b=2'>x</a>",
        '<a class="ext" title="A &quot;quote&quot; &amp; more" href="https://example.org/?a=1&amp;b=2"'
        ' rel="noopener noreferrer">x</a>',
    ),
    # links that stay on the site, and links that are not web addresses, are left alone
    ('<a href="europe/">x</a>', '<a href="europe/">x</a>'),
    ('<a href="#source-1">1</a>', '<a href="#source-1">1</a>'),
    ('<a href="/data/facts.json">x</a>', '<a href="/data/facts.json">x</a>'),
    ('<a href="mailto:desk@example.org">x</a>', '<a href="mailto:desk@example.org">x</a>'),
    ('<a id="top">x</a>', '<a id="top">x</a>'),
    ("no links at all", "no links at all"),
    # a tag read as a parser reads it: `>` inside a quoted value, a value across lines, no quotes
    (
        '<a title="a > b" href="https://example.org/">x</a>',
        '<a title="a &gt; b" href="https://example.org/" rel="noopener noreferrer">x</a>',
    ),
    (
        '<a title="two\nlines" href=https://example.org/>x</a>',
        '<a title="two\nlines" href="https://example.org/" rel="noopener noreferrer">x</a>',
    ),
    # comments, scripts and styles are not links; <abbr> and <area> are not <a>
    ('<!-- <a href="https://example.org/">x</a> -->', '<!-- <a href="https://example.org/">x</a> -->'),
    (
        "<script>const t = '<a href=\"https://example.org/\">';</script>",
        "<script>const t = '<a href=\"https://example.org/\">';</script>",
    ),
    ('<abbr title="https://example.org/">x</abbr>', '<abbr title="https://example.org/">x</abbr>'),
    # positions hold across lines: each link is rewritten where it stands
    (
        '<p>one <a href="https://a.example/">a</a>\n<a href="b/">b</a> <a href="https://c.example/">c</a></p>',
        '<p>one <a href="https://a.example/" rel="noopener noreferrer">a</a>\n'
        '<a href="b/">b</a> <a href="https://c.example/" rel="noopener noreferrer">c</a></p>',
    ),
]


@pytest.mark.parametrize(("html", "expected"), EXAMPLES, ids=[e[0][:40] for e in EXAMPLES])
def test_add_rel(html: str, expected: str) -> None:
    assert add_rel(html) == expected


def test_the_extension_covers_markdown_links_raw_html_and_autolinks() -> None:
    text = (
        "See [the report](https://example.org/report) and <https://example.org/auto>.\n\n"
        '<p markdown>Raw: <a href="https://example.org/raw">raw</a>, local: [Europe](europe.md)</p>\n'
    )
    html = markdown.markdown(text, extensions=[OutboundLinks(), "md_in_html"])
    assert html.count('rel="noopener noreferrer"') == 3
    assert '<a href="europe.md">Europe</a>' in html


@pytest.mark.slow
def test_every_link_to_another_site_in_the_built_site_has_noopener_noreferrer(built_site: Path) -> None:
    outbound = 0
    for page in sorted(built_site.rglob("*.html")):
        for a in scan_page(page).dom.find_all("a"):
            href = a.attrs.get("href", "")
            if is_other_origin(href):
                outbound += 1
                rel = set(a.attrs.get("rel", "").split())
                assert {"noopener", "noreferrer"} <= rel, f"{page.relative_to(built_site)}: {href} has rel={rel}"
    assert outbound > 0, "the site cites sources on other sites"
