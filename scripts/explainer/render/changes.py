"""What a changes-log entry is called: its title on `/changes/` and in a page's "Updated on" line.

In the original language, the commit's subject, as its author wrote it ("Octave Klaba's return on
20 October 2025 is settled, not disputed"), unless it is one git or GitHub writes by themselves
("Merge branch 'x'", "Update facts.yml"). Otherwise, and in every other language, it names what the
entry changed: the facts' labels in the page's language, two of them and how many more ("Year
founded, What Lingua Custodia first did"), or, for an entry that changed sources only, how many.
Whether it is a correction is said beside the title, never in it.
"""

from __future__ import annotations

import re

from explainer.changelog import Entry
from explainer.language.locale import ORIGINAL, label
from explainer.language.strings import plural, strings
from explainer.model import Content

_GENERATED_SUBJECT = re.compile(
    r"^(?:Merge\b|Revert \"Merge\b|(?:Update|Create|Delete|Add|Rename) [\w./-]+$|Initial commit$)", re.I
)
"""Subjects git or GitHub's web editor write when the author writes none of their own."""

NAMED = 2
"""How many facts a title names before saying how many more."""


def usable_subject(subject: str) -> bool:
    """Whether a commit's subject says what changed in the author's words (not git's or GitHub's default)."""
    return bool(subject.strip()) and not _GENERATED_SUBJECT.match(subject.strip())


def entry_title(entry: Entry, content: Content, lang: str) -> str:
    """The entry's title in `lang` (plain text: the caller escapes it)."""
    words = strings(lang)
    if entry.first:
        return words.change_first
    if lang == ORIGINAL and usable_subject(entry.subject):
        return entry.subject.strip().rstrip(".")
    now = [
        *(v.fact_id for v in entry.values),
        *(i.id for i in entry.facts_added),
        *(r.new_id for r in entry.facts_renamed),
        *(r.id for r in entry.facts_revised),
    ]
    names = [label(content.facts[f], lang) for f in now if f in content.facts]
    names += [label(i.fact, lang) for i in entry.facts_removed if i.fact and lang in (ORIGINAL, *i.fact.translations)]
    names = list(dict.fromkeys(names))
    if not names:
        sources = {i.id for i in (*entry.sources_added, *entry.sources_removed)} | {r.id for r in entry.sources_revised}
        return plural(lang, len(sources), words.sources_changed)
    what = words.list_separator.join(names[:NAMED])
    if len(names) > NAMED:
        what += " " + plural(lang, len(names) - NAMED, words.more_changes)
    return what
