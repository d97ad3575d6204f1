"""French typography, applied at build time so editors type ordinary spaces.

The convention (the one the Imprimerie nationale's *Lexique* and most French
publishers' house rules follow):

- U+202F (narrow no-break space, *espace fine insécable*) before `;`, `!` and `?`;
- U+00A0 (no-break space, *espace insécable*) before `:`, after `«` and before `»`;
- no run of two or more spaces between words (a line's indentation and the two
  trailing spaces of a Markdown hard break are left alone).

A space an editor typed there (ordinary, no-break, narrow or thin) becomes the
right one; a missing one is added. Nothing changes inside code (fenced,
indented, inline, `<code>`, `<pre>`, `<kbd>`, `<samp>`, `<script>`, `<style>`),
URLs and link destinations, HTML tags and their attributes, HTML comments,
character references, `[[fact:…]]` references, link reference definitions,
attribute lists (`{: …}`) or a leading YAML front matter. Punctuation
escaped by the renderer (`&#58;`, `&#33;`) counts as punctuation. A colon
between digits (`10:30`) or followed by anything but a space or the end of a
phrase (`http:`, `fact:x`, a table's `|---:|`) is not punctuation; neither is
`!` before `[` (an image) or a run of `!!!`/`???` (admonitions).

Running it twice changes nothing. A language names its rules in its file
(`rules.typography`): `french`, or `none` (English text is returned as it is).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping

from explainer.text.references import code_ranges

NBSP = "\u00a0"
NNBSP = "\u202f"

_WS = "[ \t\u00a0\u202f\u2009]"
_RULES = re.compile(
    rf"(?P<tws>{_WS}*)(?P<thin>[;!?]|&#59;|&#33;|&#[xX]21;|&#63;|&#[xX]3[fF];)"
    rf"|(?P<cws>{_WS}*)(?P<colon>:|&#58;|&#[xX]3[aA];)"
    rf"|(?P<open>«|&laquo;|&#171;)(?P<ows>{_WS}*)"
    rf"|(?P<qws>{_WS}*)(?P<close>»|&raquo;|&#187;)"
    rf"|(?P<run>{_WS}{{2,}})"
)
_AFTER_WORD = re.compile(r"[\w)\]}»\"”’'*_>`.…%€$£]")
"""What may stand right before punctuation for a missing space to be added."""
_NEXT_OK = re.compile(r"[\s)\]}»\"”’'*_<&\\.,;:!?]")
"""What may follow punctuation (besides the end of the text) for it to be punctuation."""
_OPENERS = "([{«"

_PROTECTED = re.compile(
    r"\A---\n.*?\n---[ \t]*(?:\n|\Z)"  # YAML front matter
    r"|<!--.*?-->"
    r"|<(code|pre|kbd|samp|script|style)\b[^>]*>.*?</\1\s*>"
    r"|</?[A-Za-z][\w:-]*(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
    r"|&(?!#58;|#[xX]3[aA];|#59;|#33;|#[xX]21;|#63;|#[xX]3[fF];|laquo;|raquo;|#171;|#187;)"
    r"(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"
    r"|\b(?:https?://|ftp://|mailto:|www\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}»]"
    r"|(?<=\]\()<?[^)\s>]+>?"  # a link's destination
    r"|\[\[[^\]\n]*\]\]"  # [[fact:id]]
    r"|^ {0,3}\[[^\]\n]+\]:[^\n]*"  # link reference definitions, footnote definitions
    r"|^\*\[[^\]\n]+\]:"  # an abbreviation's label
    r"|\{:[^}\n]*\}|\{[ \t]*[#.][^}\n]*\}"  # attribute lists
    r"|^[ \t]*(?:[-*+>]|\d{1,9}[.)]|:)[ \t]+",  # list, quote and definition markers with their spaces
    re.DOTALL | re.MULTILINE | re.IGNORECASE,
)


def french(text: str) -> str:
    """`text` with French typography."""
    return _French(text).apply() if text else text


def _none(text: str) -> str:
    return text


RULES: Mapping[str, Callable[[str], str]] = {"none": _none, "french": french}
"""The typography a language file may name (`rules.typography`); `locale.typography(text, lang)` applies it."""


class _French:
    """One pass of `_RULES` over a text whose protected spans are found first."""

    def __init__(self, text: str) -> None:
        self.text = text
        merged: list[list[int]] = []
        for a, b in sorted([*code_ranges(text), *(m.span() for m in _PROTECTED.finditer(text))]):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def apply(self) -> str:
        return _RULES.sub(self._replace, self.text)

    def _protected(self, start: int, end: int) -> bool:
        """Whether any of text[start:end] is in code, a tag, a URL, ..."""
        k = bisect.bisect_right(self.starts, end - 1) - 1
        return k >= 0 and self.ends[k] > start

    def _replace(self, m: re.Match[str]) -> str:
        kind = next(k for k in ("thin", "colon", "open", "close", "run") if m.group(k) is not None)
        if self._protected(m.start(), m.end()):
            return m.group(0)
        if kind == "run":
            run = m.group("run")
            return _collapse(run) if self._between_words(m.start(), m.end()) else run
        if kind == "thin" or kind == "colon":
            ws = m.group("tws" if kind == "thin" else "cws")
            mark = m.group(kind)
            if self._is_punctuation(mark, m.end()) and self._ends_phrase(m.start(), spaced=bool(ws)):
                return (NNBSP if kind == "thin" else NBSP) + mark
            return (_collapse(ws) if ws and self._between_words(m.start(), m.start() + len(ws)) else ws) + mark
        if kind == "open":
            after = self.text[m.end() : m.end() + 1]
            inside = after and not after.isspace() and after != "»"
            return m.group("open") + NBSP if inside else m.group(0)
        ws = m.group("qws")
        return NBSP + m.group("close") if self._ends_phrase(m.start(), spaced=bool(ws)) else m.group(0)

    def _between_words(self, start: int, end: int) -> bool:
        """A run of spaces inside a line: neither indentation nor a hard break's trailing spaces."""
        before = self.text[start - 1 : start]
        after = self.text[end : end + 1]
        return bool(before) and not before.isspace() and bool(after) and not after.isspace()

    def _is_punctuation(self, mark: str, end: int) -> bool:
        """Whether a `:`, `;`, `!` or `?` ends a phrase here (not `10:30`, `http:`, `![image]`)."""
        after = self.text[end : end + 1]
        if after == "":
            return True
        if mark.endswith(("!", "&#33;", "21;")) and after == "[":
            return False
        if mark.endswith((":", "58;", "3a;", "3A;")):
            return after.isspace() or after in '<*_)]}»"”’'
        return bool(_NEXT_OK.match(after))

    def _ends_phrase(self, start: int, *, spaced: bool) -> bool:
        """Whether what stands before `start` (or before the spaces there) ends a phrase on the same line."""
        before = self.text[start - 1 : start]
        if not before or before.isspace():
            return False
        if spaced:
            return before not in _OPENERS
        return bool(_AFTER_WORD.match(before))


def _collapse(run: str) -> str:
    """Two or more spaces become one, keeping a no-break space if the run had one."""
    for char in run:
        if char in (NBSP, NNBSP):
            return char
    return " "
