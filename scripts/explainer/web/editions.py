"""The site's editions: one per language, each a whole site under its own path.

The original language is served at the site's root, every other language at
the same paths under `/<lang>/` (`/about/` and `/fr/about/`).
This module turns the configured language list and the site's address into
`Edition`s and answers what every page needs to point at its translations:

- `alternates`: the `<link rel="alternate" hreflang>` set of a page (every
  edition plus `x-default`, the original), absolute as search engines want,
  the same on every edition of the page, so they are reciprocal;
- `switch_links`: the header's language switcher, relative links to the same
  page in each edition (they work under any host, and in a copied folder);
- `merge_sitemaps`: one `sitemap.xml` listing every page of every edition.

Plain Python: the MkDocs hook wires it in.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from explainer.language.catalog import LANGUAGES, language

X_DEFAULT = "x-default"
"""The hreflang of the page shown to readers whose language has no edition: the original's."""

_CODE = re.compile(r"^[a-z]{2,3}$")
_URL = re.compile(r"<url>.*?</url>", re.DOTALL)


@dataclass(frozen=True)
class Edition:
    """The site in one language."""

    lang: str
    """ISO 639-1 code, as in `<html lang>` and `hreflang`: `en`, `fr`."""
    prefix: str
    """Where the edition lives under the site's root: `""` for the original, `"fr/"`."""
    url: str
    """The edition's root address: the site's address plus `prefix`."""

    @property
    def original(self) -> bool:
        return self.prefix == ""

    @property
    def name(self) -> str:
        """The language's name in itself, as a switcher shows it: `English`, `Français`."""
        name = Locale.parse(self.lang).get_display_name(self.lang) or self.lang
        return name[:1].upper() + name[1:]

    @property
    def og_locale(self) -> str:
        """The Open Graph locale: the language file's (`en_GB`, `fr_FR`), else CLDR's likeliest (`de_DE`)."""
        if self.lang in LANGUAGES:
            return language(self.lang).locale
        likely: str = get_global("likely_subtags").get(self.lang, self.lang)
        return f"{self.lang}_{Locale.parse(likely).territory or self.lang.upper()}"


@dataclass(frozen=True)
class Alternate:
    """One `<link rel="alternate">` of a page (and `<xhtml:link>` of its sitemap entry)."""

    hreflang: str
    href: str


@dataclass(frozen=True)
class SwitchLink:
    """One entry of the language switcher."""

    lang: str
    name: str
    href: str
    current: bool


def plan(languages: Sequence[object], site_url: str) -> tuple[Edition, ...]:
    """The editions of a site: the first language at the root, the others under `/<lang>/`.

    Raises ValueError naming the problem for an empty list, a duplicate, or a code that is not
    a lower-case ISO 639 code CLDR knows.
    """
    if not languages:
        raise ValueError("'languages' lists no language")
    root = site_url if site_url.endswith("/") else site_url + "/"
    editions: list[Edition] = []
    for position, lang in enumerate(languages):
        if not isinstance(lang, str) or not _CODE.match(lang):
            raise ValueError(f"'languages' item {position + 1}: {lang!r} is not a language code such as 'en' or 'fr'")
        try:
            Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            raise ValueError(f"'languages' item {position + 1}: unknown language code '{lang}'") from None
        if any(e.lang == lang for e in editions):
            raise ValueError(f"'languages' item {position + 1}: '{lang}' is listed twice")
        prefix = "" if not editions else f"{lang}/"
        editions.append(Edition(lang, prefix, root + prefix))
    return tuple(editions)


def alternates(page_url: str, editions: Sequence[Edition]) -> list[Alternate]:
    """The alternates of the page at `page_url` (relative to an edition's root: `""`,
    `about/`): one per edition, then `x-default`. Empty for a one-language site."""
    if len(editions) < 2:
        return []
    found = [Alternate(e.lang, e.url + page_url) for e in editions]
    return [*found, Alternate(X_DEFAULT, editions[0].url + page_url)]


def relative(from_path: str, to_path: str) -> str:
    """A link from the page at site path `from_path` to `to_path` (both from the site's root,
    directory URLs ending in `/`): `relative("fr/about/", "about/")` is `../../about/`."""
    start = from_path.rsplit("/", 1)[0] if "/" in from_path else ""
    link = posixpath.relpath(to_path or ".", start or ".")
    if to_path == "" or to_path.endswith("/"):
        link = "./" if link == "." else link.rstrip("/") + "/"
    return link


def switch_links(page_url: str, current: Edition, editions: Sequence[Edition]) -> list[SwitchLink]:
    """The switcher's links from the page at `page_url` in `current`: the same page in every
    edition. (Pages without an address of their own, such as a 404 page served at any path,
    link to each edition's absolute root instead.)"""
    here = current.prefix + page_url
    return [SwitchLink(e.lang, e.name, relative(here, e.prefix + page_url), e.lang == current.lang) for e in editions]


def merge_sitemaps(first: str, *others: str) -> str:
    """`first` with the `<url>` entries of `others` added before its end, in order."""
    entries = "".join(f"\n    {m.group(0)}" for other in others for m in _URL.finditer(other))
    end = first.rindex("</urlset>")
    return first[:end].rstrip() + entries + "\n" + first[end:]
