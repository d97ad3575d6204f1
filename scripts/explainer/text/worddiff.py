"""Two versions of a text compared word by word: where words were removed and where added.

For translators (what changed in an original since they translated it) and
reviewers (`make diff`): a text is split at white space, so a changed comma
shows as its word changed, and a re-wrapped paragraph shows no change at all.
"""

from __future__ import annotations

import difflib

from explainer.model import WordChange


def word_changes(old: str, new: str) -> tuple[WordChange, ...]:
    """Each run of words removed from `old` and/or added in `new`, in reading order."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return tuple(
        WordChange(" ".join(a[i1:i2]), " ".join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    )


def describe(changes: tuple[WordChange, ...], limit: int = 5, width: int = 80) -> str:
    """The changes on one line, for a message: `removed “a”; “b” → “c”; added “d”` (at most `limit`)."""

    def cut(words: str) -> str:
        return words if len(words) <= width else words[: width - 1].rstrip() + "…"

    parts = []
    for change in changes[:limit]:
        if change.removed and change.added:
            parts.append(f"“{cut(change.removed)}” → “{cut(change.added)}”")
        elif change.removed:
            parts.append(f"removed “{cut(change.removed)}”")
        else:
            parts.append(f"added “{cut(change.added)}”")
    if len(changes) > limit:
        parts.append(f"and {len(changes) - limit} more")
    return "; ".join(parts) if parts else "no word changed (only spacing)"
