"""An Atom feed checked against RFC 4287, as the tests of the feed and of the built site read it.

No schema for Atom ships in a package this project installs (RFC 4287's RELAX NG
grammar is informative and not packaged), so the checks are two:

- feedparser, the feed reader library, parses it and raises no `bozo` flag
  (well-formed XML, a feed it understands);
- the RFC's own requirements, checked one by one on the XML: the elements a
  feed and an entry must have exactly once (id, title, updated), an author for
  every entry, at most one of the elements that may appear once, at most one
  `alternate` link per type and language, ids that are absolute IRIs and unique,
  dates in RFC 3339 form, text constructs of a known type, an entry without
  content has an alternate link, and a `self` link.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import feedparser
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
NS = {"a": ATOM}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TEXT_TYPES = {None, "text", "html", "xhtml"}


def problems(data: bytes) -> list[str]:
    """Every way `data` falls short of an Atom 1.0 feed; empty when it is one."""
    parsed = feedparser.parse(data)
    found = [f"feedparser: {parsed.bozo_exception}"] if parsed.bozo else []
    if parsed.get("version") != "atom10":
        found.append(f"feedparser reads it as {parsed.get('version')!r}, not Atom 1.0")
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        return [*found, f"not XML: {exc}"]
    if root.tag != f"{{{ATOM}}}feed":
        return [*found, f"the root element is {root.tag}, not atom:feed"]
    entries = root.findall("a:entry", NS)
    found += _container(root, "feed", ("id", "title", "updated"), ("subtitle", "rights", "icon", "logo", "generator"))
    if not root.findall("a:author", NS) and not all(e.findall("a:author", NS) for e in entries):
        found.append("feed: no atom:author, and not every entry has one (RFC 4287 4.1.1)")
    if not root.xpath("a:link[@rel='self']", namespaces=NS):
        found.append("feed: no link rel='self' (RFC 4287 4.1.1 says it should have one)")
    for i, entry in enumerate(entries):
        where = f"entry {i + 1}"
        found += _container(entry, where, ("id", "title", "updated"), ("published", "content", "summary", "rights"))
        if entry.find("a:content", NS) is None and not _alternates(entry):
            found.append(f"{where}: neither atom:content nor a link rel='alternate' (RFC 4287 4.1.2)")
    ids = [e.findtext("a:id", namespaces=NS) for e in entries]
    found += [f"entry id {i!r} appears {n} times" for i, n in Counter(ids).items() if n > 1]
    return found


def _alternates(element: etree._Element) -> list[etree._Element]:
    return [link for link in element.findall("a:link", NS) if link.get("rel", "alternate") == "alternate"]


def _container(element: etree._Element, where: str, once: tuple[str, ...], at_most_once: tuple[str, ...]) -> list[str]:
    found = []
    for name in once:
        n = len(element.findall(f"a:{name}", NS))
        if n != 1:
            found.append(f"{where}: atom:{name} appears {n} times, must appear once")
    for name in at_most_once:
        n = len(element.findall(f"a:{name}", NS))
        if n > 1:
            found.append(f"{where}: atom:{name} appears {n} times, at most once")
    ident = element.findtext("a:id", namespaces=NS) or ""
    if ident and not urlsplit(ident).scheme:
        found.append(f"{where}: atom:id {ident!r} is not an absolute IRI")
    for name in ("updated", "published"):
        for date in element.findall(f"a:{name}", NS):
            if not RFC3339.match(date.text or ""):
                found.append(f"{where}: atom:{name} {date.text!r} is not an RFC 3339 date-time")
    for name in ("title", "subtitle", "rights", "summary"):
        for text in element.findall(f"a:{name}", NS):
            if text.get("type") not in TEXT_TYPES:
                found.append(f"{where}: atom:{name} has the unknown type {text.get('type')!r}")
    kinds = Counter((link.get("type"), link.get("hreflang")) for link in _alternates(element))
    found += [f"{where}: {n} alternate links of type {k[0]!r}" for k, n in kinds.items() if n > 1]
    for link in element.findall("a:link", NS):
        if not link.get("href"):
            found.append(f"{where}: a link without href")
    return found
