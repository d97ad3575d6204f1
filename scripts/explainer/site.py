"""The site around the content: its name, address, publisher, dates and licence.

One value, built once per build by whoever drives it (the MkDocs hook from
`mkdocs.yml`, the check command with defaults) and read by the renderer (the
data page's licence and "how to cite" line) and by the page metadata (JSON-LD).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from explainer.changelog import ChangeLog

LOCAL_URL = "http://127.0.0.1:8000/"
"""Where `mkdocs serve` shows the site; the address when none is configured."""


@dataclass(frozen=True)
class Licence:
    name: str
    """As readers see it: `CC BY 4.0`."""
    url: str
    """The licence's text, for machines (JSON-LD `license`)."""
    id: str = "CC-BY-4.0"
    """Its identifier (SPDX where there is one): what a source's `licence:` field names."""


CC_BY_4 = Licence("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")

LICENCES: dict[str, Licence] = {
    lic.id: lic
    for lic in (
        CC_BY_4,
        Licence("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/", "CC-BY-SA-4.0"),
        Licence("CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/", "CC-BY-NC-4.0"),
        Licence("CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/", "CC-BY-ND-4.0"),
        Licence("CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/", "CC-BY-NC-SA-4.0"),
        Licence("CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/", "CC-BY-NC-ND-4.0"),
        Licence("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
        Licence("ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/", "ODbL-1.0"),
        Licence("Licence Ouverte 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/", "etalab-2.0"),
        Licence(
            "Open Government Licence 3.0",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "OGL-UK-3.0",
        ),
        Licence("public domain", "https://creativecommons.org/publicdomain/mark/1.0/", "public-domain"),
        Licence("all rights reserved", "", "all-rights-reserved"),
    )
}
"""The licences a source may name (`licence:` in content/sources.yml), by id. `all-rights-reserved`
(most news articles) has no licence text to link to."""


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
    changes: ChangeLog = field(default_factory=ChangeLog.unavailable)
    """What changed in the content, commit by commit (`history.read_history`); unavailable without git history."""

    @property
    def version(self) -> str | None:
        """The commit the content was built from (short hash), when known."""
        return self.changes.head[:12] if self.changes.head else None

    @classmethod
    def create(
        cls,
        name: str = "Explainer",
        url: str | None = None,
        publisher: str | None = None,
        published: dt.date | None = None,
        modified: dt.date | None = None,
        edit_url: str | None = None,
        changes: ChangeLog | None = None,
    ) -> SiteInfo:
        """The descriptor with the defaults filled in: the local address, the site as its own
        publisher, published today, modified on the last content change in `changes` (else today)."""
        changes = changes or ChangeLog.unavailable()
        modified = modified or changes.last_date or dt.date.today()
        published = published or modified
        return cls(
            name,
            url or LOCAL_URL,
            publisher or name,
            published,
            max(modified, published),
            edit_url=edit_url,
            changes=changes,
        )
