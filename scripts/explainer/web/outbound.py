"""A Python-Markdown extension: outbound links get `rel="noopener noreferrer"`.

It runs as a postprocessor on each page's finished HTML, after raw HTML is put
back, so it sees every link once, wherever it came from: Markdown links in
prose, raw `<a>` in sections and the source lists `render` writes. The MkDocs
hook adds it to the Markdown extensions; this module imports `markdown` only.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from ..positions import LineIndex

REL = "noopener noreferrer"
_OUTBOUND = re.compile(r"^\s*(?:https?:)?//", re.I)


class _Links(HTMLParser):
    """Start tags of outbound links: (offset in the text, tag text, attributes)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, list[tuple[str, str | None]]]] = []
        self._lines = LineIndex(text)
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        raw = self.get_starttag_text()
        if tag == "a" and href and _OUTBOUND.match(href) and raw:
            line, col = self.getpos()
            self.found.append((self._lines.offset(line, col), raw, attrs))


def add_rel(text: str) -> str:
    """`text` with `rel="noopener noreferrer"` on every `<a>` leaving the site."""
    if "<a" not in text and "<A" not in text:
        return text
    out: list[str] = []
    pos = 0
    for start, raw, attrs in _Links(text).found:
        rel = {v for k, value in attrs if k == "rel" for v in (value or "").split()}
        rel |= set(REL.split())
        kept = "".join(f' {k}="{html.escape(v or "", quote=True)}"' for k, v in attrs if k != "rel")
        out += [text[pos:start], f'<a{kept} rel="{" ".join(sorted(rel))}">']
        pos = start + len(raw)
    out.append(text[pos:])
    return "".join(out)


class _OutboundPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return add_rel(text)


class OutboundLinks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After raw HTML is restored (30) and entities are put back (20, 10).
        md.postprocessors.register(_OutboundPostprocessor(md), "outbound_links", 5)


def makeExtension(**kwargs: object) -> OutboundLinks:
    return OutboundLinks()
