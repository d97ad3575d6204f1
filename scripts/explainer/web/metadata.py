"""Page metadata: descriptions for search and link previews, and JSON-LD.

JSON-LD goes inside `<script type="application/ld+json">`; `script_json`
escapes `<`, `>` and `&` so no text from content can close the script element.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..citation import page_url
from ..formatting import format_value
from ..model import Content, Page, PageKind, Source
from ..render import RenderedPage, substitute
from ..site import LICENCES, SiteInfo

DESCRIPTION_LENGTH = 160


def script_json(data: object) -> str:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def lead_text(page: Page, content: Content) -> str:
    """The page's first paragraph as plain text, facts written out."""
    if not page.sections:
        return ""
    text = substitute(content.sections[page.sections[0]], content, format_value)
    paragraphs = [
        p for p in re.split(r"\n\s*\n", text) if p.strip() and not p.lstrip().startswith(("!!!", "???", "<", "#"))
    ]
    if not paragraphs:
        return ""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", paragraphs[0])  # links -> their text
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


def description(page: Page, content: Content) -> str:
    text = page.description or lead_text(page, content) or page.title
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    cut = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _publisher(site: SiteInfo) -> dict[str, Any]:
    return {"@type": "Organization", "name": site.publisher, "url": site.url}


def article(rendered: RenderedPage, content: Content, site: SiteInfo) -> dict[str, Any]:
    page = rendered.page
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": description(page, content),
        "url": page_url(site, page),
        "mainEntityOfPage": page_url(site, page),
        "datePublished": site.published.isoformat(),
        "dateModified": max(rendered.updated or site.modified, site.published).isoformat(),
        "inLanguage": "en",
        "publisher": _publisher(site),
        "author": _publisher(site),
        "license": site.licence.url,
        "about": [
            {"@type": "Organization", "name": o.name, "url": o.url, "sameAs": list(o.same_as)}
            for o in content.organisations.values()
        ],
        "citation": [_cited(content.sources[s]) for s in rendered.source_ids],
    }


def _cited(source: Source) -> dict[str, Any]:
    """A cited source as schema.org sees it: what, by whom, when, where (and its archived copy)."""
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": source.title,
        "url": source.url,
        "publisher": {"@type": "Organization", "name": source.publisher},
        "datePublished": source.published.iso(),
    }
    if source.language:
        work["inLanguage"] = source.language
    if source.licence and LICENCES[source.licence].url:
        work["license"] = LICENCES[source.licence].url
    if source.archived:
        work["archivedAt"] = source.archived.url
    return work


def dataset(rendered: RenderedPage, content: Content, site: SiteInfo) -> dict[str, Any]:
    page = rendered.page
    base = page_url(site, page)
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"{site.name}: facts and sources",
        "description": description(page, content),
        "url": base,
        "datePublished": site.published.isoformat(),
        "dateModified": max(rendered.updated or site.modified, site.published).isoformat(),
        "license": site.licence.url,
        "creator": _publisher(site),
        "publisher": _publisher(site),
        "isAccessibleForFree": True,
        "variableMeasured": sorted({f.label for f in content.facts.values()}),
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": base + "facts.json"},
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": base + "facts.csv"},
            {
                "@type": "DataDownload",
                # A URL is an encodingFormat too (schema.org): which JSON this is, told apart from facts.json.
                "encodingFormat": "https://specs.frictionlessdata.io/data-package/",
                "contentUrl": base + "datapackage.json",
                "description": "Frictionless Data Package describing facts.csv",
            },
        ],
    }


def structured_data(rendered: RenderedPage, content: Content, site: SiteInfo) -> dict[str, Any] | None:
    """Article for explainer pages, Dataset for the data page, nothing elsewhere."""
    if rendered.page.generated is PageKind.DATA:
        return dataset(rendered, content, site)
    if rendered.page.generated is None:
        return article(rendered, content, site)
    return None
