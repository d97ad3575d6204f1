"""A page's citation as files for reference managers: BibTeX (`cite/<page>.bib`) and CSL-JSON (`cite/<page>.json`).

Both are written from the same `Citation` the page's "Cite this" block shows,
so the three agree. BibTeX uses biblatex's `@online` (with `@dataset` for the
data page); CSL-JSON is the array of items Zotero, Mendeley and pandoc read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from explainer.language.strings import language_name
from explainer.render.citation import Citation

_BIBTEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def _bib(text: str) -> str:
    """Text for a BibTeX field in braces: special characters escaped, capitals kept as written."""
    return "{" + " ".join(text.split()).translate(_BIBTEX_SPECIAL) + "}"


def bibtex(citation: Citation) -> str:
    fields = [
        ("title", "{" + _bib(citation.title) + "}"),  # double braces: styles must not change its case
        ("organization", _bib(citation.publisher)),
        ("titleaddon", _bib(citation.container)),
        ("date", _bib(citation.updated.isoformat())),
        ("origdate", _bib(citation.published.isoformat())),
        ("url", "{" + citation.url + "}"),
    ]
    if citation.version:
        fields.append(("version", _bib(citation.version)))
    fields.append(("langid", _bib(language_name(citation.lang).lower())))  # biblatex's name: english, french
    kind = "dataset" if citation.dataset else "online"
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{citation.bibtex_key},\n{body}\n}}\n"


def _date(date: dt.date) -> dict[str, Any]:
    return {"date-parts": [[date.year, date.month, date.day]]}


def csl_item(citation: Citation) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": citation.bibtex_key,
        "type": "dataset" if citation.dataset else "webpage",
        "title": citation.title,
        "container-title": citation.container,
        "publisher": citation.publisher,
        "author": [{"literal": citation.publisher}],
        "URL": citation.url,
        "issued": _date(citation.updated),
        "original-date": _date(citation.published),
    }
    if citation.version:
        item["version"] = citation.version
    item["language"] = citation.lang
    return item


def csl_json(citation: Citation) -> str:
    return json.dumps([csl_item(citation)], ensure_ascii=False, indent=2) + "\n"


def citation_files(citations: Iterable[Citation]) -> dict[str, str]:
    """Path in the site -> text, for each citation: `cite/<key>.bib` and `cite/<key>.json`."""
    files: dict[str, str] = {}
    for c in citations:
        files[f"cite/{c.key}.bib"] = bibtex(c)
        files[f"cite/{c.key}.json"] = csl_json(c)
    return files
