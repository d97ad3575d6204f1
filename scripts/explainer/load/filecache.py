"""What reading one content file gave, kept between loads and keyed by the file's bytes.

Under `mkdocs serve` every save reloads all of `content/`. Parsing a file and
checking its entries depend on nothing but its path and its bytes, so a load
given a `FileCache` (`load_content(..., cache=...)`) reads each file's bytes,
hashes them, and parses and checks only the files whose hash it has not seen:
after an edit to one fact file, that file alone. What depends on other files
(unknown ids, duplicates across files, dates against today, the typed-value
lint) is checked afresh on every load, so a cached load and a fresh one give
the same content and the same diagnostics.

Entries not used by a load are dropped when it ends (`prune`), so a deleted or
renamed file leaves nothing behind and memory stays the size of one load.
Cached values are shared between loads: nothing may change them after they
are made (the loader only reads records and references).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar, cast

T = TypeVar("T")


@dataclass
class FileCache:
    """Per-file results keyed by (what was computed, path, hash of the bytes)."""

    _entries: dict[tuple[Hashable, ...], object] = field(default_factory=dict)
    _used: dict[tuple[Hashable, ...], object] = field(default_factory=dict)
    _computing: list[str] = field(default_factory=list)
    computed: list[str] = field(default_factory=list)
    """Paths the last load parsed and checked rather than reused."""

    def get(self, path: str, what: tuple[Hashable, ...], data: bytes, compute: Callable[[], T]) -> T:
        """`compute()`, or what it returned before for the same `what`, `path` and bytes."""
        key = (what, path, hashlib.blake2b(data, digest_size=16).digest())
        if key in self._used:
            return cast(T, self._used[key])
        if key in self._entries:
            value = self._entries[key]
        else:
            value = compute()
            self._computing.append(path)
        self._used[key] = value
        return cast(T, value)

    def prune(self) -> None:
        """End of a load: keep only what it used, so deleted and changed files are forgotten."""
        self._entries, self._used = self._used, {}
        self.computed, self._computing = self._computing, []

    def __len__(self) -> int:
        """Files kept for the next load."""
        return len(self._entries)
