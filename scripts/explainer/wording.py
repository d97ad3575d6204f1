"""What the changes log, the page dates and the citation blocks say to readers, in one place.

Each text is a `str.format` template with named fields, so an edition in
another language is one more `Wording` value, not edits spread through the
renderer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    updated_on: str = "Updated on {date}."
    page_changes: str = "What changed:"
    all_changes: str = "all changes"
    was_until: str = "Was {old} until {date}."
    corrected: str = "Corrected: {reason}"
    changes_title: str = "Changes and corrections"
    changes_intro: str = (
        "Every change to the facts and sources of this site, newest first, with the old and the new value as "
        "the pages showed them. A correction fixes a mistake and says why; an update follows new information. "
        "Dates are those of the change, not of the build."
    )
    changes_unavailable: str = (
        "The changes log is unavailable in this copy of the site: it was built without its history ({reason}). "
        "It is not empty: the published site lists every change."
    )
    no_changes: str = "No fact or source has changed since the site was first published."
    correction: str = "Correction"
    update: str = "Update"
    first_published: str = "First published, with {facts} facts from {sources} sources."
    reason: str = "Why:"
    value_changed: str = "{label}: {old} → {new}"
    fact_added: str = "Added: {label}, {value}"
    fact_removed: str = "Removed: {label} (was {value})"
    fact_renamed: str = "Renamed: {label} (now {new}, was {old})"
    fact_revised: str = "Revised: {label} ({fields})"
    source_added: str = "New source: {title} ({publisher})"
    source_removed: str = "Source removed: {title} ({publisher})"
    source_revised: str = "Source revised: {title} ({fields})"
    commit: str = "Version {commit}"
    cite_title: str = "Cite this page"
    cite_dataset_title: str = "Cite this dataset"
    cite_short: str = "Short:"
    cite_full: str = "Full:"
    copy: str = "Copy"
    copied: str = "Copied to the clipboard."
    cite_files: str = "Reference managers: {bibtex} · {csl}"
    cite_figure: str = "When you use a figure, cite the original source listed next to it as well."
    published: str = "published {date}"
    updated: str = "updated {date}"
    version: str = "version {version}"
    licence: str = "Licence:"
    language: str = "Language:"
    archived: str = "Archived copy of {date}"
    not_archived: str = "no archived copy yet"


EN = Wording()
