"""Finding `[[fact:ID]]` references in Markdown, outside code.

The syntax was chosen because nothing in Markdown, Python-Markdown's
extensions or Material gives `[[` followed by `fact:` a meaning, and it reads
well in a diff. References inside fenced code blocks, indented code blocks
and inline code spans are left as text; `\\[[fact:ID]]` is written out
literally as `[[fact:ID]]`.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from explainer.model import Reference
from explainer.text.positions import LineIndex

REFERENCE = re.compile(r"(\\?)\[\[\s*([A-Za-z]+)\s*:\s*([^\[\]\s]*)\s*\]\]")
"""A complete reference (`[[fact:ID]]`, `[[chart:ID]]`), escaped with a backslash or not. An id holds
no bracket, so `[[fact:a [[fact:b]]` is an unclosed reference followed by a complete one."""
MARKER = re.compile(r"\[\[|\]\]|(?<!\[)\[[ \t]*(?:fact|chart)[ \t]*:", re.I)
"""What begins or ends a reference: `[[`, `]]`, or `[fact:` with one bracket."""
_FENCE = re.compile(r"^( *)(`{3,}|~{3,})")
_CONTAINER = re.compile(r"^( *)(?:(?:!!!|\?\?\?\+?|===[+!]?)\s|([-*+]|\d{1,9}[.)])( +))")
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True, slots=True)
class Found:
    """What the scanner saw: a reference (`prefix` "fact"), an escaped one, or one of an unknown type."""

    prefix: str
    """The word before the colon: `fact`, or what an editor wrote instead."""
    escaped: bool
    """Written `\\[[...]]`: shown as text, never resolved."""
    target: str
    start: int
    end: int
    line: int
    col: int


@functools.lru_cache(maxsize=4096)
def code_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of `text` that Markdown renders as code.

    Cached: the reference scanner, the HTML checker and the typed-value check
    all ask for the same section bodies.
    """
    return tuple(_code_ranges(text))


def _code_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    lines = text.splitlines(keepends=True)
    offset = 0
    fence: tuple[str, int] | None = None  # (char, length) of the open fence
    fence_start = 0
    containers: list[int] = []  # content indents of open admonitions/lists/tabs
    prev_blank = True
    prose: list[tuple[int, str]] = []  # (offset, line) runs checked for inline code

    def flush_prose() -> None:
        if prose:
            start = prose[0][0]
            _inline_code(start, "".join(line for _, line in prose), ranges)
            prose.clear()

    in_indented = False
    for line in lines:
        stripped = line.rstrip("\r\n")
        indent = len(stripped) - len(stripped.lstrip(" "))
        blank = not stripped.strip()
        if fence is not None:
            m = _FENCE.match(stripped)
            if m and m.group(2)[0] == fence[0] and len(m.group(2)) >= fence[1] and not stripped[m.end() :].strip():
                ranges.append((fence_start, offset + len(line)))
                fence = None
            offset += len(line)
            continue
        if not blank:
            while containers and indent < containers[-1]:
                containers.pop()
        base = containers[-1] if containers else 0
        if in_indented and (blank or indent >= base + 4):
            ranges.append((offset, offset + len(line)))
            offset += len(line)
            continue
        in_indented = False
        fence_match = _FENCE.match(stripped)
        if blank:
            flush_prose()
        elif fence_match:
            flush_prose()
            fence = (fence_match.group(2)[0], len(fence_match.group(2)))
            fence_start = offset
        elif prev_blank and indent >= base + 4:
            flush_prose()
            in_indented = True
            ranges.append((offset, offset + len(line)))
        else:
            c = _CONTAINER.match(stripped)
            if c:
                containers.append(indent + (len(c.group(2)) + len(c.group(3)) if c.group(2) else 4))
            prose.append((offset, line))
        prev_blank = blank
        offset += len(line)
    if fence is not None:
        ranges.append((fence_start, len(text)))  # an unclosed fence runs to the end
    flush_prose()
    return sorted(ranges)


def _inline_code(start: int, text: str, ranges: list[tuple[int, int]]) -> None:
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    i = 0
    while i < len(runs):
        open_start, open_end = runs[i]
        if open_start > 0 and text[open_start - 1] == "\\":
            i += 1
            continue
        length = open_end - open_start
        for j in range(i + 1, len(runs)):
            if runs[j][1] - runs[j][0] == length:
                ranges.append((start + open_start, start + runs[j][1]))
                i = j
                break
        i += 1


def scan(text: str, first_line: int = 1) -> list[Found]:
    """Every reference-like token outside code, with 1-based positions.

    `first_line` is the file line on which `text` starts.
    """
    if "[[" not in text:
        return []
    code = code_ranges(text)
    code_starts = [s for s, _ in code]
    lines = LineIndex(text, first_line)
    found: list[Found] = []
    for m in REFERENCE.finditer(text):
        k = bisect.bisect_right(code_starts, m.start()) - 1
        if k >= 0 and code[k][0] <= m.start() < code[k][1]:
            continue
        line, col = lines.position(m.start())
        escaped = bool(m.group(1))
        found.append(Found(m.group(2), escaped, m.group(3), m.start(), m.end(), line, col + len(m.group(1))))
    return found


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of reference syntax that is not part of a complete reference: shown raw if published."""

    start: int
    line: int
    col: int
    message: str


_RUN = re.compile(r"\S*")


def _snippet(text: str, start: int, end: int | None = None) -> str:
    """The marker as written: up to `end`, or to the next space (at most 60 characters)."""
    run = _RUN.match(text, start)
    stop = end if end is not None else run.end() if run else start
    shown = text[start:stop]
    return shown if len(shown) <= 60 else shown[:59] + "…"


def fragments(text: str, first_line: int = 1) -> list[Fragment]:
    """Reference syntax outside code that is not a complete reference, each once, with what to write.

    `[[fact:ID` never closed, `[[fact:ID]` closed with one bracket, `[fact:ID]]` opened with one,
    `[[fact:an id]]` with a space, a stray `]]`: each would reach the page as raw text. A marker
    escaped with a backslash (`\\[[`) is meant to be shown and is left alone.
    """
    if "[" not in text and "]]" not in text:
        return []
    complete = [(m.start(), m.end()) for m in REFERENCE.finditer(text)]
    code = code_ranges(text)
    covered = sorted(complete + list(code))
    starts = [s for s, _ in covered]

    def inside(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return any(covered[i][0] <= pos < covered[i][1] for i in range(max(0, k - 1), k + 1))

    tokens = [m for m in MARKER.finditer(text) if not inside(m.start()) and not text.startswith("\\", m.start() - 1)]
    lines = LineIndex(text, first_line)
    out: list[Fragment] = []
    used: set[int] = set()
    for i, m in enumerate(tokens):
        if m.start() in used:
            continue
        token = m.group()
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        eol = text.find("\n", m.start())
        same_line = after is not None and after.group() == "]]" and (eol == -1 or after.start() < eol)
        if token == "]]":
            message = "']]' closes no reference: remove it, or write the reference as [[fact:ID]]"
        elif same_line and after is not None:
            used.add(after.start())
            shown = _snippet(text, m.start(), after.end())
            if token == "[[":
                message = f"'{shown}' is not a valid reference: write [[fact:ID]], with no space in the id"
            else:
                message = f"reference '{shown}' opens with one bracket: write [[fact:ID]]"
        else:
            shown = _snippet(text, m.start())
            if token != "[[":
                message = f"'{shown}' is not a valid reference: write [[fact:ID]]"
            elif re.match(r"\[\[[^\[\]\s]*\](?!\])", shown):
                message = f"reference '{shown}' is closed with one bracket: end it with ']]'"
            else:
                message = f"reference '{shown}' is never closed: end it with ']]' ([[fact:ID]])"
        line, col = lines.position(m.start())
        out.append(Fragment(m.start(), line, col, message))
    return out


def references(found: list[Found]) -> tuple[Reference, ...]:
    return tuple(
        Reference(f.target, f.start, f.end, f.line, f.col) for f in found if f.prefix == "fact" and not f.escaped
    )
