"""Page metadata: descriptions for search and link previews, and JSON-LD.

JSON-LD goes inside `<script type="application/ld+json">`; `script_json`
escapes `<`, `>` and `&` so no text from content can close the script element.
"""

from __future__ import annotations

import json
import re
from typing import Any

from explainer.kinds import format_value
from explainer.language.locale import label, publisher, typography
from explainer.language.strings import strings
from explainer.model import Content, Page, PageKind, Source
from explainer.render.citation import page_url
from explainer.render.facts import substitute
from explainer.render.parts import RenderedPage, page_description, page_title
from explainer.site import LICENCES, SiteInfo

DESCRIPTION_LENGTH = 160


def script_json(data: object) -> str:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def lead_text(page: Page, content: Content, lang: str) -> str:
    """The page's first paragraph as plain text in `lang`, facts written out (the original while untranslated)."""
    if not page.sections:
        return ""
    section = content.sections[page.sections[0]]
    section = section.translations.get(lang, section)
    text = typography(substitute(section, content, lambda fact: format_value(fact, section.lang)), section.lang)
    paragraphs = [
        p for p in re.split(r"\n\s*\n", text) if p.strip() and not p.lstrip().startswith(("!!!", "???", "<", "#"))
    ]
    if not paragraphs:
        return ""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", paragraphs[0])  # links -> their text
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


def description(page: Page, content: Content, lang: str) -> str:
    """The page's summary in `lang` for search engines and link previews, at most `DESCRIPTION_LENGTH` characters."""
    text = page_description(page, lang) or lead_text(page, content, lang) or page_title(page, lang)
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    cut = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _publisher(site: SiteInfo) -> dict[str, Any]:
    return {"@type": "Organization", "name": site.publisher, "url": site.url}


def article(rendered: RenderedPage, content: Content, site: SiteInfo, lang: str) -> dict[str, Any]:
    page = rendered.page
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page_title(page, lang),
        "description": description(page, content, lang),
        "url": page_url(site, page),
        "mainEntityOfPage": page_url(site, page),
        "datePublished": site.published.isoformat(),
        "dateModified": max(rendered.updated or site.modified, site.published).isoformat(),
        "inLanguage": lang,
        "publisher": _publisher(site),
        "author": _publisher(site),
        "license": site.licence.url,
        "about": [
            {"@type": "Organization", "name": o.name, "url": o.url, "sameAs": list(o.same_as)}
            for o in content.organisations.values()
        ],
        "citation": [_cited(content.sources[s], lang) for s in rendered.source_ids],
    }


def _cited(source: Source, lang: str) -> dict[str, Any]:
    """A cited source as schema.org sees it: what (its own title), by whom (as `lang` writes it), when, where."""
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": source.title,
        "url": source.url,
        "publisher": {"@type": "Organization", "name": publisher(source, lang)},
        "datePublished": source.published.iso(),
    }
    if source.language:
        work["inLanguage"] = source.language
    if source.licence and LICENCES[source.licence].url:
        work["license"] = LICENCES[source.licence].url
    if source.archived:
        work["archivedAt"] = source.archived.url
    return work


def dataset(rendered: RenderedPage, content: Content, site: SiteInfo, lang: str) -> dict[str, Any]:
    page = rendered.page
    base = page_url(site, page)
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": typography(strings(lang).cite_dataset_name.format(site=site.name), lang),
        "description": description(page, content, lang),
        "url": base,
        "datePublished": site.published.isoformat(),
        "dateModified": max(rendered.updated or site.modified, site.published).isoformat(),
        "inLanguage": lang,
        "license": site.licence.url,
        "creator": _publisher(site),
        "publisher": _publisher(site),
        "isAccessibleForFree": True,
        "variableMeasured": sorted({label(f, lang) for f in content.facts.values()}),
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


def structured_data(rendered: RenderedPage, content: Content, site: SiteInfo, lang: str) -> dict[str, Any] | None:
    """Article for explainer pages, Dataset for the data page, nothing elsewhere; `lang` is the
    language of the page (`inLanguage`)."""
    if rendered.page.generated is PageKind.DATA:
        return dataset(rendered, content, site, lang)
    if rendered.page.generated is None:
        return article(rendered, content, site, lang)
    return None
