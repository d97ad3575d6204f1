"""How to cite a page or the dataset: one value, written as a short and a full citation.

The web layer writes the same value as BibTeX and CSL-JSON
(`explainer.web.cite`), so the three never disagree. Dates are the site's
publication date and the page's last content change (from history), never
the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import MONTHS, Page
from .site import SiteInfo
from .wording import EN, Wording


def page_url(site: SiteInfo, page: Page) -> str:
    return site.url.rstrip("/") + "/" + ("" if page.id == "index" else f"{page.id}/")


def human(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month]} {date.year}"


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

    @property
    def bibtex_key(self) -> str:
        return "".join(
            c for c in f"{self.container.split()[0]}-{self.key}-{self.updated.year}" if c.isalnum() or c in "-_"
        )

    def short(self, wording: Wording = EN) -> str:
        """`Site, “Title”, updated 26 November 2026, https://...`"""
        return f"{self.container}, “{self.title}”, {wording.updated.format(date=human(self.updated))}, {self.url}"

    def full(self, wording: Wording = EN) -> str:
        """`Publisher. “Title.” Site, published D, updated D; version V. URL`"""
        dates = [wording.published.format(date=human(self.published))]
        if self.updated != self.published:
            dates.append(wording.updated.format(date=human(self.updated)))
        version = f"; {wording.version.format(version=self.version)}" if self.version else ""
        title = self.title if self.title.endswith((".", "?", "!")) else self.title + "."
        return f"{self.publisher}. “{title}” {self.container}, {', '.join(dates)}{version}. {self.url}"


def cite_page(page: Page, site: SiteInfo, updated: dt.date | None, dataset: bool = False) -> Citation:
    title = f"{site.name}: facts and sources" if dataset else page.title
    updated = max(updated or site.modified, site.published)
    return Citation(
        page.id, title, site.name, site.publisher, page_url(site, page), site.published, updated, site.version, dataset
    )
