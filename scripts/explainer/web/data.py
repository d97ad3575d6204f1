"""Facts as downloadable data: `/data/facts.json` and `/data/facts.csv`.

Both list every fact in id order with the same fields, so a reader can trace
any figure on the site back to its source without scraping pages. Each
source carries the excerpt that supports the fact (`excerpt`, null when there
is none; in the CSV, `source_excerpts` joins them in source order, an empty
part for a source without one).

Both carry the fact's words in each of the site's languages besides the
original, from the same locale layer as the pages: in JSON, `translations`
maps a language code to its `label`, `display` (the value as that language's
pages show it), `unit` (the unit noun, when translated) and `note`; the CSV
adds `label_<lang>`, `display_<lang>` and `note_<lang>` after the other
columns (`label_fr`, `display_fr`, `note_fr`).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from explainer.kinds import format_value
from explainer.language.locale import ORIGINAL, forms, label, note
from explainer.load.evidence import excerpt
from explainer.model import Content, Fact, PartialDate

CSV_COLUMNS = (
    "id",
    "label",
    "kind",
    "value",
    "display",
    "unit",
    "qualifier",
    "as_of",
    "confidence",
    "note",
    "source_ids",
    "source_titles",
    "source_urls",
    "source_excerpts",
)
TRANSLATED_COLUMNS = ("label", "display", "note")
"""Added to the CSV for each language besides the original, as `<name>_<lang>`."""
CSV_SEPARATOR = " | "
"""Joins several sources inside one CSV cell."""


def _value(fact: Fact) -> int | float | str:
    return fact.value.iso() if isinstance(fact.value, PartialDate) else fact.value


def fact_record(fact: Fact, content: Content) -> dict[str, Any]:
    return {
        "id": fact.id,
        "label": fact.label,
        "kind": fact.kind,
        "value": _value(fact),
        "display": format_value(fact, ORIGINAL),
        "unit": fact.unit,
        "qualifier": fact.qualifier,
        "as_of": fact.as_of.iso(),
        "confidence": fact.confidence,
        "note": fact.note,
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher,
                "url": s.url,
                "published": s.published.iso(),
                "accessed": s.accessed.iso(),
                "excerpt": excerpt(fact.evidence, s.id),
            }
            for s in (content.sources[i] for i in fact.sources)
        ],
        "translations": {lang: _translation(fact, lang) for lang in content.languages[1:]},
    }


def _translation(fact: Fact, lang: str) -> dict[str, Any]:
    words = forms(fact, lang)
    return {
        "label": label(fact, lang),
        "display": format_value(fact, lang),
        "unit": words.unit if words is not None else None,
        "note": note(fact, lang),
    }


def csv_columns(content: Content) -> tuple[str, ...]:
    """The CSV's header: `CSV_COLUMNS`, then the translated columns of each language besides the original."""
    return CSV_COLUMNS + tuple(f"{name}_{lang}" for lang in content.languages[1:] for name in TRANSLATED_COLUMNS)


def facts_json(content: Content) -> str:
    records = [fact_record(f, content) for f in sorted(content.facts.values(), key=lambda f: f.id)]
    return json.dumps({"facts": records}, ensure_ascii=False, indent=2) + "\n"


def facts_csv(content: Content) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_columns(content))
    for fact in sorted(content.facts.values(), key=lambda f: f.id):
        r = fact_record(fact, content)
        sources = r.pop("sources")
        row = [r[c] if r.get(c) is not None else "" for c in CSV_COLUMNS[:-4]]
        row += [CSV_SEPARATOR.join(s[k] for s in sources) for k in ("id", "title", "url")]
        row.append(CSV_SEPARATOR.join(s["excerpt"] or "" for s in sources))
        for lang in content.languages[1:]:
            words = r["translations"][lang]
            row += [words[name] if words[name] is not None else "" for name in TRANSLATED_COLUMNS]
        writer.writerow(row)
    return out.getvalue()
