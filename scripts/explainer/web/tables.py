"""A Python-Markdown extension: tables come out of the build already in Material's scroll wrapper.

Material's script finds every `table:not([class])` after the page is shown, takes it out of
the document and puts it back inside `div.md-typeset__scrollwrap > div.md-typeset__table`.
On a long table (the data page's) that costs a second style and layout pass of the whole
table while the reader waits: most of the page's Total Blocking Time in Lighthouse's mobile
audit. Here the wrapper is written at build time and the table gets a class, so the script
leaves it alone; `docs/stylesheets/extra.css` gives `table.wrapped-table` Material's table look.

Only tables Markdown made (`<table>` with no attribute) are wrapped; a table written in raw
HTML with attributes is left as it is. This module imports `markdown` only.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

CLASS = "wrapped-table"
_OPEN = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="' + CLASS + '">'
_CLOSE = "</table></div></div>"
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)


def wrap_tables(text: str) -> str:
    """`text` with every attribute-less `<table>` inside Material's scroll wrapper, classed."""
    if "<table>" not in text:
        return text
    return _TABLE.sub(lambda m: f"{_OPEN}{m.group(1)}{_CLOSE}", text)


class _TablesPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return wrap_tables(text)


class WrappedTables(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After raw HTML is restored (30) and entities are put back (20, 10), like outbound links.
        md.postprocessors.register(_TablesPostprocessor(md), "wrapped_tables", 6)


def makeExtension(**kwargs: object) -> WrappedTables:
    return WrappedTables()
