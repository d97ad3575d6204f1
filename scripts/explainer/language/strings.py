"""Every word the renderer writes itself, in each language of the site: one table per language.

Prose, labels and titles come from content; values and dates come from the
locale layer (`locale.py`). What is left is the interface: tooltips, the
"Facts as of" line, headings of generated parts, the data page's table and
the notes on a translated page that is missing or behind its original. A
template is a `str.format` pattern; the renderer escapes what it fills in and
applies the language's typography (`typography.py`) to the result, so French
templates are written with ordinary spaces.

Adding a language is adding a `Strings` here (a test checks every language
of `locale.LANGUAGES` has one, with the same placeholders as English).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from babel import Locale

from explainer.language.locale import ORIGINAL


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
    # The changes log, the page dates and the "Cite this" blocks (dates come from `locale.format_date`).
    updated_on: str
    page_changes: str
    all_changes: str
    was_until: str
    corrected: str
    changes_intro: str
    changes_unavailable: str
    no_changes: str
    correction: str
    update: str
    first_published: str
    reason: str
    value_changed: str
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


ENGLISH = Strings(
    name="English",
    quote="“{text}”",
    source_label="Source {number}: {title}",
    source_number="Source {number}",
    tip_one_source="Source: {named}{end}",
    tip_sources="{count} sources: {named}{end}",
    tip_source_named="{publisher}, “{title}”",
    tip_says=", which says {quote}",
    tip_as_of="{as_of}.",
    single_source="Single source, not confirmed elsewhere.",
    sources_disagree="Sources disagree.",
    disputed_flag="disputed",
    sources_heading="Sources",
    published=("published {}", "published {}", "published {}"),
    accessed=("accessed {}", "accessed {}", "accessed {}"),
    key_figures="Key figures",
    key_dates="Key dates",
    full_timeline="See the full timeline",
    facts_as_of="Facts {as_of}.",
    edit_section="Edit this section",
    edit_section_titled="Edit this section ({title})",
    supports="Supports {count}; cited on: {where}.",
    facts_count={"one": "{n} fact", "other": "{n} facts"},
    no_page_yet="no page yet",
    also="Also: {aliases}.",
    list_separator=", ",
    data_downloads=(
        "Download every fact with its sources: [facts.json](data/facts.json) or [facts.csv](data/facts.csv). "
        "Both list the same facts in the same order (by id). The data is published under {licence}; "
        "each figure also belongs to the source it cites. [datapackage.json](data/datapackage.json) describes "
        "facts.csv as a Frictionless Data Package (every column typed and documented, the sources, the licences). "
        "Each row can be linked: its address ends in `#fact-` and the fact's id."
    ),
    data_columns=("Fact", "Value", "The sources say", "As of", "Id"),
    all_facts="All facts",
    cite_original="When you use a figure, cite the original source listed next to it as well.",
    untranslated_section="This section is not translated yet; here it is in English.",
    untranslated_page="This page is not translated yet.",
    stale_section="The English version of this section has changed since it was translated.",
    stale_link="Read the English version",
    updated_on="Updated on {date}.",
    page_changes="What changed:",
    all_changes="all changes",
    was_until="Was {old} until {date}.",
    corrected="Corrected: {reason}",
    changes_intro=(
        "Every change to the facts and sources of this site, newest first, with the old and the new value as "
        "the pages showed them. A correction fixes a mistake and says why; an update follows new information. "
        "Dates are those of the change, not of the build."
    ),
    changes_unavailable=(
        "The changes log is unavailable in this copy of the site: it was built without its history ({reason}). "
        "It is not empty: the published site lists every change."
    ),
    no_changes="No fact or source has changed since the site was first published.",
    correction="Correction",
    update="Update",
    first_published="First published, with {facts} facts from {sources} sources.",
    reason="Why:",
    value_changed="{label}: {old} → {new}",
    fact_added="Added: {label}, {value}",
    fact_removed="Removed: {label} (was {value})",
    fact_renamed="Renamed: {label} (now {new}, was {old})",
    fact_revised="Revised: {label} ({fields})",
    source_added="New source: {title} ({publisher})",
    source_removed="Source removed: {title} ({publisher})",
    source_revised="Source revised: {title} ({fields})",
    changed_fields={
        "label": "label",
        "as of": "as of",
        "sources": "sources",
        "quoted words": "quoted words",
        "note": "note",
        "confidence": "confidence",
        "unit": "unit",
        "qualifier": "qualifier",
        "title": "title",
        "publisher": "publisher",
        "address": "address",
        "publication date": "publication date",
        "date accessed": "date accessed",
        "licence": "licence",
        "language": "language",
        "archived copy": "archived copy",
    },
    commit="Version {commit}",
    cite_title="Cite this page",
    cite_dataset_title="Cite this dataset",
    cite_dataset_name="{site}: facts and sources",
    cite_short="Short:",
    cite_full="Full:",
    copy="Copy",
    copied="Copied to the clipboard.",
    cite_files="Reference managers: {bibtex} · {csl}",
    cite_published="published {date}",
    cite_updated="updated {date}",
    cite_version="version {version}",
    licence="Licence:",
    language="Language:",
    archived="Archived copy of {date}",
)

FRENCH = Strings(
    name="French",
    quote="« {text} »",
    source_label="Source {number} : {title}",
    source_number="Source {number}",
    tip_one_source="Source : {named}{end}",
    tip_sources="{count} sources : {named}{end}",
    tip_source_named="{publisher}, « {title} »",
    tip_says=", qui écrit {quote}",
    tip_as_of="À jour {as_of}.",
    single_source="Source unique, non confirmée ailleurs.",
    sources_disagree="Les sources divergent.",
    disputed_flag="contesté",
    sources_heading="Sources",
    published=("publié le {}", "publié en {}", "publié en {}"),
    accessed=("consulté le {}", "consulté en {}", "consulté en {}"),
    key_figures="Chiffres clés",
    key_dates="Dates clés",
    full_timeline="Voir toute la chronologie",
    facts_as_of="Données à jour {as_of}.",
    edit_section="Modifier cette section",
    edit_section_titled="Modifier cette section ({title})",
    supports="Appuie {count} ; citée sur : {where}.",
    facts_count={"one": "{n} fait", "other": "{n} faits"},
    no_page_yet="aucune page pour l’instant",
    also="Aussi : {aliases}.",
    list_separator=", ",
    data_downloads=(
        "Téléchargez tous les faits avec leurs sources : [facts.json](data/facts.json) ou "
        "[facts.csv](data/facts.csv). Les deux fichiers donnent les mêmes faits dans le même ordre "
        "(par identifiant), avec leurs libellés en anglais et en français. Les données sont publiées sous "
        "licence {licence} ; chaque chiffre appartient aussi à la source qu’il cite. "
        "[datapackage.json](data/datapackage.json) décrit facts.csv comme un Data Package Frictionless "
        "(chaque colonne typée et documentée, les sources, les licences). Chaque ligne a sa propre adresse : "
        "elle se termine par `#fact-` suivi de l’identifiant du fait."
    ),
    data_columns=("Fait", "Valeur", "Ce que disent les sources", "À jour", "Identifiant"),
    all_facts="Tous les faits",
    cite_original="Quand vous reprenez un chiffre, citez aussi la source d’origine indiquée à côté.",
    untranslated_section="Cette section n’est pas encore traduite ; la voici en anglais.",
    untranslated_page="Cette page n’est pas encore traduite.",
    stale_section="La version anglaise de cette section a changé depuis sa traduction.",
    stale_link="Lire la version anglaise",
    updated_on="Mis à jour le {date}.",
    page_changes="Ce qui a changé :",
    all_changes="toutes les modifications",
    was_until="Valait {old} jusqu’au {date}.",
    corrected="Corrigé : {reason}",
    changes_intro=(
        "Chaque modification des faits et des sources de ce site, de la plus récente à la plus ancienne, avec "
        "l’ancienne et la nouvelle valeur telles que les pages les affichaient. Une correction répare une erreur "
        "et dit pourquoi ; une mise à jour suit une information nouvelle. Les dates sont celles des "
        "modifications, pas de la construction du site."
    ),
    changes_unavailable=(
        "Le journal des modifications n’est pas disponible dans cette copie du site : elle a été construite "
        "sans son historique ({reason}). Il n’est pas vide : le site publié liste chaque modification."
    ),
    no_changes="Aucun fait ni aucune source n’a changé depuis la première publication du site.",
    correction="Correction",
    update="Mise à jour",
    first_published="Première publication, avec {facts} faits tirés de {sources} sources.",
    reason="Pourquoi :",
    value_changed="{label} : {old} → {new}",
    fact_added="Ajouté : {label}, {value}",
    fact_removed="Supprimé : {label} (valait {value})",
    fact_renamed="Renommé : {label} (désormais {new}, auparavant {old})",
    fact_revised="Révisé : {label} ({fields})",
    source_added="Nouvelle source : {title} ({publisher})",
    source_removed="Source supprimée : {title} ({publisher})",
    source_revised="Source révisée : {title} ({fields})",
    changed_fields={
        "label": "libellé",
        "as of": "date de validité",
        "sources": "sources",
        "quoted words": "citation",
        "note": "note",
        "confidence": "degré de certitude",
        "unit": "unité",
        "qualifier": "qualificatif",
        "title": "titre",
        "publisher": "éditeur",
        "address": "adresse",
        "publication date": "date de publication",
        "date accessed": "date de consultation",
        "licence": "licence",
        "language": "langue",
        "archived copy": "copie archivée",
    },
    commit="Version {commit}",
    cite_title="Citer cette page",
    cite_dataset_title="Citer ce jeu de données",
    cite_dataset_name="{site} : faits et sources",
    cite_short="Courte :",
    cite_full="Complète :",
    copy="Copier",
    copied="Copié dans le presse-papiers.",
    cite_files="Gestionnaires de références : {bibtex} · {csl}",
    cite_published="publié le {date}",
    cite_updated="mis à jour le {date}",
    cite_version="version {version}",
    licence="Licence :",
    language="Langue :",
    archived="Copie archivée du {date}",
)

STRINGS: Mapping[str, Strings] = {"en": ENGLISH, "fr": FRENCH}
"""The interface text of every language the engine supports."""


def strings(lang: str = ORIGINAL) -> Strings:
    """The interface text of `lang`; KeyError for a language with no table."""
    return STRINGS[lang]


def language_name(lang: str) -> str:
    """`French` for `fr`: the language's English name, for messages to editors."""
    found = STRINGS.get(lang)
    return found.name if found is not None else str(Locale.parse(lang).get_display_name("en"))


def plural(lang: str, number: int, forms: Mapping[str, str]) -> str:
    """`forms` for `number` by the language's CLDR plural rule (`1 fact`, `0 fait`, `2 faits`)."""
    category = str(Locale.parse(lang.replace("-", "_")).plural_form(number))
    return (forms.get(category) or forms["other"]).format(n=number)
