"""Problems found in content, reported the way compilers report them.

A `Diagnostic` is a value: loaders and validators collect them in lists and
only the edges (the check command, the MkDocs hook) print them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How a problem counts.

    An error stops everything; a warning fails `make check` and the strict
    build; a notice is printed by `make check` and fails neither (a
    translation that fell behind its original must not hold back a correction
    of the original).
    """

    ERROR = "error"
    """Nothing is built."""
    WARNING = "warning"
    """The strict build (what publishes) and `make check` fail."""
    NOTICE = "notice"
    """Said by `make check` only, never failing it: something worth knowing, not a mistake (a source with
    no archived copy, a translation behind its original)."""


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: `path:line:col: severity: message`.

    `path` is relative to the project root (for example
    `content/facts/company.yml`); `line` and `col` count from 1.
    """

    path: str
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        # Messages quote what editors wrote. One line each, whatever they
        # wrote: a newline or an escape sequence in a key must not forge
        # another report line (or a CI annotation) in the terminal.
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_notice(self) -> bool:
        return self.severity is Severity.NOTICE


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with line breaks and other control characters written as escapes (`\\n`, `\\x1b`)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def error(path: str, line: int, col: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, message, Severity.ERROR)


def warning(path: str, line: int, col: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, message, Severity.WARNING)


def notice(path: str, line: int, col: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, message, Severity.NOTICE)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Errors and warnings in file order, each listed once."""
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.col, d.severity.value, d.message))


def close_match(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to `word`, when one is close enough to be a misspelling."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when a close candidate exists, else ``."""
    match = close_match(word, candidates)
    return f" (did you mean '{match}'?)" if match else ""


def likely_typo(word: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'x'?)` only when `word` looks mistyped from a candidate: the same first letter
    and the same numbers, one slip apart (two in a word of more than eight letters; a swap of two
    neighbours is one). Ids such as `acme-h1-2026` and `acme-q3-2026` name different
    documents, so a near miss in the numbers is no typo: suggesting it would invite citing another."""
    digits = re.findall(r"\d+", word)
    allowed = 2 if len(word) > 8 else 1
    close = [
        c for c in candidates if c[:1] == word[:1] and re.findall(r"\d+", c) == digits and _slips(word, c) <= allowed
    ]
    return f" (did you mean '{min(close, key=lambda c: _slips(word, c))}'?)" if close else ""


def _slips(a: str, b: str) -> int:
    """Edits from `a` to `b`: a letter added, dropped or changed, or two neighbours swapped."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
