"""A Python-Markdown extension: outbound links get `rel="noopener noreferrer"`.

It runs as a postprocessor on each page's finished HTML, after raw HTML is put
back, so it sees every link once, wherever it came from: Markdown links in
prose, raw `<a>` in sections and the source lists `render` writes. The MkDocs
hook adds it to the Markdown extensions; this module imports `markdown` only.
"""

from __future__ import annotations

import html
import re

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

REL = "noopener noreferrer"
_OUTBOUND = re.compile(r"^\s*(?:https?:)?//", re.I)


# One pass over the page: comments, scripts and styles are skipped whole (as an HTML parser
# skips them); an `<a>` start tag is read with its attributes, quoted values taken as they are,
# `>` inside quotes included. A scan, not a parse: a page's HTML is large (the data page of a
# 10,000-fact site) and this runs on every page of every build.
_TOKENS = re.compile(
    r"<!--.*?-->"
    r"|<(script|style)\b.*?</\1\s*>"
    r"|<a(?=[\s/>])((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>",
    re.S | re.I,
)
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")


def _attributes(text: str) -> list[tuple[str, str | None]]:
    """(name, value) pairs as an HTML parser gives them: names lowered, values unquoted and unescaped."""
    found: list[tuple[str, str | None]] = []
    for m in _ATTRIBUTE.finditer(text):
        value = m.group(2)
        if value is not None and value[:1] in ("'", '"'):
            value = value[1:-1]
        found.append((m.group(1).lower(), None if value is None else html.unescape(value)))
    return found


def add_rel(text: str) -> str:
    """`text` with `rel="noopener noreferrer"` on every `<a>` leaving the site."""
    if "<a" not in text and "<A" not in text:
        return text
    out: list[str] = []
    pos = 0
    for m in _TOKENS.finditer(text):
        if m.group(2) is None:  # a comment, script or style
            continue
        attrs = _attributes(m.group(2))
        href = next((v for k, v in attrs if k == "href"), None)
        if not (href and _OUTBOUND.match(href)):
            continue
        rel = {v for k, value in attrs if k == "rel" for v in (value or "").split()}
        rel |= set(REL.split())
        kept = "".join(f' {k}="{html.escape(v or "", quote=True)}"' for k, v in attrs if k != "rel")
        out += [text[pos : m.start()], f'<a{kept} rel="{" ".join(sorted(rel))}">']
        pos = m.end()
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
