"""What in a section body is the site's own running prose, and where it is.

The copy check and the unsourced-claims check read prose only: not code, not
quotations (“…”, "…", « »), not link addresses, raw HTML tags, `attr_list`
braces, abbreviation definitions or headings. `exempt_ranges` lists those
parts as character ranges of the body; `mask` blanks them out so that a
regular expression over the result sees prose alone, at the same offsets.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

from explainer.model import Section
from explainer.text.references import code_ranges

Range = tuple[int, int]

_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->", re.S)
_LINK_DEST = re.compile(r"\]\(\s*<?[^)\s>]*>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]*>|\bhttps?://[^\s)<>\]]+")
_ATTR_LIST = re.compile(r"\{:?\s*[#.:][^}\n]*\}")
_ABBR_DEF = re.compile(r"^\*\[[^\]]*\]:.*$", re.M)
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t].*)?$", re.M)
_SETEXT_HEADING = re.compile(r"^ {0,3}\S.*\n {0,3}(?:=+|-+)[ \t]*$", re.M)
_ADMONITION_TITLE = re.compile(r"^ *(?:!!!|\?\?\?\+?) *[\w-]+(?: +\"[^\"\n]*\")?[ \t]*$", re.M)
_CURLY = re.compile(r"“[^”]*”|«[^»]*»|‘[^’]*’(?!\w)", re.S)
_STRAIGHT = re.compile(r'"[^"]*"', re.S)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
BLANK = "\x00"
"""What `mask` writes in place of exempt text: not a word character, not a space."""


def merge(ranges: Iterable[Range]) -> list[Range]:
    out: list[Range] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def mask(text: str, ranges: Iterable[Range]) -> str:
    """`text` with every range replaced by BLANK characters (same length, same offsets)."""
    pieces: list[str] = []
    pos = 0
    for start, end in merge(ranges):
        end = min(end, len(text))
        start = min(start, end)
        pieces += (text[pos:start], BLANK * (end - start))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _matches(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> list[Range]:
    """Non-empty matches in `text[pos:endpos]`, as offsets in `text` (the text ends at `endpos`)."""
    found = pattern.finditer(text, pos, len(text) if endpos is None else endpos)
    return [(m.start(), m.end()) for m in found if m.end() > m.start()]


def quotation_ranges(text: str) -> list[Range]:
    """Text in quotation marks, marks included; a quotation does not run past a blank line."""
    starts = [0, *(m.start() for m in _PARAGRAPH.finditer(text))]
    paragraphs = list(zip(starts, [*starts[1:], len(text)], strict=True))
    curly = [r for a, b in paragraphs for r in _matches(_CURLY, text, a, b)]
    straight = mask(text, curly) if curly else text
    return curly + [r for a, b in paragraphs for r in _matches(_STRAIGHT, straight, a, b)]


def markup_ranges(text: str) -> list[Range]:
    """Code, raw HTML tags, link addresses, `attr_list` braces, abbreviation definitions and headings."""
    ranges = list(code_ranges(text))
    masked = mask(text, ranges)
    for pattern in (_TAG, _LINK_DEST, _REF_DEF, _AUTOLINK, _ATTR_LIST, _ABBR_DEF, _ATX_HEADING, _SETEXT_HEADING):
        ranges += _matches(pattern, masked)
    ranges += _matches(_ADMONITION_TITLE, masked)
    return merge(ranges)


@lru_cache(maxsize=1 << 14)
def exempt_ranges(text: str) -> tuple[Range, ...]:
    """Everything in `text` that is not the site's own running prose (references excepted), merged.

    Kept by text: the copy check and the claims lint both ask for each section,
    and a rebuild under `mkdocs serve` asks again for sections that did not change.
    """
    markup = markup_ranges(text)
    return tuple(merge(markup + quotation_ranges(mask(text, markup))))


class Positions:
    """Maps offsets in a section body to 1-based file lines and columns."""

    def __init__(self, text: str, first_line: int) -> None:
        self.first_line = first_line
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.line_starts, offset) - 1
        return self.first_line + row, offset - self.line_starts[row] + 1

    @classmethod
    def of(cls, section: Section) -> Positions:
        return cls(section.body, section.body_line)
