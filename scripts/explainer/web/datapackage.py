"""`/data/datapackage.json`: `facts.csv` described as a Frictionless Data Package.

https://specs.frictionlessdata.io/data-package/ with one tabular resource,
`facts.csv`, whose Table Schema types and documents every column
(`data.CSV_COLUMNS`: a column added there without a description here fails
the tests), the translated ones included: `label_<lang>`, `display_<lang>`
and `note_<lang>` for each of the site's languages besides the original,
declared from the same table as their original column. They stay in the one
resource because they are in the one file: a resource describes a file, and
readers download `facts.csv` whole, so splitting the words of each language
into a resource of their own would mean another file to join back by id.
The package names the site's licence and each cited source with
its address; `version` is the commit the content was built from and
`created` the date of its last change, so two builds of one commit agree.
The JSON and CSV stay as they are; this file only describes the CSV.
"""

from __future__ import annotations

import json
import re
from typing import Any

from explainer import kinds
from explainer.kinds import CURRENCIES
from explainer.language.strings import language_name
from explainer.load.fields import ID_PATTERN, PARTIAL_DATE
from explainer.load.schema import QUALIFIERS
from explainer.model import Confidence, Content
from explainer.site import SiteInfo
from explainer.web.data import CSV_SEPARATOR, TRANSLATED_COLUMNS, csv_columns

_JOINED = f"joined by '{CSV_SEPARATOR}' in the order of source_ids"

FIELDS: dict[str, dict[str, Any]] = {
    "id": {
        "type": "string",
        "description": "The fact's id, stable across versions; /data/#fact-<id> links to its row.",
        "constraints": {"required": True, "unique": True, "pattern": ID_PATTERN},
    },
    "label": {"type": "string", "description": "What the value measures.", "constraints": {"required": True}},
    "display": {
        "type": "string",
        "description": "The value as the site shows it, qualifier and unit included.",
        "constraints": {"required": True},
    },
    "unit": {
        "type": "string",
        "description": "The noun after a number ('servers'), or the currency code for money "
        f"({', '.join(CURRENCIES)}).",
    },
    "qualifier": {
        "type": "string",
        "description": "The word before a value that is not exact.",
        "constraints": {"enum": list(QUALIFIERS)},
    },
    "as_of": {
        "type": "string",
        "description": "When the value was true: YYYY-MM-DD, or YYYY-MM / YYYY when only that is known.",
        "constraints": {"required": True, "pattern": PARTIAL_DATE},
    },
    "confidence": {
        "type": "string",
        "description": "Empty when sources agree; 'single-source' (not confirmed elsewhere) or 'disputed'.",
        "constraints": {"enum": [c.value for c in Confidence]},
    },
    "note": {"type": "string", "description": "Context a reader needs: a disagreement, a method, a caveat."},
    "source_ids": {
        "type": "string",
        "description": f"The ids of the sources the value comes from, joined by '{CSV_SEPARATOR}'; "
        "each is listed in this package's sources.",
        "constraints": {"required": True},
    },
    "source_titles": {
        "type": "string",
        "description": f"The sources' titles, {_JOINED}.",
        "constraints": {"required": True},
    },
    "source_urls": {
        "type": "string",
        "description": f"The sources' addresses, {_JOINED}.",
        "constraints": {"required": True},
    },
    "source_excerpts": {
        "type": "string",
        "description": f"Each source's own words supporting the value, {_JOINED} (an empty part where none is quoted).",
    },
}
"""Each CSV column's Table Schema field but `kind` and `value`, which the kinds describe (`_kind_fields`)."""


def _or(names: list[str], word: str) -> str:
    return ", ".join(names[:-1]) + f" {word} " + names[-1] if len(names) > 1 else "".join(names)


def _kind_fields() -> dict[str, dict[str, Any]]:
    """The `kind` and `value` columns, each kind saying how its values are written (`Kind.data_value`)."""
    names = list(kinds.KINDS)
    written: dict[str, list[kinds.Kind]] = {}
    for kind in kinds.KINDS.values():
        written.setdefault(kind.data_value, []).append(kind)
    parts = []
    for data_value, group in written.items():
        notes = [k.data_note for k in group if k.data_note]
        parts.append(
            f"{data_value} for {_or([k.name for k in group], 'and')}" + (f" ({'; '.join(notes)})" if notes else "")
        )
    return {
        "kind": {
            "type": "string",
            "description": f"How the value is read: {_or(names, 'or')}.",
            "constraints": {"required": True, "enum": names},
        },
        "value": {
            "type": "string",
            "description": f"The value as data: {', '.join(parts)}.",
            "constraints": {"required": True},
        },
    }


def _translated(name: str, lang: str) -> dict[str, Any]:
    """The field of `<name>_<lang>`: its original column's, in that language (never unique: two
    languages may spell a label alike)."""
    field = FIELDS[name]
    constraints = {k: v for k, v in field.get("constraints", {}).items() if k == "required"}
    described = f"{field['description']} In {language_name(lang)} ('{lang}'), as that edition shows it."
    return {"type": field["type"], "description": described} | ({"constraints": constraints} if constraints else {})


def fields(content: Content) -> list[dict[str, Any]]:
    """The Table Schema fields of `facts.csv`, one per column of its header (`data.csv_columns`)."""
    translated = {f"{n}_{lang}": (n, lang) for lang in content.languages[1:] for n in TRANSLATED_COLUMNS}
    described = FIELDS | _kind_fields()
    return [
        {"name": c, **(described[c] if c in described else _translated(*translated[c]))} for c in csv_columns(content)
    ]


def _name(text: str) -> str:
    """A Data Package name: lowercase letters, digits, '-', '.', '_'."""
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-") or "explainer"


def datapackage(content: Content, site: SiteInfo) -> dict[str, Any]:
    data_url = site.url.rstrip("/") + "/data/"
    licence = {"name": site.licence.id, "path": site.licence.url, "title": site.licence.name}
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": _name(f"{site.name} facts"),
        "title": f"{site.name}: facts and sources",
        "description": "Every fact of the explainer with its value, as-of date and sources, one row per fact. "
        "Each figure also belongs to the source it cites.",
        "homepage": data_url,
        "licenses": [licence],
        "contributors": [{"title": site.publisher, "path": site.url, "role": "publisher"}],
        "sources": [
            {"title": s.title, "path": s.url} | ({"archived": s.archived.url} if s.archived else {})
            for s in sorted(content.sources.values(), key=lambda s: s.id)
        ],
        "created": (site.changes.last_date or site.modified).isoformat() + "T00:00:00Z",
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "facts",
                "path": "facts.csv",
                "title": "Facts",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [licence],
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True},
                "schema": {
                    "fields": fields(content),
                    "primaryKey": ["id"],
                    "missingValues": [""],
                },
            }
        ],
    }
    if site.version:
        package["version"] = site.version
    return package


def datapackage_json(content: Content, site: SiteInfo) -> str:
    return json.dumps(datapackage(content, site), ensure_ascii=False, indent=2) + "\n"
