"""Every reader-facing phrase of charts, derived facts and share images, per language.

One table so the French edition translates them in one place; `{name}`
fields are filled with values already formatted by `explainer.language.locale`; `{x_mid}` and
`{y_mid}` are the axis labels as they read inside a sentence (`chiffre d’affaires`).
"""

from __future__ import annotations

from collections.abc import Mapping

WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "computed": "Computed at build time from other facts: {formula} = {value}.",
        "input": "{label}: {value} (source: {sources}).",
        "formula_row": "Formula",
        "data_summary": "The numbers in this chart",
        "col_what": "What",
        "col_value": "Value",
        "col_date": "Date",
        "col_event": "Event",
        "col_sources": "Sources",
        "col_x": "{x}",
        "col_y": "{y}",
        "bar_desc": "Bar chart of {n} values in {unit}: {items}. The largest is {top}.",
        "strip_desc": "Dated strip of {n} events from {first} to {last}: {items}.",
        "line_desc": "Line chart{scales}: {y} against {x}, from {x0} to {x1}. {y} goes from {y0} to {y1}.",
        "line_log": " on logarithmic scales",
        "marked": " Marked: {items}.",
        "at": "at {x}",
        "share_key": "{label}",
        "number_col": "No.",
        "item": "{label}: {value}",
        "numbered": "{n}. {date}: {title}",
        "sep": "; ",
    },
    "fr": {
        "computed": "Calculé à la construction du site à partir d’autres faits : {formula} = {value}.",
        "input": "{label} : {value} (source : {sources}).",
        "formula_row": "Formule",
        "data_summary": "Les chiffres de ce graphique",
        "col_what": "Quoi",
        "col_value": "Valeur",
        "col_date": "Date",
        "col_event": "Événement",
        "col_sources": "Sources",
        "col_x": "{x}",
        "col_y": "{y}",
        "bar_desc": "Diagramme en barres de {n} valeurs en {unit} : {items}. La plus grande : {top}.",
        "strip_desc": "Frise de {n} événements, de {first} à {last} : {items}.",
        "line_desc": "Courbe{scales}. En abscisse : {x_mid}, de {x0} à {x1}. En ordonnée : {y_mid}, de {y0} à {y1}.",
        "line_log": " en échelles logarithmiques",
        "marked": " Repères : {items}.",
        "at": "à {x}",
        "share_key": "{label}",
        "number_col": "N°",
        "item": "{label} : {value}",
        "numbered": "{n}. {date} : {title}",
        "sep": " ; ",
    },
}


def words(lang: str) -> Mapping[str, str]:
    return WORDS.get(lang, WORDS["en"])


def mid_sentence(text: str) -> str:
    """A label as it reads inside a sentence: its first letter lowered unless it starts an acronym or a name
    written in capitals (`RGPD`, `eBay`)."""
    first = text.split(" ", 1)[0]
    if (len(first) > 1 and first[0].isupper() and first[1:].islower()) or (len(first) == 1 and first.isupper()):
        return text[0].lower() + text[1:]
    return text
