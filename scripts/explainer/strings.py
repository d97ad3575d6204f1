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

from .locale import ORIGINAL


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
    how_to_cite: str
    cite_this: str
    cite_original: str
    untranslated_section: str
    untranslated_page: str
    stale_section: str
    """`{href}` is the address of the page in the original language."""
    stale_link: str


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
        "each figure also belongs to the source it cites."
    ),
    data_columns=("Fact", "Value", "The sources say", "As of", "Id"),
    all_facts="All facts",
    how_to_cite="How to cite this site",
    cite_this="{name}. {url}. Facts as of the dates shown; accessed [date].",
    cite_original="When you use a figure, cite the original source listed next to it as well.",
    untranslated_section="This section is not translated yet; here it is in English.",
    untranslated_page="This page is not translated yet.",
    stale_section="The English version of this section has changed since it was translated.",
    stale_link="Read the English version",
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
        "licence {licence} ; chaque chiffre appartient aussi à la source qu’il cite."
    ),
    data_columns=("Fait", "Valeur", "Ce que disent les sources", "À jour", "Identifiant"),
    all_facts="Tous les faits",
    how_to_cite="Comment citer ce site",
    cite_this="{name}. {url}. Données à jour aux dates indiquées ; consulté le [date].",
    cite_original="Quand vous reprenez un chiffre, citez aussi la source d’origine indiquée à côté.",
    untranslated_section="Cette section n’est pas encore traduite ; la voici en anglais.",
    untranslated_page="Cette page n’est pas encore traduite.",
    stale_section="La version anglaise de cette section a changé depuis sa traduction.",
    stale_link="Lire la version anglaise",
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
