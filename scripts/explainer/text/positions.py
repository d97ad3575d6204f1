"""Offsets in a text to the 1-based lines and columns that diagnostics report, and back.

One index per text, looked up by bisection: the reference scanner, the HTML
allow-list, the typed-value check, the outbound-link pass and the file
decoder all locate many offsets in the same text.
"""

from __future__ import annotations

import bisect
import re

_NEWLINE = re.compile("\n")


class LineIndex:
    """Where each line of `text` starts. `first_line` is the file line on which `text` starts."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.first_line = first_line
        self._starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of the character at `offset`, both counted from 1; columns count characters."""
        row = bisect.bisect_right(self._starts, offset) - 1
        return self.first_line + row, offset - self._starts[row] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset of a position given as `html.parser` does: `line` from 1, `column` from 0."""
        return self._starts[line - 1] + column
