"""The site around the content: its name, address, publisher, dates and licence.

One value, built once per build by whoever drives it (the MkDocs hook from
`mkdocs.yml`, the check command with defaults) and read by the renderer (the
data page's licence and "how to cite" line) and by the page metadata (JSON-LD).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LOCAL_URL = "http://127.0.0.1:8000/"
"""Where `mkdocs serve` shows the site; the address when none is configured."""


@dataclass(frozen=True)
class Licence:
    name: str
    """As readers see it: `CC BY 4.0`."""
    url: str
    """The licence's text, for machines (JSON-LD `license`)."""


CC_BY_4 = Licence("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str
    """The site's base address, ending in a slash."""
    publisher: str
    published: dt.date
    modified: dt.date
    """Never before `published`."""
    licence: Licence = CC_BY_4
    edit_url: str | None = None
    """Where a content file is edited, its path appended (the repository's edit address); None: no edit links."""

    @classmethod
    def create(
        cls,
        name: str = "Explainer",
        url: str | None = None,
        publisher: str | None = None,
        published: dt.date | None = None,
        modified: dt.date | None = None,
        edit_url: str | None = None,
    ) -> SiteInfo:
        """The descriptor with the defaults filled in: the local address, the site as its own
        publisher, published and modified today."""
        modified = modified or dt.date.today()
        published = published or modified
        return cls(name, url or LOCAL_URL, publisher or name, published, max(modified, published), edit_url=edit_url)
