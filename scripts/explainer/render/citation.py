"""How to cite a page or the dataset: one value, written as a short and a full citation.

The web layer writes the same value as BibTeX and CSL-JSON
(`explainer.web.cite`), so the three never disagree. Dates are the site's
publication date and the page's last content change (from history), never
the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from explainer.language.locale import format_date, typography
from explainer.language.strings import strings
from explainer.model import Page, PartialDate
from explainer.site import SiteInfo


def page_url(site: SiteInfo, page: Page) -> str:
    return site.url.rstrip("/") + "/" + ("" if page.id == "index" else f"{page.id}/")


def human(date: dt.date, lang: str) -> str:
    """A day as readers of `lang` read it: `1 March 2026`, `1er mars 2026` (the locale layer's)."""
    return format_date(PartialDate.parse(date.isoformat()), lang)


@dataclass(frozen=True)
class Citation:
    key: str
    """The page id: names the files (`cite/<key>.bib`) and the BibTeX key."""
    title: str
    container: str
    """The site's name."""
    publisher: str
    url: str
    published: dt.date
    updated: dt.date
    version: str | None = None
    dataset: bool = False
    lang: str = field(kw_only=True)
    """The language the cited page is written in (its dates and words in the citation are too)."""

    @property
    def bibtex_key(self) -> str:
        return "".join(
            c for c in f"{self.container.split()[0]}-{self.key}-{self.updated.year}" if c.isalnum() or c in "-_"
        )

    def short(self) -> str:
        """`Site, “Title”, updated 26 November 2026, https://...` (in the page's language)."""
        words, lang = strings(self.lang), self.lang
        updated = words.cite_updated.format(date=human(self.updated, lang))
        return typography(f"{self.container}, {words.quote.format(text=self.title)}, {updated}, ", lang) + self.url

    def full(self) -> str:
        """`Publisher. “Title.” Site, published D, updated D; version V. URL` (in the page's language)."""
        words, lang = strings(self.lang), self.lang
        dates = [words.cite_published.format(date=human(self.published, lang))]
        if self.updated != self.published:
            dates.append(words.cite_updated.format(date=human(self.updated, lang)))
        version = f"; {words.cite_version.format(version=self.version)}" if self.version else ""
        title = self.title if self.title.endswith((".", "?", "!")) else self.title + "."
        text = f"{self.publisher}. {words.quote.format(text=title)} {self.container}, {', '.join(dates)}{version}. "
        return typography(text, lang) + self.url


def cite_page(page: Page, site: SiteInfo, updated: dt.date | None, dataset: bool = False, *, lang: str) -> Citation:
    """How to cite `page` in its `lang` edition (`site` is that edition's: its name and address)."""
    forms = page.translations.get(lang)
    if dataset:
        title = strings(lang).cite_dataset_name.format(site=site.name)
    else:
        title = page.title if forms is None else forms.title
    updated = max(updated or site.modified, site.published)
    return Citation(
        page.id,
        title,
        site.name,
        site.publisher,
        page_url(site, page),
        site.published,
        updated,
        site.version,
        dataset,
        lang=lang,
    )
