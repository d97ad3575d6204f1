"""Every word the renderer writes itself, in each language of the site: what each one means.

Prose, labels and titles come from content; values and dates come from the
locale layer (`locale.py`). What is left is the interface: tooltips, the
"Facts as of" line, headings of generated parts, the data page's table and
the notes on a translated page that is missing or behind its original. A
template is a `str.format` pattern; the renderer escapes what it fills in and
applies the language's typography (`typography.py`) to the result, so French
templates are written with ordinary spaces.

The words themselves are in each language's file, `language/<code>.toml`
(its `[page]` table, one key per field below): `catalog` reads and checks
them, with the same keys and placeholders as English.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from babel import Locale

from explainer.language.catalog import LANGUAGES, language


@dataclass(frozen=True)
class Strings:
    """The interface text of one language."""

    name: str
    """The language's name in English, for editors' messages (`French`)."""
    quote: str
    """An excerpt in quotation marks: `{text}` is the excerpt."""
    source_label: str
    """A citation number's accessible name."""
    source_number: str
    tip_one_source: str
    tip_sources: str
    tip_source_named: str
    tip_says: str
    tip_as_of: str
    """`{as_of}` is `locale.format_as_of` (capitalised when it starts the template)."""
    single_source: str
    sources_disagree: str
    disputed_flag: str
    sources_heading: str
    published: tuple[str, str, str]
    """For a date known to the day, the month, the year."""
    accessed: tuple[str, str, str]
    key_figures: str
    key_dates: str
    full_timeline: str
    facts_as_of: str
    edit_section: str
    edit_section_titled: str
    supports: str
    facts_count: Mapping[str, str]
    """By CLDR plural category (`one`, `other`)."""
    no_page_yet: str
    also: str
    list_separator: str
    data_downloads: str
    data_columns: tuple[str, str, str, str, str]
    all_facts: str
    cite_original: str
    """Under the data page's table and its "Cite this dataset" block."""
    untranslated_section: str
    untranslated_page: str
    stale_section: str
    """`{href}` is the address of the page in the original language."""
    stale_link: str
    stale_changes: str
    """The summary of the list of what changed in the original since a stale translation was made."""
    stale_removed: str
    """`{words}`: the original's words removed (shown struck through)."""
    stale_added: str
    stale_more: str
    stale_unknown: str
    """When the build had no history to say what changed."""
    # The changes log, the page dates and the "Cite this" blocks (dates come from `locale.format_date`).
    updated_on: str
    page_changes: str
    all_changes: str
    changes_separator: str
    """Between the changes named in a page's "Updated on" line (their titles may hold commas)."""
    change_first: str
    """The title of the changes log's first entry (the others are named by what they changed)."""
    more_changes: Mapping[str, str]
    """After the first names of what an entry changed: how many more (by CLDR plural category)."""
    sources_changed: Mapping[str, str]
    """An entry's title when it changed sources only."""
    was_until: str
    reworded_until: str
    """Instead of `was_until` when the earlier wording of a text value was never translated."""
    corrected: str
    changes_intro: str
    changes_unavailable: str
    no_changes: str
    correction: str
    update: str
    first_published: str
    reason: str
    reason_untranslated: str
    """Instead of a correction's reason held only in the original (followed by `stale_link` to its entry there)."""
    value_changed: str
    value_reworded: str
    fact_added: str
    fact_removed: str
    fact_renamed: str
    fact_revised: str
    source_added: str
    source_removed: str
    source_revised: str
    changed_fields: Mapping[str, str]
    """What a revision changed, by the English name history records (`as of`, `publication date`)."""
    commit: str
    feed_title: str
    """The Atom feed's title (and its link's in each page's head): `{site}`, `{page}` the changes page's title."""
    cite_title: str
    cite_dataset_title: str
    cite_dataset_name: str
    """The dataset's title in its citation: `{site}` is the site's name."""
    cite_short: str
    cite_full: str
    copy: str
    copied: str
    cite_files: str
    cite_published: str
    cite_updated: str
    cite_version: str
    licence: str
    language: str
    archived: str


@functools.cache
def strings(lang: str) -> Strings:
    """The interface text of `lang` (its file's `[page]` table); UnsupportedLanguage for a language with no file."""
    found = language(lang)
    page: dict[str, Any] = {
        key: tuple(value) if isinstance(value, list) else value for key, value in found.page.items()
    }
    return Strings(name=found.name, **page)


def language_name(lang: str) -> str:
    """`French` for `fr`: the language's English name, for messages to editors."""
    if lang in LANGUAGES:
        return language(lang).name
    return str(Locale.parse(lang).get_display_name("en"))


def plural(lang: str, number: int, forms: Mapping[str, str]) -> str:
    """`forms` for `number` by the language's CLDR plural rule (`1 fact`, `0 fait`, `2 faits`)."""
    category = str(Locale.parse(lang.replace("-", "_")).plural_form(number))
    return (forms.get(category) or forms["other"]).format(n=number)
