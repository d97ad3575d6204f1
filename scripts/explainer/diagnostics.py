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
    ERROR = "error"
    """Nothing is built."""
    WARNING = "warning"
    """The strict build (what publishes) and `make check` fail."""
    NOTICE = "notice"
    """Said by `make check` only, never failing it: something worth knowing, not a mistake (a source with
    no archived copy)."""


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: `path:line:col: severity: message`.

    `path` is relative to the project root (for example
    `content/facts/ovhcloud.yml`); `line` and `col` count from 1.
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


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with line breaks and other control characters written as escapes (`\\n`, `\\x1b`)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def error(path: str, line: int, col: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, message, Severity.ERROR)


def warning(path: str, line: int, col: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, message, Severity.WARNING)


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
