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

`facts.json` names its JSON Schema, published beside it as
`facts.schema.json` (`"$schema": "facts.schema.json"`, relative to the file):
written from the engine's own definitions (the fact kinds, qualifiers,
confidence levels and the site's languages), so tools can check a download
and the tests check the published one against it.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from explainer import kinds
from explainer.kinds import format_value
from explainer.language.locale import ORIGINAL, forms, label, note
from explainer.load.evidence import excerpt
from explainer.load.fields import ID_PATTERN, PARTIAL_DATE
from explainer.load.schema import QUALIFIERS
from explainer.model import Confidence, Content, Fact, PartialDate

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
FACTS_SCHEMA = "facts.schema.json"
"""The JSON Schema of `facts.json`, published beside it and named by its `$schema`."""
CSV_SEPARATOR = " | "
"""Joins several sources inside one CSV cell."""


def _data(fact: Fact) -> int | float | str:
    return fact.value.iso() if isinstance(fact.value, PartialDate) else fact.value


def fact_record(fact: Fact, content: Content) -> dict[str, Any]:
    return {
        "id": fact.id,
        "label": fact.label,
        "kind": fact.kind,
        "value": _data(fact),
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
    return json.dumps({"$schema": FACTS_SCHEMA, "facts": records}, ensure_ascii=False, indent=2) + "\n"


_PARTIAL_DATE = {"type": "string", "pattern": PARTIAL_DATE}
_TEXT = {"type": "string", "minLength": 1}


def _value(kind: kinds.Kind) -> dict[str, Any]:
    """`value` as data: an ISO date for a dated kind, a number for a numeric one, else text."""
    if kind.dated:
        return _PARTIAL_DATE
    return {"type": "number"} if kind.numeric else _TEXT


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    """An object with exactly these members (all of them required unless `required` says which)."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def facts_schema(content: Content) -> dict[str, Any]:
    """The JSON Schema (2020-12) of `facts.json` as `facts_json` writes it for this site's languages."""
    source = _object(
        {
            "id": _TEXT,
            "title": _TEXT,
            "publisher": _TEXT,
            "url": {"type": "string", "pattern": "^https?://"},
            "published": _PARTIAL_DATE,
            "accessed": _PARTIAL_DATE,
            "excerpt": _nullable(_TEXT),
        }
    )
    translation = _object(
        {"label": _TEXT, "display": _TEXT, "unit": _nullable(_TEXT), "note": _nullable(_TEXT)},
    )
    by_kind = [
        {"if": {"properties": {"kind": {"const": kind.name}}}, "then": {"properties": {"value": _value(kind)}}}
        for kind in kinds.KINDS.values()
    ]
    others = list(content.languages[1:])
    fact = _object(
        {
            "id": {"type": "string", "pattern": ID_PATTERN},
            "label": _TEXT,
            "kind": {"enum": list(kinds.KINDS)},
            "value": {"type": ["number", "string"]},
            "display": _TEXT,
            "unit": _nullable(_TEXT),
            "qualifier": _nullable({"enum": list(QUALIFIERS)}),
            "as_of": _PARTIAL_DATE,
            "confidence": _nullable({"enum": [c.value for c in Confidence]}),
            "note": _nullable(_TEXT),
            "sources": {"type": "array", "items": source, "minItems": 1},
            "translations": _object({lang: translation for lang in others}),
        }
    ) | {"allOf": by_kind}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "facts.json",
        "description": "Every fact of the explainer, in id order, with its value, as-of date and sources, and "
        "its words in each language besides the original (`translations`, by language code).",
        "type": "object",
        "properties": {
            "$schema": {"const": FACTS_SCHEMA},
            "facts": {"type": "array", "items": fact},
        },
        "required": ["facts"],
        "additionalProperties": False,
    }


def facts_schema_json(content: Content) -> str:
    return json.dumps(facts_schema(content), ensure_ascii=False, indent=2) + "\n"


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
