"""Facts as downloadable data: `/data/facts.json` and `/data/facts.csv`.

Both list every fact in id order with the same fields, so a reader can trace
any figure on the site back to its source without scraping pages. Each
source carries the excerpt that supports the fact (`excerpt`, null when there
is none; in the CSV, `source_excerpts` joins them in source order, an empty
part for a source without one).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..evidence import excerpt
from ..formatting import format_value
from ..model import Content, Fact, PartialDate

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
        "display": format_value(fact),
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
    }


def facts_json(content: Content) -> str:
    records = [fact_record(f, content) for f in sorted(content.facts.values(), key=lambda f: f.id)]
    return json.dumps({"facts": records}, ensure_ascii=False, indent=2) + "\n"


def facts_csv(content: Content) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for fact in sorted(content.facts.values(), key=lambda f: f.id):
        r = fact_record(fact, content)
        sources = r.pop("sources")
        row = [r[c] if r.get(c) is not None else "" for c in CSV_COLUMNS[:-4]]
        row += [CSV_SEPARATOR.join(s[k] for s in sources) for k in ("id", "title", "url")]
        row.append(CSV_SEPARATOR.join(s["excerpt"] or "" for s in sources))
        writer.writerow(row)
    return out.getvalue()
